package dev.nospof.operator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Whether nospof may write what remediation changes ({@code NOSPOF_REMEDIATION_*}; the chart's remediation.enabled). */
@ConfigMapping(prefix = "nospof.remediation")
public interface RemediationSettings {

    /**
     * False when nospof has no write RBAC (the chart's default): a remediate policy then reports
     * "not permitted: would ..." and nothing is attempted. Out of a cluster, true: the API server's
     * 403 says the same when the kubeconfig may not write.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long a new workload exists before nospof changes anything for it: an HPA or a
     * PodDisruptionBudget applied together with it reaches nospof's caches first, so nospof does
     * not scale a Deployment whose autoscaler it has not seen yet, nor add a budget beside the user's.
     */
    @WithDefault("10s")
    java.time.Duration settleTime();

    /** nospof's own namespace (the chart sets it): like kube-system, changed only when a policy names it. */
    Optional<String> namespace();
}
