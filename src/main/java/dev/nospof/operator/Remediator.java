package dev.nospof.operator;

import dev.nospof.adapters.KubernetesViews;
import dev.nospof.model.WorkloadView;
import dev.nospof.remediation.Fix;
import dev.nospof.remediation.RemediationPlan;
import dev.nospof.remediation.RemediationPlan.Outcome;
import dev.nospof.remediation.RemediationPlan.Planned;
import dev.nospof.report.Remediated;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Applies a {@link RemediationPlan}: each fix by server-side apply with field manager nospof
 * (forcing ownership of exactly the fields the fix names, so managedFields shows who set what),
 * the budget nospof created and no longer wants deleted, and an Event on the workload for each
 * change. Conflicts, throttling and server errors are retried with backoff; a 403 turns the fix
 * into "not permitted", another refusal into "refused", both reported, neither retried.
 */
@ApplicationScoped
public class Remediator {

    static final String REMEDIATED = "SpofRemediated";
    private static final Logger LOG = Logger.getLogger(Remediator.class);
    private static final String FIELD_MANAGER = "nospof";
    private static final int ATTEMPTS = 4;
    private static final Set<Integer> TRANSIENT = Set.of(0, 409, 429, 500, 502, 503, 504);
    /** The plural of every kind a fix writes: no discovery call is needed to reach them. */
    private static final Map<String, String> PLURALS = Map.of("Deployment", "deployments", "StatefulSet", "statefulsets",
            "HorizontalPodAutoscaler", "horizontalpodautoscalers", "ScaledObject", "scaledobjects", "PodDisruptionBudget",
            "poddisruptionbudgets");

    private final KubernetesClient client;
    private final RemediationPlan.Settings settings;
    private final Duration settleTime;

    public Remediator(KubernetesClient client, RemediationSettings settings) {
        this.client = client;
        this.settleTime = settings.settleTime();
        this.settings = new RemediationPlan.Settings(settings.enabled(),
                Stream.concat(Stream.of("kube-system"), settings.namespace().filter(n -> !n.isBlank()).stream()).toList());
    }

    RemediationPlan.Settings settings() {
        return settings;
    }

    /**
     * What applying a plan did: the planned fixes as they turned out (a refused one says so), the
     * changes made (for the report's list and the view), and whether nospof's budget is gone.
     */
    record Result(List<Planned> planned, List<Fix> applied, List<Remediated> records, boolean ownPdbDeleted) {

        boolean changed() {
            return !applied.isEmpty() || ownPdbDeleted;
        }

        /** The view once the changes are made. */
        WorkloadView applyTo(WorkloadView view) {
            WorkloadView after = ownPdbDeleted ? RemediationPlan.withoutOwnPdb(view) : view;
            for (Fix fix : applied) {
                after = fix.applyTo(after);
            }
            return after;
        }
    }

    /** How long {@code workload} must still settle before nospof changes anything for it (zero when it has). */
    Duration settling(HasMetadata workload, Instant now) {
        return KubernetesViews.createdAt(workload).map(created -> Duration.between(now, created.plus(settleTime)))
                .filter(left -> !left.isNegative()).orElse(Duration.ZERO);
    }

    /** The plan, with what it would apply marked pending: the workload is too new to change. */
    Result pending(RemediationPlan plan) {
        List<Planned> planned = plan.planned().stream().map(p -> p.outcome() != Outcome.APPLY ? p : new Planned(p.fix(), p.decision(),
                Outcome.PENDING, "pending: would " + p.fix().describe() + " once the workload has existed for " + settleTime.toSeconds()
                        + " s (NOSPOF_REMEDIATION_SETTLE_TIME), so that what was applied with it is seen first")).toList();
        return new Result(planned, List.of(), List.of(), false);
    }

