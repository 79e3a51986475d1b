package dev.nospof.operator;

import dev.nospof.policy.PolicyValidation;
import dev.nospof.policy.RedundancyPolicy;
import dev.nospof.policy.RedundancyPolicyStatus;
import dev.nospof.remediation.RemediationPlan;
import dev.nospof.report.SpofReport;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Keeps each RedundancyPolicy's status true: whether nospof can use it (and why not), how many
 * workloads it selects and how many of its fixes nospof may not apply, counted from the
 * reports, which name the policy of each finding.
 */
@ControllerConfiguration(name = "redundancypolicy", fieldManager = "nospof")
public class RedundancyPolicyReconciler implements Reconciler<RedundancyPolicy> {

    private static final String NOT_PERMITTED = RemediationPlan.Outcome.NOT_PERMITTED.id();

    private InformerEventSource<SpofReport, RedundancyPolicy> reports;

    @Override
    public List<EventSource<?, RedundancyPolicy>> prepareEventSources(EventSourceContext<RedundancyPolicy> context) {
        var policies = context.getPrimaryCache();
        // Policies are few; a report change may add or drop any of them, so all are recounted.
        reports = new InformerEventSource<>(InformerEventSourceConfiguration.from(SpofReport.class, RedundancyPolicy.class)
                .withName("policy-reports")
                .withItemStore(new PrunedStore<>())
                .withInformerListLimit(PrunedStore.LIST_PAGE)
                .withSecondaryToPrimaryMapper(r -> policies.list(p -> true).map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build(), context);
        return List.of(reports);
    }

    @Override
    public UpdateControl<RedundancyPolicy> reconcile(RedundancyPolicy policy, Context<RedundancyPolicy> context) {
        String name = policy.getMetadata().getName();
        List<String> problems = PolicyValidation.problems(policy);
        RedundancyPolicyStatus status = new RedundancyPolicyStatus();
        status.setValid(problems.isEmpty());
        status.setMessage(problems.isEmpty() ? null : String.join("; ", problems));
        status.setSelectedWorkloads((int) reports.list(r -> r.getStatus() != null && r.getStatus().getPolicies() != null
                && r.getStatus().getPolicies().contains(name)).count());
        long notPermitted = reports.list(r -> r.getStatus() != null && r.getStatus().getFindings() != null)
                .flatMap(r -> r.getStatus().getFindings().stream())
                .filter(f -> name.equals(f.getPolicy()) && f.getFix() != null && NOT_PERMITTED.equals(f.getFix().getState())).count();
        status.setRemediation(notPermitted == 0 ? null : "not permitted: would fix " + notPermitted + " finding(s); nospof may not write"
                + " workloads (the chart's remediation.enabled is false): each finding's fix says what it would do");
        status.setObservedGeneration(policy.getMetadata().getGeneration());
        if (same(policy.getStatus(), status)) {
            return UpdateControl.noUpdate();
        }
        boolean undecodable = UndecodableObjects.problemOf(policy) != null;
        policy.setStatus(status);
        if (undecodable) {
            Replacing.status(context.getClient(), policy, status);
            return UpdateControl.noUpdate();
        }
        return UpdateControl.patchStatus(policy);
    }

    @Override
    public ErrorStatusUpdateControl<RedundancyPolicy> updateErrorStatus(RedundancyPolicy resource, Context<RedundancyPolicy> context, Exception e) {
        return FailureLog.failed(resource, context, e);
    }

    private static boolean same(RedundancyPolicyStatus a, RedundancyPolicyStatus b) {
        return a != null && Objects.equals(a.getValid(), b.getValid()) && Objects.equals(a.getMessage(), b.getMessage())
                && Objects.equals(a.getSelectedWorkloads(), b.getSelectedWorkloads()) && Objects.equals(a.getRemediation(), b.getRemediation())
                && Objects.equals(a.getObservedGeneration(), b.getObservedGeneration());
    }
}
