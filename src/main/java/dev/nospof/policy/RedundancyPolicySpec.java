package dev.nospof.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.nospof.model.Decoded;
import dev.nospof.model.SaturatingInt;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;

/** The desired behaviour of a RedundancyPolicy. Plain data; {@link PolicyResolver} gives it meaning. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RedundancyPolicySpec extends Decoded {

    @JsonPropertyDescription("which workloads this policy applies to; absent selects every workload")
    private Selection selector;

    @JsonPropertyDescription("numbers the checks compare against")
    private PolicyThresholds thresholds;

    @JsonPropertyDescription("mode of the checks this policy does not list in 'checks'")
    @Default("audit")
    private Mode defaultMode = Mode.AUDIT;

    @JsonPropertyDescription("mode per check id: off, audit, warn, enforce or remediate")
    private CheckModes checks;

    @JsonPropertyDescription("how warn and enforce act at admission on single-replica, pdb-blocks-eviction and "
            + "spread-not-self-selecting: webhook (nospof's), cel (a ValidatingAdmissionPolicy nospof generates, evaluated by "
            + "the API server even while nospof is down) or both")
    @Default("both")
    private AdmissionVia admission = AdmissionVia.BOTH;

    @JsonPropertyDescription("how checks in remediate mode are fixed: dryRun reports the change without applying it; force "
            + "also changes workloads that Argo CD or Flux manage (they would revert it: fix those in Git)")
    private RemediateOptions remediate;

    @JsonPropertyDescription("findings that do not count, each with a reason and an optional expiry")
    @Size(max = 100)
    private List<PolicyExemption> exemptions = new ArrayList<>();

    @JsonPropertyDescription("kinds of custom resources that run pods, to judge as workloads besides those nospof knows "
            + "(nospof needs read access to them: see the chart's declaredWorkloadResources)")
    @Size(max = WorkloadKindDeclarations.MAX_PER_POLICY)
    private List<DeclaredWorkloadKind> workloadKinds;

    public Selection getSelector() {
        return selector;
    }

    public void setSelector(Selection selector) {
        this.selector = selector;
    }

    public PolicyThresholds getThresholds() {
        return thresholds;
    }

    public void setThresholds(PolicyThresholds thresholds) {
        this.thresholds = thresholds;
    }

    public Mode getDefaultMode() {
        return defaultMode;
    }

    public void setDefaultMode(Mode defaultMode) {
        this.defaultMode = defaultMode;
    }

    public CheckModes getChecks() {
        return checks;
    }

    public void setChecks(CheckModes checks) {
        this.checks = checks;
    }

    public AdmissionVia getAdmission() {
        return admission;
    }

    public void setAdmission(AdmissionVia admission) {
        this.admission = admission;
    }

    public RemediateOptions getRemediate() {
        return remediate;
    }

    public void setRemediate(RemediateOptions remediate) {
        this.remediate = remediate;
    }

    public List<PolicyExemption> getExemptions() {
        return exemptions;
    }

    public void setExemptions(List<PolicyExemption> exemptions) {
        this.exemptions = exemptions;
    }

    public List<DeclaredWorkloadKind> getWorkloadKinds() {
        return workloadKinds;
    }

    public void setWorkloadKinds(List<DeclaredWorkloadKind> workloadKinds) {
        this.workloadKinds = workloadKinds;
    }

    /** How the checks this policy sets to remediate are fixed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class RemediateOptions {
        @JsonPropertyDescription("report the exact change (the server-side apply patch) without applying it")
        private Boolean dryRun;
        @JsonPropertyDescription("also fix workloads that Argo CD or Flux manage; without it their findings carry the patch to make in Git")
        private Boolean force;

        public Boolean getDryRun() {
            return dryRun;
        }

        public void setDryRun(Boolean dryRun) {
            this.dryRun = dryRun;
        }

        public Boolean getForce() {
            return force;
        }

        public void setForce(Boolean force) {
            this.force = force;
        }
    }

    /** Which workloads a policy applies to; every part given must match. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Selection {
        @JsonPropertyDescription("labels of the workload's namespace")
        private LabelSelector namespaceSelector;
        @JsonPropertyDescription("labels of the workload itself")
        private LabelSelector objectSelector;
        @JsonPropertyDescription("workload kinds, e.g. [Deployment, StatefulSet]; absent means all")
        private List<SelectableKind> kinds;

        public LabelSelector getNamespaceSelector() {
            return namespaceSelector;
        }

        public void setNamespaceSelector(LabelSelector namespaceSelector) {
            this.namespaceSelector = namespaceSelector;
        }

        public LabelSelector getObjectSelector() {
            return objectSelector;
        }

        public void setObjectSelector(LabelSelector objectSelector) {
            this.objectSelector = objectSelector;
        }

        public List<SelectableKind> getKinds() {
            return kinds;
        }

        public void setKinds(List<SelectableKind> kinds) {
            this.kinds = kinds;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class PolicyThresholds {
        /** A label key, as Kubernetes accepts them: an optional DNS subdomain prefix and a name of up to 63 characters. */
        static final String LABEL_KEY = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";

        /** Above any real need, and within what a Java int holds (the API server would take any int64). */
        public static final int MAX_MIN_REPLICAS = 1000;

        @JsonPropertyDescription("fewest effective replicas a workload may run with (default 2)")
        @Min(1)
        @Max(MAX_MIN_REPLICAS)
        @JsonDeserialize(using = SaturatingInt.class)
        private Integer minReplicas;

        @JsonPropertyDescription("node label that tells nodes apart, which spread constraints and anti-affinity must use "
                + "(default kubernetes.io/hostname)")
        @Pattern(LABEL_KEY)
        @Size(max = 317)
        private String hostTopologyKey;

        @JsonPropertyDescription("node label that gives a node's zone, by which zones are counted and workloads must spread "
                + "(default topology.kubernetes.io/zone)")
        @Pattern(LABEL_KEY)
        @Size(max = 317)
        private String zoneTopologyKey;

        public String getHostTopologyKey() {
            return hostTopologyKey;
        }

        public void setHostTopologyKey(String hostTopologyKey) {
            this.hostTopologyKey = hostTopologyKey;
        }

        public String getZoneTopologyKey() {
            return zoneTopologyKey;
        }

        public void setZoneTopologyKey(String zoneTopologyKey) {
            this.zoneTopologyKey = zoneTopologyKey;
        }

        public Integer getMinReplicas() {
            return minReplicas;
        }

        public void setMinReplicas(Integer minReplicas) {
            this.minReplicas = minReplicas;
        }
    }

    /** Findings that do not count: by namespace, workload name pattern and check id. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class PolicyExemption {
        /** A workload name has at most 253 characters; so has a pattern for it. */
        public static final int MAX_PATTERN_LENGTH = 253;

        @JsonPropertyDescription("namespaces it applies to; absent means all")
        @Size(max = 100)
        private List<String> namespaces;
        @JsonPropertyDescription("workload name pattern, '*' matches any run of characters; absent means all")
        @Size(max = MAX_PATTERN_LENGTH)
        private String workloads;
        @JsonPropertyDescription("check ids it applies to, or ['*']")
        @Required
        @Size(min = 1, max = 64)
        private List<CheckId> checks;
        @JsonPropertyDescription("why these findings are acceptable; shown with every exempted finding")
        @Required
        @Size(min = 1, max = 1024)
        private String reason;
        @JsonPropertyDescription("RFC 3339 time after which the exemption no longer applies")
        @Size(max = 64)
        @ValidationRule(value = "self.matches('^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$')",
                message = "must be an RFC 3339 time such as 2027-01-31T00:00:00Z", reason = "FieldValueInvalid")
        private String expires;

        public List<String> getNamespaces() {
            return namespaces;
        }

        public void setNamespaces(List<String> namespaces) {
            this.namespaces = namespaces;
        }

        public String getWorkloads() {
            return workloads;
        }

        public void setWorkloads(String workloads) {
            this.workloads = workloads;
        }

        public List<CheckId> getChecks() {
            return checks;
        }

        public void setChecks(List<CheckId> checks) {
            this.checks = checks;
        }

        public String getReason() {
            return reason;
        }

        public void setReason(String reason) {
            this.reason = reason;
        }

        public String getExpires() {
            return expires;
        }

        public void setExpires(String expires) {
            this.expires = expires;
        }
    }
}
