package dev.nospof.operator;

import dev.nospof.engine.Engine;
import dev.nospof.model.DeclaredKind;
import dev.nospof.policy.DeclaredWorkloadKind;
import dev.nospof.policy.PolicyValidation;
import dev.nospof.policy.RedundancyPolicy;
import dev.nospof.policy.WorkloadKindDeclarations;
import dev.nospof.report.SpofReport;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Runs one {@link DeclaredKindLoop} per workload kind the policies declare
 * ({@code spec.workloadKinds}), on the leader: a kind newly declared starts being evaluated, a
 * changed declaration is evaluated anew, and a kind no policy declares any more stops, its
 * reports deleted (nospof wrote them; nothing judges them any more).
 */
@Singleton
public class DeclaredWorkloadKinds {

    private static final Logger LOG = Logger.getLogger(DeclaredWorkloadKinds.class);

    private final KubernetesClient client;
    private final Engine engine;
    private final Clock clock;
    private final OperatorMetrics metrics;
    private final ClusterCache cluster;
    private final WorkloadIndex index;
    private final Leadership leadership;
    private final OrphanReports orphans;
    private final Remediator remediator;
    private final Map<String, DeclaredKindLoop> loops = new LinkedHashMap<>();
    private final List<Consumer<Set<String>>> stateListeners = new CopyOnWriteArrayList<>();
    private Runnable subscription;
    private boolean stopped;

    public DeclaredWorkloadKinds(KubernetesClient client, Engine engine, Clock clock, OperatorMetrics metrics, ClusterCache cluster,
            WorkloadIndex index, Leadership leadership, OrphanReports orphans, Remediator remediator) {
        this.client = client;
        this.engine = engine;
        this.clock = clock;
        this.metrics = metrics;
        this.cluster = cluster;
        this.index = index;
        this.leadership = leadership;
        this.orphans = orphans;
        this.remediator = remediator;
    }

    void onStart(@Observes StartupEvent event) {
        leadership.whenLeading(() -> {
            cluster.start();
            synchronized (this) {
                subscription = cluster.onPolicyChange(this::refresh);
            }
            refresh();
        });
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (subscription != null) {
            subscription.run();
        }
        loops.values().forEach(DeclaredKindLoop::stop);
        loops.clear();
    }

    /** Brings the loops in line with what the policies declare now. */
    synchronized void refresh() {
        if (stopped) {
            return;
        }
        Map<String, DeclaredKind> wanted = new HashMap<>();
        for (DeclaredKind declared : WorkloadKindDeclarations.of(cluster.policies())) {
            wanted.put(declared.kind().apiVersion() + "/" + declared.kind().kind(), declared);
        }
        for (var it = loops.entrySet().iterator(); it.hasNext();) {
            var entry = it.next();
            DeclaredKind now = wanted.get(entry.getKey());
            if (entry.getValue().declared().equals(now)) {
                continue;
            }
            List<SpofReport> left = entry.getValue().stop();
            it.remove();
            if (now == null || !now.kind().label().equals(entry.getValue().declared().kind().label())) {
                deleteReports(entry.getValue().declared(), left);
            }
        }
        wanted.forEach((key, declared) -> loops.computeIfAbsent(key, k -> {
            DeclaredKindLoop loop = new DeclaredKindLoop(client, declared, engine, clock, metrics, cluster, index, orphans, remediator,
                    this::stateChanged);
            loop.start();
            return loop;
        }));
        stateChanged();
    }

    /**
     * Each kind {@code policy} declares, with whether it is evaluated or why not
     * ("Kafka (kafka.strimzi.io/v1beta2): not served by the API server ..."); null when it
     * declares none.
     */
    synchronized List<String> states(RedundancyPolicy policy) {
        if (policy.getSpec() == null || policy.getSpec().getWorkloadKinds() == null || policy.getSpec().getWorkloadKinds().isEmpty()) {
            return null;
        }
        List<String> states = new ArrayList<>();
        for (DeclaredWorkloadKind d : policy.getSpec().getWorkloadKinds()) {
            if (d == null) {
                continue;
            }
            String apiVersion = d.getGroup() + "/" + d.getVersion();
            DeclaredKindLoop loop = loops.get(apiVersion + "/" + d.getKind());
            states.add(d.getKind() + " (" + apiVersion + "): " + (loop != null ? loop.state()
                    : !PolicyValidation.problems(policy).isEmpty() ? "not evaluated: the policy is not valid (see message)"
                    : loops.keySet().stream().anyMatch(k -> k.startsWith(d.getGroup() + "/") && k.endsWith("/" + d.getKind()))
                            ? "not evaluated: another policy, first by name, declares " + d.getKind() + " of " + d.getGroup()
                            : "not evaluated yet"));
        }
        return states;
    }

    /** Hears the names of the policies whose kinds' states changed. */
    void onStateChange(Consumer<Set<String>> listener) {
        stateListeners.add(listener);
    }

    private void stateChanged() {
        Set<String> declaring = new HashSet<>();
        cluster.policies().stream().filter(p -> p.getSpec() != null && p.getSpec().getWorkloadKinds() != null)
                .forEach(p -> declaring.add(p.getMetadata().getName()));
        stateListeners.forEach(l -> l.accept(declaring));
    }

    private void deleteReports(DeclaredKind undeclared, List<SpofReport> reports) {
        LOG.infof("%s (%s) is no longer declared by a policy: it is not evaluated, its %d report(s) are deleted", undeclared.kind().kind(),
                undeclared.kind().apiVersion(), reports.size());
        for (SpofReport report : reports) {
            try {
                client.resources(SpofReport.class).inNamespace(report.getMetadata().getNamespace()).withName(report.getMetadata().getName())
                        .delete();
            } catch (KubernetesClientException e) {
                LOG.warnf("could not delete SpofReport %s/%s: %s", report.getMetadata().getNamespace(), report.getMetadata().getName(),
                        FailureLog.reason(e));
            }
        }
    }
}
