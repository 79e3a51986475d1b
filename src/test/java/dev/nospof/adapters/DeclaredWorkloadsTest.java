package dev.nospof.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.model.DeclaredKind;
import dev.nospof.model.LabelSelector;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeclaredWorkloadsTest {

    private static final WorkloadKind REDIS = WorkloadKind.declared("cache.example.dev", "v1", "RedisCluster", ".spec.replicas");

    private static GenericKubernetesResource redis(String spec) {
        return Serialization.unmarshal("""
                apiVersion: cache.example.dev/v1
                kind: RedisCluster
                metadata: {name: sessions, namespace: data}
                spec: %s
                """.formatted(spec), GenericKubernetesResource.class);
    }

    private static Workload bySelectorAt(String path, String spec) {
        return DeclaredWorkloads.workload(redis(spec), new DeclaredKind(REDIS, path, null)).orElseThrow();
    }

    @Test
    void theSelectorIsReadInEveryFormOperatorsWriteIt() {
        Map<String, String> pod = Map.of("app", "redis", "cluster", "sessions", "tier", "a");
        assertThat(bySelectorAt(".spec.selector", "{selector: {matchLabels: {app: redis}}}").selector().matches(pod)).isTrue();
        assertThat(bySelectorAt(".spec.selector", "{selector: {matchExpressions: [{key: tier, operator: In, values: [b]}]}}")
                .selector().matches(pod)).isFalse();
        assertThat(bySelectorAt(".spec.labels", "{labels: {app: redis, cluster: sessions}}").selector().matches(pod)).isTrue();
        assertThat(bySelectorAt(".spec.s", "{s: 'app=redis,tier in (a, b),!gone,cluster'}").selector().matches(pod)).isTrue();
        assertThat(bySelectorAt(".spec.s", "{s: 'app==redis,cluster!=sessions'}").selector().matches(pod)).isFalse();
        assertThat(bySelectorAt(".spec.absent", "{replicas: 2}").selector()).as("none yet: no pod is found").isEqualTo(LabelSelector.NOTHING);
    }

    @Test
    void podLabelsNameTheResourceAndReplicasComeFromTheDeclaredPath() {
        Workload workload = DeclaredWorkloads.workload(redis("{replicas: 3}"),
                new DeclaredKind(REDIS, null, Map.of("redis.example.dev/cluster", "$(name)", "role", "$(name)-data"))).orElseThrow();
        assertThat(workload.selector().matchLabels()).containsExactlyInAnyOrderEntriesOf(
                Map.of("redis.example.dev/cluster", "sessions", "role", "sessions-data"));
        assertThat(workload.template().labels()).isEqualTo(workload.selector().matchLabels());
        assertThat(workload.specReplicas()).isEqualTo(3);
        assertThat(workload.readyReplicas()).isNull();
        assertThat(workload.ref().kind().podTemplateKnown()).isFalse();
        assertThat(workload.ref().kind().operatorRun()).isTrue();
    }

    @Test
    void aFieldThatDoesNotReadIsAProblemAtItsPath() {
        DeclaredWorkloads declared = new DeclaredWorkloads(List.of(new DeclaredKind(REDIS, ".spec.selector", null)));
        assertThat(declared.problem(redis("{replicas: -1}")).orElseThrow().getKey()).containsExactly("spec", "replicas");
        assertThat(declared.problem(redis("{replicas: 2, selector: [a]}")).orElseThrow().getValue())
                .startsWith(".spec.selector: expected a label selector");
        assertThat(declared.problem(redis("{selector: 'app in (a'}")).orElseThrow().getValue())
                .isEqualTo(".spec.selector: expected a selector string such as 'app=kafka,tier in (a,b)', found app in (a");
        assertThat(declared.workload(redis("{replicas: x}"))).isEmpty();
        assertThat(declared.problem(redis("{replicas: 2}"))).isEmpty();
    }

    @Test
    void aDeclaredKindNamedLikeAKnownOneIsToldApartByItsGroup() {
        assertThat(WorkloadKind.declared("example.dev", "v1", "Prometheus", ".spec.replicas").label()).isEqualTo("prometheus.example.dev");
        assertThat(REDIS.label()).isEqualTo("rediscluster");
        assertThat(REDIS.replicasField()).isEqualTo("spec.replicas");
    }
}
