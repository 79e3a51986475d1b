// Measures what the operator's pod cache holds per pod: N realistic pods (labels, owner,
// three containers with env and probes, conditions) as received and as nospof's pod caches
// (PodStore) keep them. A harness that prints figures; run with bench/pod-cache-memory.sh.
import dev.nospof.operator.PodStore;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.List;

public class PodCacheMemory {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        long full = measure(n, 0);
        long cached = measure(n, 1);
        System.out.printf("pods: %d%nas received: %.0f bytes/pod (%.1f MiB)%n"
                        + "in a pod cache (PodStore: compact, with its key): %.0f bytes/pod (%.1f MiB)%n",
                n, full / (double) n, full / 1048576.0, cached / (double) n, cached / 1048576.0);
    }

    /** mode 0: the pods as received, 1: a PodStore holding them (how both of nospof's pod caches keep a pod with an owner). */
    private static long measure(int n, int mode) {
        long before = used();
        List<Pod> keep = new ArrayList<>(n);
        PodStore store = new PodStore(pod -> false);
        for (int i = 0; i < n; i++) {
            Pod pod = pod(i);
            if (mode == 0) {
                keep.add(pod);
            } else {
                store.put(store.getKey(pod), pod);
            }
        }
        long after = used();
        if (keep.size() + store.size() != n) {
            throw new IllegalStateException();
        }
        return after - before;
    }

    private static long used() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static Pod pod(int i) {
        PodBuilder b = new PodBuilder()
                .withNewMetadata().withName("app-" + (i / 3) + "-7d9f8c6b5-" + Integer.toString(i, 36)).withNamespace("ns-" + (i % 200))
                .withUid(java.util.UUID.randomUUID().toString()).withResourceVersion(Integer.toString(100000 + i))
                .addToLabels("app", "app-" + (i / 3)).addToLabels("pod-template-hash", "7d9f8c6b5").addToLabels("team", "team-" + (i % 7))
                .addToAnnotations("kubectl.kubernetes.io/restartedAt", "2026-11-01T10:00:00Z")
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName("app-" + (i / 3) + "-7d9f8c6b5")
                .withUid(java.util.UUID.randomUUID().toString()).withController(true).withBlockOwnerDeletion(true).endOwnerReference()
                .endMetadata()
                .withNewSpec().withNodeName("worker-" + (i % 50)).withServiceAccountName("default").endSpec();
        for (int c = 0; c < 3; c++) {
            b.editSpec().addNewContainer().withName("c" + c).withImage("registry.example/app-" + (i / 3) + ":1.0." + c)
                    .addNewEnv().withName("JAVA_OPTS").withValue("-Xmx512m -XX:+UseG1GC").endEnv()
                    .addNewEnv().withName("SERVICE_URL").withValue("http://svc-" + i + ".ns-" + (i % 200) + ".svc:8080").endEnv()
                    .addNewPort().withContainerPort(8080 + c).withProtocol("TCP").endPort()
                    .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withNewPort(8080 + c).endHttpGet().endReadinessProbe()
                    .withNewResources().addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("100m"))
                    .addToRequests("memory", new io.fabric8.kubernetes.api.model.Quantity("256Mi")).endResources()
                    .endContainer().endSpec();
        }
        return b.withNewStatus().withPhase("Running").withPodIP("10.1." + (i % 250) + "." + (i % 200))
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewCondition().withType("ContainersReady").withStatus("True").endCondition()
                .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                .endStatus().build();
    }
}
