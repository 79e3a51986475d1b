package dev.nospof.operator;

import dev.nospof.policy.PolicyValidation;
import dev.nospof.policy.RedundancyPolicy;
import dev.nospof.policy.RedundancyPolicyStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps each RedundancyPolicy's status true: whether nospof can use it (and why not), how many
 * workloads it selects, how many of its fixes nospof may not apply and whether the workload kinds
 * it declares are evaluated, counted from what the
 * reports say as they are written (OperatorMetrics: no second cache of every report).
 */
@ControllerConfiguration(name = "redundancypolicy", fieldManager = "nospof")
public class RedundancyPolicyReconciler implements Reconciler<RedundancyPolicy> {

    private final OperatorMetrics reports;
    private final DeclaredWorkloadKinds declaredKinds;

    public RedundancyPolicyReconciler(OperatorMetrics reports, DeclaredWorkloadKinds declaredKinds) {
        this.reports = reports;
        this.declaredKinds = declaredKinds;
    }

    @Override
    public List<EventSource<?, RedundancyPolicy>> prepareEventSources(EventSourceContext<RedundancyPolicy> context) {
        return List.of(new ReportChanges(reports, declaredKinds));
    }

    @Override
    public UpdateControl<RedundancyPolicy> reconcile(RedundancyPolicy policy, Context<RedundancyPolicy> context) {
        String name = policy.getMetadata().getName();
        List<String> problems = PolicyValidation.problems(policy);
        RedundancyPolicyStatus status = new RedundancyPolicyStatus();
        status.setValid(problems.isEmpty());
        status.setMessage(problems.isEmpty() ? null : String.join("; ", problems));
        status.setSelectedWorkloads(reports.selectedBy(name));
        long notPermitted = reports.notPermitted(name);
        status.setRemediation(notPermitted == 0 ? null : "not permitted: would fix " + notPermitted + " finding(s); nospof may not write"
                + " workloads (the chart's remediation.enabled is false): each finding's fix says what it would do");
        status.setWorkloadKinds(declaredKinds.states(policy));
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

    /**
     * A report written or gone whose policies' counts changed: those policies are recounted; so are
     * the policies that declare workload kinds when what nospof knows of those kinds changes.
     */
    private static final class ReportChanges extends AbstractEventSource<Void, RedundancyPolicy> {
        private final OperatorMetrics reports;
        private final DeclaredWorkloadKinds declaredKinds;

        ReportChanges(OperatorMetrics reports, DeclaredWorkloadKinds declaredKinds) {
            super(Void.class, "policy-report-counts");
            this.reports = reports;
            this.declaredKinds = declaredKinds;
        }

        @Override
        public void start() {
            reports.onPolicyChange(policies -> policies.forEach(name -> getEventHandler().handleEvent(new Event(new ResourceID(name)))));
            declaredKinds.onStateChange(policies -> policies.forEach(name -> getEventHandler().handleEvent(new Event(new ResourceID(name)))));
            super.start();
        }

        @Override
        public Set<Void> getSecondaryResources(RedundancyPolicy primary) {
            return Set.of();
        }
    }

    @Override
    public ErrorStatusUpdateControl<RedundancyPolicy> updateErrorStatus(RedundancyPolicy resource, Context<RedundancyPolicy> context, Exception e) {
        return FailureLog.failed(resource, context, e);
    }

    private static boolean same(RedundancyPolicyStatus a, RedundancyPolicyStatus b) {
        return a != null && Objects.equals(a.getValid(), b.getValid()) && Objects.equals(a.getMessage(), b.getMessage())
                && Objects.equals(a.getSelectedWorkloads(), b.getSelectedWorkloads()) && Objects.equals(a.getRemediation(), b.getRemediation())
                && Objects.equals(a.getObservedGeneration(), b.getObservedGeneration()) && Objects.equals(a.getWorkloadKinds(), b.getWorkloadKinds());
    }
}
