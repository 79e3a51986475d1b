package dev.nospof.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.engine.Engine;
import dev.nospof.engine.Evaluation;
import dev.nospof.model.IntOrPercent;
import dev.nospof.model.LabelSelector;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadView;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Odd but legal objects give views, never exceptions. */
class KubernetesViewsTest {

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