    Result apply(RemediationPlan plan, HasMetadata workload, Instant now) {
        List<Planned> planned = new ArrayList<>(plan.planned());
        List<Fix> applied = new ArrayList<>();
        List<Remediated> records = new ArrayList<>();
        String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
        for (Planned write : plan.writes()) {
            Fix fix = write.fix();
            try {
                withRetries(() -> serverSideApply(fix.applyConfiguration()));
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    // The object went away meanwhile: its own event brings the next evaluation.
                    LOG.debugf("%s: %s is gone", fix.describe(), FailureLog.reason(e));
                    continue;
                }
                if (TRANSIENT.contains(e.getCode())) {
                    throw e; // still failing after the retries: the reconciler's retry takes over
                }
                Outcome outcome = e.getCode() == 403 ? Outcome.NOT_PERMITTED : Outcome.REFUSED;
                String reason = (outcome == Outcome.NOT_PERMITTED ? "not permitted: would " : "refused by the API server: would ")
                        + fix.describe() + " (" + FailureLog.reason(e) + ")";
                LOG.warnf("%s/%s: %s", workload.getMetadata().getNamespace(), workload.getMetadata().getName(), reason);
                planned.replaceAll(p -> p.fix().applyConfiguration().equals(fix.applyConfiguration())
                        ? new Planned(p.fix(), p.decision(), outcome, reason) : p);
                continue;
            }
            applied.add(fix);
            String policy = write.decision().decidedBy();
            records.add(new Remediated(fix.checkId(), fix.done(), policy, at));
            String message = fix.done() + ": policy " + policy + ", check " + fix.checkId();
            FindingEvents.write(client, workload, "Normal", REMEDIATED, message, now);
            LOG.infof("%s/%s: %s", workload.getMetadata().getNamespace(), workload.getMetadata().getName(), message);
        }
        boolean deleted = false;
        if (plan.deleteOwnPdb().isPresent()) {
            deleted = deleteOwnPdb(plan, workload, now);
        }
        return new Result(planned, applied, records, deleted);
    }

    /** Deletes nospof's budget that nothing wants; a refusal is logged, not retried (the next evaluation tries again). */
    private boolean deleteOwnPdb(RemediationPlan plan, HasMetadata workload, Instant now) {
        var pdb = plan.ownPdb().orElseThrow();
        String where = workload.getMetadata().getNamespace() + "/" + workload.getMetadata().getName();
        try {
            withRetries(() -> client.policy().v1().podDisruptionBudget().inNamespace(pdb.namespace()).withName(pdb.name()).delete());
        } catch (KubernetesClientException e) {
            if (TRANSIENT.contains(e.getCode())) {
                throw e;
            }
            if (e.getCode() != 404) {
                LOG.warnf("%s: could not delete PodDisruptionBudget %s that nospof created (%s)", where, pdb.name(), FailureLog.reason(e));
                return false;
            }
        }
        String message = "deleted PodDisruptionBudget " + pdb.name() + " that nospof created: " + plan.deleteOwnPdb().get();
        FindingEvents.write(client, workload, "Normal", REMEDIATED, message, now);
        LOG.infof("%s: %s", where, message);
        return true;
    }

    /** Server-side applies exactly the fields of {@code object}, creating it if it does not exist. */
    private void serverSideApply(Map<String, Object> object) {
        String apiVersion = (String) object.get("apiVersion");
        String kind = (String) object.get("kind");
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
        int slash = apiVersion.indexOf('/');
        ResourceDefinitionContext resource = new ResourceDefinitionContext.Builder()
                .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash)).withVersion(apiVersion.substring(slash + 1))
                .withKind(kind).withPlural(PLURALS.get(kind)).withNamespaced(true).build();
        // A generic resource holds the fields as given (a typed model could add empty lists, owning the user's lists).
        GenericKubernetesResource apply = client.getKubernetesSerialization().convertValue(object, GenericKubernetesResource.class);
        client.genericKubernetesResources(resource).inNamespace((String) metadata.get("namespace")).resource(apply)
                .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    private static void withRetries(Runnable call) {
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                return;
            } catch (KubernetesClientException e) {
                if (!TRANSIENT.contains(e.getCode()) || attempt == ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(200L << attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
