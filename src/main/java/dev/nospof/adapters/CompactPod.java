package dev.nospof.adapters;

import dev.nospof.model.PodPlacement;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What nospof's pod caches keep of a pod with a controller: name, namespace, uid, version,
 * labels, owners, deletion, node, phase and the Ready condition's status, in flat fields, with
 * every string that many pods repeat (namespace, label keys and values, owners, node, phase)
 * interned. A Fabric8 {@code Pod} holding the same (maps, lists, empty model objects) took
 * 2.4 KB; 30,000 of them were the largest thing in the heap at 10,000 workloads
 * (bench/pod-cache-memory.sh measures both). {@link #view()} gives the pod back with exactly
 * these fields.
 */
public record CompactPod(String name, String namespace, String uid, String resourceVersion, String[] labels, Owner[] owners,
        String deletionTimestamp, String nodeName, String phase, String readyStatus) {

    /** An owner reference, its strings interned (the pods of one ReplicaSet share them). */
    public record Owner(String apiVersion, String kind, String name, String uid, Boolean controller, Boolean blockOwnerDeletion) {
    }

    private static final String[] NO_LABELS = {};
    private static final Owner[] NO_OWNERS = {};

    public static CompactPod of(Pod pod) {
        var metadata = pod.getMetadata();
        var status = pod.getStatus();
        String ready = status == null || status.getConditions() == null ? null
                : status.getConditions().stream().filter(c -> "Ready".equals(c.getType())).map(c -> intern(c.getStatus())).findFirst().orElse(null);
        return new CompactPod(metadata.getName(), intern(metadata.getNamespace()), metadata.getUid(), metadata.getResourceVersion(),
                labels(metadata.getLabels()), owners(metadata.getOwnerReferences()), metadata.getDeletionTimestamp(),
                intern(pod.getSpec() == null ? null : pod.getSpec().getNodeName()), intern(status == null ? null : status.getPhase()), ready);
    }

    /** Where this pod runs and whether it is ready, as {@link KubernetesViews#pod} reads it from the Pod, without building one. */
    public PodPlacement placement() {
        return new PodPlacement(name, nodeName, deletionTimestamp == null && "True".equals(readyStatus));
    }

    /** The pod's labels, as a map. */
    public Map<String, String> labelMap() {
        Map<String, String> labelMap = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            labelMap.put(labels[i], labels[i + 1]);
        }
        return labelMap;
    }

    /**
     * This pod as a Pod, read through: each read of its metadata, spec or status builds that part
     * from these fields (setters, no builders). A Fabric8 informer reads its whole store back at
     * once: after its first list it queues an add for every pod, and after every list it reads
     * every pod to find the deleted ones. Built whole, 30,000 pods were 45 MB held at once, twice
     * over when the caches synced at 10,000 workloads, which filled the heap; as views they are
     * this record and 100 bytes each, and what is read of them is garbage at once. Its parts'
     * setters throw: a cached pod is read, not changed.
     */
    public Pod view() {
        return new View(this);
    }

    private static final class View extends Pod {

        private final CompactPod pod;

        View(CompactPod pod) {
            this.pod = pod;
        }

        @Override
        public ObjectMeta getMetadata() {
            return pod.metadata();
        }

        @Override
        public PodSpec getSpec() {
            PodSpec spec = new PodSpec();
            spec.setNodeName(pod.nodeName);
            return spec;
        }

        @Override
        public PodStatus getStatus() {
            PodStatus status = new PodStatus();
            status.setPhase(pod.phase);
            if (pod.readyStatus != null) {
                PodCondition ready = new PodCondition();
                ready.setType("Ready");
                ready.setStatus(pod.readyStatus);
                status.setConditions(new ArrayList<>(List.of(ready)));
            }
            return status;
        }

        @Override
        public void setMetadata(ObjectMeta metadata) {
            throw readOnly();
        }

        @Override
        public void setSpec(PodSpec spec) {
            throw readOnly();
        }

        @Override
        public void setStatus(PodStatus status) {
            throw readOnly();
        }

        private static UnsupportedOperationException readOnly() {
            return new UnsupportedOperationException("a cached pod is read, not changed: copy it (new PodBuilder(pod).build())");
        }
    }

    private ObjectMeta metadata() {
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(name);
        metadata.setNamespace(namespace);
        metadata.setUid(uid);
        metadata.setResourceVersion(resourceVersion);
        metadata.setDeletionTimestamp(deletionTimestamp);
        if (labels.length > 0) {
            metadata.setLabels(labelMap());
        }
        if (owners.length > 0) {
            List<OwnerReference> ownerList = new ArrayList<>(owners.length);
            for (Owner owner : owners) {
                ownerList.add(new OwnerReference(owner.apiVersion(), owner.blockOwnerDeletion(), owner.controller(), owner.kind(), owner.name(),
                        owner.uid()));
            }
            metadata.setOwnerReferences(ownerList);
        }
        return metadata;
    }

    private static String[] labels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return NO_LABELS;
        }
        String[] flat = new String[labels.size() * 2];
        int i = 0;
        for (var label : labels.entrySet()) {
            flat[i++] = intern(label.getKey());
            flat[i++] = intern(label.getValue());
        }
        return flat;
    }

    private static Owner[] owners(List<OwnerReference> owners) {
        if (owners == null || owners.isEmpty()) {
            return NO_OWNERS;
        }
        return owners.stream().map(o -> new Owner(intern(o.getApiVersion()), intern(o.getKind()), intern(o.getName()), intern(o.getUid()),
                o.getController(), o.getBlockOwnerDeletion())).toArray(Owner[]::new);
    }

    /** The JVM's string table: weak, so a string no pod uses any more (an old ReplicaSet's name) is collected. */
    private static String intern(String s) {
        return s == null ? null : s.intern();
    }
}
