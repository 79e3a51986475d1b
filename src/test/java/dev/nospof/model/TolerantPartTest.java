package dev.nospof.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.nospof.adapters.Rollout;
import dev.nospof.policy.RedundancyPolicy;
import dev.nospof.report.ClusterSpofReport;
import dev.nospof.report.SpofReport;
import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One object whose spec or status does not decode must not take the list (or watch) it came in down with it. */
class TolerantPartTest {

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    @Test
    void aPolicyWhoseSpecDoesNotDecodeIsKeptSayingWhyAndTheOthersDecode() {
        String list = """
                {"apiVersion": "nospof.dev/v1alpha1", "kind": "RedundancyPolicyList", "items": [
                  {"apiVersion": "nospof.dev/v1alpha1", "kind": "RedundancyPolicy", "metadata": {"name": "bad"},
                   "spec": {"defaultMode": "enforce", "thresholds": {"minReplicas": "three"}}},
                  {"apiVersion": "nospof.dev/v1alpha1", "kind": "RedundancyPolicy", "metadata": {"name": "good"},
                   "spec": {"defaultMode": "warn", "thresholds": {"minReplicas": 3}}}]}
                """;
        List<RedundancyPolicy> policies = serialization.unmarshal(new java.io.ByteArrayInputStream(list.getBytes(java.nio.charset.StandardCharsets.UTF_8)), new TypeReference<DefaultKubernetesResourceList<RedundancyPolicy>>() {
        }).getItems();
        assertThat(policies).extracting(p -> p.getMetadata().getName()).containsExactly("bad", "good");
        assertThat(policies.get(0).getSpec().undecodable()).isEqualTo("spec.thresholds.minReplicas: expected an integer");
        assertThat(policies.get(0).getSpec().getThresholds()).isNull();
        assertThat(policies.get(1).getSpec().undecodable()).isNull();
        assertThat(policies.get(1).getSpec().getThresholds().getMinReplicas()).isEqualTo(3);
    }

    @Test
    void aSpecThatIsNotAMappingSaysSo() {
        RedundancyPolicy policy = serialization.unmarshal("""
                {"apiVersion": "nospof.dev/v1alpha1", "kind": "RedundancyPolicy", "metadata": {"name": "odd"}, "spec": ["a"]}
                """, RedundancyPolicy.class);
        assertThat(policy.getSpec().undecodable()).isEqualTo("spec: expected a mapping");
    }

    @Test
    void reportsAndRolloutsAreTolerantToo() {
        SpofReport report = serialization.unmarshal("""
                {"apiVersion": "nospof.dev/v1alpha1", "kind": "SpofReport", "metadata": {"name": "deployment-web", "namespace": "shop"},
                 "spec": {"workload": {"kind": "Deployment", "name": "web"}},
                 "status": {"findings": [{"check": "single-replica", "exempted": {"yes": 1}}]}}
                """, SpofReport.class);
        assertThat(report.getSpec().getWorkload().getName()).isEqualTo("web");
        assertThat(report.getStatus().undecodable()).isEqualTo("status.findings[0].exempted: expected true or false");

        ClusterSpofReport cluster = serialization.unmarshal("""
                {"apiVersion": "nospof.dev/v1alpha1", "kind": "ClusterSpofReport", "metadata": {"name": "cluster"},
                 "status": {"nodes": {"count": 3}}}
                """, ClusterSpofReport.class);
        assertThat(cluster.getStatus().undecodable()).isEqualTo("status.nodes: expected an integer");

        Rollout rollout = serialization.unmarshal("""
                {"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "metadata": {"name": "canary", "namespace": "shop"},
                 "spec": {"replicas": 3, "template": {"spec": {"containers": [{"name": "app", "ports": [{"containerPort": "http"}]}]}}}}
                """, Rollout.class);
        assertThat(rollout.getSpec().undecodable())
                .isEqualTo("spec.template.spec.containers[0].ports[0].containerPort: expected an integer, found \"http\"");
    }

    /** Frameworks copy objects by serializing them (JOSDK's cloner): the copy must still say so. */
    @Test
    void anUndecodablePartIsWrittenBackAsItWasRead() {
        RedundancyPolicy policy = serialization.unmarshal("""
                {"apiVersion": "nospof.dev/v1alpha1", "kind": "RedundancyPolicy", "metadata": {"name": "bad"},
                 "spec": {"thresholds": {"minReplicas": "three"}}}
                """, RedundancyPolicy.class);
        assertThat(serialization.asJson(policy)).contains("\"spec\":{\"thresholds\":{\"minReplicas\":\"three\"}}");
        assertThat(serialization.clone(policy).getSpec().undecodable()).isEqualTo("spec.thresholds.minReplicas: expected an integer");
    }

    @Test
    void decodableObjectsAreUnchanged() {
        SpofReport report = serialization.unmarshal("""
                {"apiVersion": "nospof.dev/v1alpha1", "kind": "SpofReport", "metadata": {"name": "deployment-web", "namespace": "shop"},
                 "spec": {"workload": {"kind": "Deployment", "name": "web"}}}
                """, SpofReport.class);
        assertThat(report.getSpec().undecodable()).isNull();
        assertThat(report.getStatus()).isNull();
        assertThat(serialization.asJson(report)).doesNotContain("undecodable");
    }
}
