package dev.nospof.operator;

import dev.nospof.admission.CelPolicies;
import dev.nospof.engine.CelCheck;
import dev.nospof.engine.Engine;
import dev.nospof.model.Hpa;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the ValidatingAdmissionPolicies of {@link CelPolicies} in the cluster: the leader
 * computes them from the shared caches (policies, autoscalers) when it starts leading and every
 * {@code nospof.admission.cel-sync-interval}, applies those that changed (server-side apply,
 * field manager nospof) and deletes those no policy asks for any more (they are also owned by
 * their RedundancyPolicy, so the garbage collector removes them with it). Only while admission is
 * on ({@link AdmissionSettings}: a URL or a Service).
 */
@Singleton
public class CelAdmissionPolicies {

    private static final Logger LOG = Logger.getLogger(CelAdmissionPolicies.class);
    private static final Duration FULL_APPLY = Duration.ofMinutes(5);

    private final KubernetesClient client;
    private final ClusterCache cluster;
    private final Leadership leadership;
    private final AdmissionSettings settings;
    private final List<CelCheck> checks;
    private final Clock clock;
    private final Duration interval;
    /** What was applied, by name, as JSON: a sync that would change nothing writes nothing. */
    private final Map<String, String> applied = new HashMap<>();
    private boolean swept;
    private Instant lastFullApply = Instant.EPOCH;
    private final ProblemLog problems = new ProblemLog(LOG, "ValidatingAdmissionPolicies in order again");
    private LeaderTimer timer;

    public CelAdmissionPolicies(KubernetesClient client, ClusterCache cluster, Leadership leadership, AdmissionSettings settings, Engine engine,
            Clock clock, @ConfigProperty(name = "nospof.admission.cel-sync-interval", defaultValue = "10s") Duration interval) {
        this.client = client;
        this.cluster = cluster;
        this.leadership = leadership;
        this.settings = settings;
        this.checks = engine.checks().stream().filter(CelCheck.class::isInstance).map(CelCheck.class::cast).toList();
        this.clock = clock;
        this.interval = interval;
    }

    void onStart(@Observes StartupEvent event) {
        if (settings.url().isPresent() || settings.service().isPresent()) {
            timer = new LeaderTimer("nospof-cel-admission-policies", leadership, interval, this::sync);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.stop();
        }
    }

    synchronized void sync() {
        try {
            cluster.start();
            Instant now = Instant.now(clock);
            if (Duration.between(lastFullApply, now).compareTo(FULL_APPLY) > 0) {
                // Now and then a full sync: everything applied again (a no-op when nothing changed: one deleted by hand
                // comes back) and the listed ones not wanted deleted.
                applied.clear();
                swept = false;
                lastFullApply = now;
            }
            Set<String> autoscaled = new HashSet<>();
            for (Hpa hpa : cluster.allHpas()) {
                autoscaled.add(hpa.namespace() + "/" + hpa.targetKind() + "/" + hpa.targetName());
            }
            List<String> excluded = Stream.concat(Stream.of("kube-system"), settings.namespace().stream()).toList();
            List<CelPolicies.Generated> wanted = CelPolicies.generate(cluster.policies(), checks, autoscaled, excluded, now);
            Set<String> names = new HashSet<>();
            for (CelPolicies.Generated generated : wanted) {
                names.add(generated.name());
                apply(generated.policy());
                apply(generated.binding());
            }
            if (!swept) {
                // Left by an earlier leader or an earlier policy: everything generated that is not wanted now.
                Stream.concat(client.admissionRegistration().v1().validatingAdmissionPolicies()
                                        .withLabel(CelPolicies.MANAGED_BY, "nospof").withLabel(CelPolicies.POLICY_LABEL).list().getItems().stream(),
                                client.admissionRegistration().v1().validatingAdmissionPolicyBindings()
                                        .withLabel(CelPolicies.MANAGED_BY, "nospof").withLabel(CelPolicies.POLICY_LABEL).list().getItems().stream())
                        .filter(o -> !names.contains(o.getMetadata().getName()))
                        .forEach(o -> delete(o.getKind(), o.getMetadata().getName()));
                swept = true;
            }
            for (String key : Set.copyOf(applied.keySet())) {
                String name = key.substring(key.indexOf('/') + 1);
                if (!names.contains(name)) {
                    delete(key.substring(0, key.indexOf('/')), name);
                    applied.remove(key);
                }
            }
            problems.report(null);
        } catch (RuntimeException e) {
            problems.report("ValidatingAdmissionPolicies not kept: " + FailureLog.reason(e) + " (retried every " + interval.toSeconds() + " s)");
        }
    }

    private void apply(HasMetadata object) {
        String key = object.getKind() + "/" + object.getMetadata().getName();
        String json = client.getKubernetesSerialization().asJson(object);
        if (json.equals(applied.get(key))) {
            return;
        }
        client.resource(object).fieldManager("nospof").forceConflicts().serverSideApply();
        if (!applied.containsKey(key) && object instanceof ValidatingAdmissionPolicy) {
            LOG.infof("generated ValidatingAdmissionPolicy %s", object.getMetadata().getName());
        }
        applied.put(key, json);
    }

    /** By name: what is deleted need not be read first. */
    private void delete(String kind, String name) {
        var admission = client.admissionRegistration().v1();
        if (kind.equals("ValidatingAdmissionPolicyBinding")) {
            admission.validatingAdmissionPolicyBindings().withName(name).delete();
        } else {
            admission.validatingAdmissionPolicies().withName(name).delete();
            LOG.infof("deleted ValidatingAdmissionPolicy %s: no policy asks for it", name);
        }
    }
}
