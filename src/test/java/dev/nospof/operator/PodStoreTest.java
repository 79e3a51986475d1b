package dev.nospof.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nospof.adapters.KubernetesViews;
import dev.nospof.adapters.PodOwners;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodStoreTest {

    private static Pod owned(String name, String node, String ready) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("shop").withUid("uid-" + name).withResourceVersion("7")
                .withLabels(Map.of("app", "web", "pod-template-hash", "5d4f")).addToAnnotations(PrunedStore.LAST_APPLIED, "{}")
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName("web-5d4f").withUid("rs-uid")
                .withController(true).withBlockOwnerDeletion(true).endOwnerReference().endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("app").withImage("web:1").endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                .addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus().build();
    }

    /** {@code pod} stored in the reconciler's pod store, and read back by its key. */
    private static Pod storedAndReadBack(Pod pod) {
        var store = new BarePodStore();
        store.put(store.getKey(pod), pod);
        return store.get(store.getKey(pod));
    }

    @Test
    void aPodWithAnOwnerIsReadBackWithWhatTheChecksAndTheOwnerIndexRead() {
        Pod pod = owned("web-5d4f-abc", "worker-1", "True");

        Pod back = storedAndReadBack(pod);
        assertThat(back.getMetadata().getName()).isEqualTo("web-5d4f-abc");
        assertThat(back.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(back.getMetadata().getUid()).isEqualTo("uid-web-5d4f-abc");
        assertThat(back.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(back.getMetadata().getLabels()).isEqualTo(Map.of("app", "web", "pod-template-hash", "5d4f"));
        assertThat(back.getMetadata().getOwnerReferences()).isEqualTo(pod.getMetadata().getOwnerReferences());
        assertThat(back.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(back.getSpec().getContainers()).isEmpty();
        assertThat(KubernetesViews.pod(back)).isEqualTo(KubernetesViews.pod(pod));
        assertThat(PodOwners.workloadKey(back)).contains("Deployment/shop/web");
        assertThat(KubernetesViews.ownedByController(back)).isTrue();
    }

    @Test
    void aPodReadBackIsAReadOnlyViewThatCopiesLikeAnyPod() {
        Pod back = storedAndReadBack(owned("web-5d4f-abc", "worker-1", "True"));
        // Each read builds the part anew (nothing is held), the same each time.
        assertThat(back.getMetadata()).isNotSameAs(back.getMetadata()).isEqualTo(back.getMetadata());
        assertThat(back.getStatus()).isEqualTo(back.getStatus());
        assertThatThrownBy(() -> back.setMetadata(new ObjectMeta())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> back.setSpec(new PodSpec())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> back.setStatus(new PodStatus())).isInstanceOf(UnsupportedOperationException.class);
        // A copy is an ordinary Pod with the same content, and the view writes as JSON like it.
        Pod copy = new PodBuilder(back).build();
        assertThat(copy).isEqualTo(back).hasSameHashCodeAs(back);
        assertThat(copy.getClass()).isEqualTo(Pod.class);
        copy.getMetadata().setName("changed");
        assertThat(back.getMetadata().getName()).isEqualTo("web-5d4f-abc");
        var json = new KubernetesSerialization();
        assertThat(json.asJson(back)).isEqualTo(json.asJson(new PodBuilder(back).build())).contains("\"nodeName\":\"worker-1\"");
        assertThat(json.unmarshal(json.asJson(back), Pod.class)).isEqualTo(back);
    }

    @Test
    void readinessNodeAndDeletionAreKept() {
        var store = new PodStore(pod -> false);
        Pod notReady = owned("web-5d4f-abc", "worker-2", "False");
        Pod deleted = new PodBuilder(owned("web-5d4f-def", null, "True")).editMetadata().withDeletionTimestamp("2026-11-29T06:00:00Z")
                .endMetadata().build();
        store.put(store.getKey(notReady), notReady);
        store.put(store.getKey(deleted), deleted);

        assertThat(KubernetesViews.pod(store.get("shop/web-5d4f-abc"))).isEqualTo(KubernetesViews.pod(notReady));
        assertThat(KubernetesViews.pod(store.get("shop/web-5d4f-def"))).isEqualTo(KubernetesViews.pod(deleted));
        assertThat(store.get("shop/web-5d4f-def").getMetadata().getDeletionTimestamp()).isEqualTo("2026-11-29T06:00:00Z");
        assertThat(store.get("shop/web-5d4f-def").getStatus().getPhase()).isEqualTo("Running");
        // Read without building a Pod: the same placement.
        Pod ready = owned("web-5d4f-ghi", "worker-1", "True");
        store.put(store.getKey(ready), ready);
        for (Pod pod : List.of(notReady, deleted, ready)) {
            assertThat(store.placement(store.getKey(pod))).isEqualTo(KubernetesViews.pod(pod));
        }
        assertThat(store.placement("shop/gone")).isNull();
        // Selected by its labels, still without building a Pod.
        assertThat(store.placementIfSelected("shop/web-5d4f-ghi", dev.nospof.model.LabelSelector.matchLabels(Map.of("app", "web"))))
                .isEqualTo(KubernetesViews.pod(ready));
        assertThat(store.placementIfSelected("shop/web-5d4f-ghi", dev.nospof.model.LabelSelector.matchLabels(Map.of("app", "db")))).isNull();
        assertThat(store.placementIfSelected("shop/gone", dev.nospof.model.LabelSelector.EVERYTHING)).isNull();
    }

    @Test
    void putAndRemoveAnswerThePreviousPod() {
        var store = new PodStore(pod -> false);
        Pod first = owned("web-5d4f-abc", "worker-1", "True");
        assertThat(store.put(store.getKey(first), first)).isNull();
        Pod moved = owned("web-5d4f-abc", "worker-3", "True");
        assertThat(store.put(store.getKey(moved), moved).getSpec().getNodeName()).isEqualTo("worker-1");
        assertThat(store.remove("shop/web-5d4f-abc").getSpec().getNodeName()).isEqualTo("worker-3");
        assertThat(store.size()).isZero();
    }

    @Test
    void theReconcilersBarePodsAreKeptWholeButPruned() {
        Pod bare = new PodBuilder(owned("lonely", "worker-1", "True")).editMetadata().withOwnerReferences().endMetadata().build();

        Pod back = storedAndReadBack(bare);
        assertThat(back.getSpec().getContainers()).hasSize(1);
        assertThat(back.getMetadata().getAnnotations()).doesNotContainKey(PrunedStore.LAST_APPLIED);
    }
}
