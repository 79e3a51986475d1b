package dev.nospof.remediation;

import dev.nospof.model.Hpa;
import dev.nospof.model.IntOrPercent;
import dev.nospof.model.LabelSelector;
import dev.nospof.model.Pdb;
import dev.nospof.model.PodTemplate;
import dev.nospof.model.SpreadConstraint;
import dev.nospof.model.WorkloadRef;
import dev.nospof.model.WorkloadView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A change that makes one finding pass, as data: the operator server-side applies its
 * {@link #applyConfiguration()} (field manager nospof, owning exactly those fields), a finding
 * nospof may not apply carries its {@link #gitPatch()}, and {@link #applyTo} says what the
 * workload's view is once it is applied (so the report written after a fix is already right).
 */
public sealed interface Fix {

    String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    String MANAGED_BY = "nospof";

    /** The check whose finding this fixes. */
    String checkId();

    /** What it would do, for reports and denials: "raise spec.replicas of Deployment web from 1 to 2". */
    String describe();

    /** What it did, for Events: "raised spec.replicas 1 → 2". */
    String done();

    /** The object to server-side apply: apiVersion, kind, metadata and only the fields nospof owns. */
    Map<String, Object> applyConfiguration();

    /** The same change as it belongs in Git: the fields to set (those it applies), or the new document. */
    default Map<String, Object> gitPatch() {
        return applyConfiguration();
    }

    /** The view as it is once this fix is applied. */
    WorkloadView applyTo(WorkloadView view);

    /** Raise {@code spec.replicas} of the workload itself (no autoscaler owns it). */
    record ScaleWorkload(String checkId, WorkloadRef workload, int from, int to) implements Fix {
        @Override
        public String describe() {
            return "raise spec.replicas of " + workload.kind().kind() + " " + workload.name() + " from " + from + " to " + to;
        }

        @Override
        public String done() {
            return "raised spec.replicas " + from + " → " + to;
        }

        @Override
        public Map<String, Object> applyConfiguration() {
            return object(workload.kind().apiVersion(), workload.kind().kind(), workload.namespace(), workload.name(), Map.of(),
                    Map.of("replicas", to));
        }

        @Override
        public WorkloadView applyTo(WorkloadView view) {
            return view.withWorkload(view.workload().withSpecReplicas(to));
        }
    }

    /** Raise the floor of the autoscaler that owns the replicas (HPA minReplicas, KEDA minReplicaCount); spec.replicas is its. */
    record RaiseAutoscalerFloor(String checkId, Hpa autoscaler, int from, int to) implements Fix {
        @Override
        public String describe() {
            return "raise " + autoscaler.source().field() + " of " + autoscaler.describe() + " from " + from + " to " + to;
        }

        @Override
        public String done() {
            return "raised " + autoscaler.source().field() + " of " + autoscaler.describe() + " " + from + " → " + to;
        }

        @Override
        public Map<String, Object> applyConfiguration() {
            boolean keda = autoscaler.source() == Hpa.Source.KEDA;
            return object(keda ? "keda.sh/v1alpha1" : "autoscaling/v2", keda ? "ScaledObject" : "HorizontalPodAutoscaler",
                    autoscaler.namespace(), autoscaler.name(), Map.of(), Map.of(autoscaler.source().field(), to));
        }

        @Override
        public WorkloadView applyTo(WorkloadView view) {
            return view.withHpas(view.hpas().stream().map(h -> h.equals(autoscaler)
                    ? new Hpa(h.namespace(), h.name(), h.targetApiVersion(), h.targetKind(), h.targetName(), to, h.source(), h.maxReplicas())
                    : h).toList());
        }
    }

    /**
     * Create {@code <workload>-nospof}: maxUnavailable 1 over the workload's own pod labels, owned
     * by the workload (the garbage collector removes it with it) and labelled managed-by nospof.
     */
    record CreatePdb(String checkId, WorkloadRef workload, String name, Map<String, String> matchLabels) implements Fix {
        public CreatePdb {
            matchLabels = new TreeMap<>(matchLabels);
        }

        @Override
        public String describe() {
            return "create PodDisruptionBudget " + name + " (maxUnavailable: 1, selector " + LabelSelector.matchLabels(matchLabels).describe()
                    + ")";
        }

        @Override
        public String done() {
            return "created PodDisruptionBudget " + name + " (maxUnavailable: 1)";
        }

        @Override
        public Map<String, Object> applyConfiguration() {
            Map<String, Object> owner = new LinkedHashMap<>();
            owner.put("apiVersion", workload.kind().apiVersion());
            owner.put("kind", workload.kind().kind());
            owner.put("name", workload.name());
            owner.put("uid", workload.uid());
            owner.put("controller", true);
            return object("policy/v1", "PodDisruptionBudget", workload.namespace(), name,
                    Map.of("labels", Map.of(MANAGED_BY_LABEL, MANAGED_BY), "ownerReferences", List.of(owner)), spec());
        }

        /** In Git the budget is the user's own: no owner (the uid is the cluster's), not labelled as nospof's. */
        @Override
        public Map<String, Object> gitPatch() {
            return object("policy/v1", "PodDisruptionBudget", workload.namespace(), name, Map.of(), spec());
        }

        private Map<String, Object> spec() {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("maxUnavailable", 1);
            spec.put("selector", Map.of("matchLabels", matchLabels));
            spec.put("unhealthyPodEvictionPolicy", Pdb.ALWAYS_ALLOW);
            return spec;
        }

        @Override
        public WorkloadView applyTo(WorkloadView view) {
            List<Pdb> pdbs = new ArrayList<>(view.namespacePdbs().stream().filter(p -> !isThis(p)).toList());
            pdbs.add(asPdb());
            return view.withPdbs(pdbs);
        }

        /** Whether {@code pdb} is this budget, as nospof created it for this workload. */
        public boolean isThis(Pdb pdb) {
            return createdFor(pdb, workload);
        }

        /** Whether nospof created {@code pdb} for {@code workload}: its name, its label and the workload as its controller, all three. */
        public static boolean createdFor(Pdb pdb, WorkloadRef workload) {
            return pdb.namespace().equals(workload.namespace()) && pdb.name().equals(Fixes.pdbName(workload.name()))
                    && MANAGED_BY.equals(pdb.managedBy()) && workload.uid() != null && workload.uid().equals(pdb.controllerUid());
        }

        /** Whether {@code pdb} already says what this fix would write. */
        public boolean satisfiedBy(Pdb pdb) {
            return isThis(pdb) && pdb.minAvailable() == null && Objects.equals(pdb.maxUnavailable(), IntOrPercent.number(1))
                    && Pdb.ALWAYS_ALLOW.equals(pdb.unhealthyPodEvictionPolicy())
                    && pdb.selector().matchExpressions().isEmpty() && pdb.selector().matchLabels().equals(matchLabels);
        }

        Pdb asPdb() {
            return new Pdb(workload.namespace(), name, LabelSelector.matchLabels(matchLabels), null, IntOrPercent.number(1), MANAGED_BY,
                    workload.uid(), Pdb.ALWAYS_ALLOW);
        }
    }

    /**
     * Add a topology spread constraint on {@code topologyKey} (maxSkew 1, ScheduleAnyway, the pods'
     * own labels) to the pod template. Server-side apply merges it into the template's list by its
     * keys (topologyKey, whenUnsatisfiable): the user's constraints stay. It rolls the pods.
     */
    record AddSpread(String checkId, WorkloadRef workload, String topologyKey, Map<String, String> matchLabels) implements Fix {
        public static final String WHEN_UNSATISFIABLE = "ScheduleAnyway";

        public AddSpread {
            matchLabels = new TreeMap<>(matchLabels);
        }

        @Override
        public String describe() {
            return "add a topology spread constraint on " + topologyKey + " (maxSkew 1, " + WHEN_UNSATISFIABLE + ", selector "
                    + LabelSelector.matchLabels(matchLabels).describe() + ") to " + workload.kind().kind() + " " + workload.name()
                    + ", rolling its pods";
        }

        @Override
        public String done() {
            return "added a topology spread constraint on " + topologyKey + " (" + WHEN_UNSATISFIABLE + ")";
        }

        @Override
        public Map<String, Object> applyConfiguration() {
            Map<String, Object> constraint = new LinkedHashMap<>();
            constraint.put("maxSkew", 1);
            constraint.put("topologyKey", topologyKey);
            constraint.put("whenUnsatisfiable", WHEN_UNSATISFIABLE);
            constraint.put("labelSelector", Map.of("matchLabels", matchLabels));
            return object(workload.kind().apiVersion(), workload.kind().kind(), workload.namespace(), workload.name(), Map.of(),
                    Map.of("template", Map.of("spec", Map.of("topologySpreadConstraints", List.of(constraint)))));
        }

        @Override
        public WorkloadView applyTo(WorkloadView view) {
            PodTemplate t = view.workload().template();
            List<SpreadConstraint> constraints = new ArrayList<>(t.spreadConstraints());
            constraints.add(new SpreadConstraint(topologyKey, LabelSelector.matchLabels(matchLabels), WHEN_UNSATISFIABLE));
            return view.withWorkload(view.workload().withTemplate(
                    t.withSpreadConstraints(constraints)));
        }
    }

    private static Map<String, Object> object(String apiVersion, String kind, String namespace, String name, Map<String, Object> metadata,
            Map<String, Object> spec) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", name);
        meta.put("namespace", namespace);
        meta.putAll(metadata);
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        object.put("metadata", meta);
        object.put("spec", spec);
        return object;
    }
}
