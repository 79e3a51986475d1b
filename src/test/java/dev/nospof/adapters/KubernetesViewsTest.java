package dev.nospof.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.engine.Engine;
import dev.nospof.engine.Evaluation;
import dev.nospof.model.IntOrPercent;
import dev.nospof.model.LabelSelector;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadView;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Odd but legal objects give views, never exceptions. */
class KubernetesViewsTest {

    /** The caches keep workloads pruned (TemplatePruning): every check fixture's workload reads the same either way. */
    @Test
    void aPrunedWorkloadIsTheSameWorkload() throws Exception {
        var serialization = new KubernetesSerialization();
        int workloads = 0;
        List<Path> fixtures;
        try (var files = Files.walk(Path.of("src/test/resources/checks"))) {
            fixtures = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path fixture : fixtures) {
            for (String document : Files.readString(fixture).split("(?m)^---\\s*$")) {
                if (!document.contains("kind:") || document.contains("argoproj.io")) {
                    continue;
                }
                HasMetadata object = serialization.unmarshal(document);
                Optional<Workload> original = KubernetesViews.workload(object);
                if (original.isEmpty()) {
                    continue;
                }
                HasMetadata pruned = TemplatePruning.pruned(serialization.clone(object));
                assertThat(KubernetesViews.workload(pruned)).as(fixture.toString()).isEqualTo(original);
                workloads++;
            }
        }
        assertThat(workloads).isGreaterThan(50);
    }

    @Test
    void pruningDropsWhatTheEngineDoesNotRead() {
        Deployment deployment = new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("shop").endMetadata()
                .withNewSpec().withNewTemplate().withNewMetadata().addToAnnotations("checksum/config", "abc").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("web:1").addNewEnv().withName("A").withValue("b").endEnv()
                .addNewPort().withContainerPort(8080).endPort().withNewReadinessProbe().withNewHttpGet().withPath("/ready").endHttpGet()
                .endReadinessProbe().endContainer().addNewInitContainer().withName("init").endInitContainer()
                .addNewVolume().withName("config").withNewConfigMap().withName("c").endConfigMap().endVolume()
                .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("data").endPersistentVolumeClaim().endVolume()
                .endSpec().endTemplate().endSpec()
                .withNewStatus().withReadyReplicas(2).addNewCondition().withType("Available").withStatus("True").endCondition().endStatus()
                .build();

        var spec = TemplatePruning.pruned(deployment).getSpec().getTemplate().getSpec();
        assertThat(spec.getContainers()).singleElement().satisfies(c -> {
            assertThat(c.getName()).isEqualTo("app");
            assertThat(c.getEnv()).isEmpty();
            assertThat(c.getImage()).isNull();
            assertThat(c.getPorts()).hasSize(1);
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
        });
        assertThat(spec.getInitContainers()).isNullOrEmpty();
        assertThat(spec.getVolumes()).extracting(v -> v.getName()).containsExactly("data");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(deployment.getStatus().getConditions()).isNullOrEmpty();
        assertThat(deployment.getStatus().getReadyReplicas()).isEqualTo(2);
    }

    @Test
    void deploymentWithoutSpecIsOneReplicaSelectingNothing() {
        Deployment bare = new DeploymentBuilder().withNewMetadata().withName("bare").withNamespace("ns").endMetadata().build();
        Workload workload = KubernetesViews.deployment(bare);

        assertThat(workload.specReplicas()).isNull();
        assertThat(workload.readyReplicas()).isNull();
        assertThat(workload.selector()).isEqualTo(LabelSelector.NOTHING);
        assertThat(workload.template().labels()).isEmpty();

        Evaluation evaluation = Engine.standard().evaluate(new WorkloadView(workload, List.of(), List.of()));
        assertThat(evaluation.replicas().value()).isEqualTo(1);
        assertThat(evaluation.findings()).extracting(f -> f.checkId()).containsExactly("single-replica");
    }

    @Test
    void statefulSetWithEmptySelectorAndNoTemplate() {
        var set = new StatefulSetBuilder().withNewMetadata().withName("s").withNamespace("ns").endMetadata()
                .withNewSpec().withReplicas(3).withNewSelector().endSelector().endSpec()
                .withNewStatus().endStatus()
                .build();
        Workload workload = KubernetesViews.statefulSet(set);

        assertThat(workload.selector().isEmpty()).isTrue();
        assertThat(workload.readyReplicas()).isZero();
        assertThat(Engine.standard().evaluate(new WorkloadView(workload, List.of(), List.of())).findings())
                .extracting(f -> f.checkId()).containsExactly("missing-pdb", "missing-spread");
    }

    @Test
    void pdbBoundsAreIntegersOrPercentages() {
        var pdb = new PodDisruptionBudgetBuilder().withNewMetadata().withName("p").withNamespace("ns").endMetadata()
                .withNewSpec().withMinAvailable(new IntOrString("50%")).withMaxUnavailable(new IntOrString(2)).endSpec().build();

        assertThat(KubernetesViews.pdb(pdb).minAvailable()).isEqualTo(IntOrPercent.percentage(50));
        assertThat(KubernetesViews.pdb(pdb).maxUnavailable()).isEqualTo(IntOrPercent.number(2));
        assertThat(KubernetesViews.pdb(pdb).selector()).isEqualTo(LabelSelector.NOTHING);
    }

    @Test
    void malformedBoundIsTreatedAsAbsent() {
        var pdb = new PodDisruptionBudgetBuilder().withNewMetadata().withName("p").withNamespace("ns").endMetadata()
                .withNewSpec().withMinAvailable(new IntOrString("half")).endSpec().build();

        assertThat(KubernetesViews.pdb(pdb).minAvailable()).isNull();
    }
}
