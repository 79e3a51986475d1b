package dev.nospof.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecodersOnFirstUseTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop, labels: {app: web}}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 25%}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                    resources: {requests: {cpu: 100m, memory: 64Mi}}
                  topologySpreadConstraints:
                  - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule,
                     labelSelector: {matchLabels: {app: web}}}
            """;

    /** The classes whose decoders a mapper built, recorded as Jackson builds them. */
    private static final class Built extends SimpleModule {
        final Set<Class<?>> classes = new HashSet<>();

        Built() {
            setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                        JsonDeserializer<?> deserializer) {
                    classes.add(description.getBeanClass());
                    return deserializer;
                }
            });
        }
    }

    private static JsonNode tree(String yaml) throws YamlDocuments.Problem {
        return YamlDocuments.read(yaml);
    }

    @Test
    void buildsTheDecodersOfWhatTheDocumentHoldsOnly() throws Exception {
        Built eager = new Built();
        Built onFirstUse = new Built();
        new KubernetesSerialization(new ObjectMapper().registerModule(eager), true).convertValue(tree(DEPLOYMENT), Deployment.class);
        new KubernetesSerialization(new ObjectMapper().registerModules(onFirstUse, new DecodersOnFirstUse()), true)
                .convertValue(tree(DEPLOYMENT), Deployment.class);

        assertThat(eager.classes).contains(Probe.class, Volume.class);
        assertThat(onFirstUse.classes).doesNotContain(Probe.class, Volume.class)
                .contains(io.fabric8.kubernetes.api.model.Container.class, io.fabric8.kubernetes.api.model.TopologySpreadConstraint.class);
        assertThat(onFirstUse.classes.size()).isLessThan(eager.classes.size() / 4);
    }

    @Test
    void decodesTheSameObject() throws Exception {
        KubernetesSerialization plain = new KubernetesSerialization();
        KubernetesSerialization onFirstUse = new KubernetesSerialization(new ObjectMapper().registerModule(new DecodersOnFirstUse()), true);

        Deployment expected = plain.convertValue(tree(DEPLOYMENT), Deployment.class);
        Deployment decoded = onFirstUse.convertValue(tree(DEPLOYMENT), Deployment.class);

        assertThat(decoded).isEqualTo(expected);
        assertThat(decoded.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests().get("cpu"))
                .hasToString("100m");
        assertThat(decoded.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getStrVal()).isEqualTo("25%");
    }

    @Test
    void aFieldThatDoesNotDecodeFailsAtTheSamePathAsWithoutIt() throws Exception {
        String broken = DEPLOYMENT.replace("image: nginx:1.27", "image: nginx:1.27\n        livenessProbe: {periodSeconds: often}");
        KubernetesSerialization plain = new KubernetesSerialization();
        KubernetesSerialization onFirstUse = new KubernetesSerialization(new ObjectMapper().registerModule(new DecodersOnFirstUse()), true);

        for (KubernetesSerialization serialization : new KubernetesSerialization[] {plain, onFirstUse}) {
            assertThatThrownBy(() -> serialization.convertValue(tree(broken), Deployment.class))
                    .hasCauseInstanceOf(JsonMappingException.class)
                    .satisfies(e -> assertThat(FieldLines.pathOf(((JsonMappingException) e.getCause()).getPath()))
                            .containsExactly("spec", "template", "spec", "containers", 0, "livenessProbe", "periodSeconds"));
        }
        // null for a field whose decoder is not built yet
        assertThat(onFirstUse.convertValue(tree(DEPLOYMENT.replace("      containers:", "      affinity: null\n      containers:")),
                Deployment.class).getSpec().getTemplate().getSpec().getAffinity()).isNull();
    }
}
