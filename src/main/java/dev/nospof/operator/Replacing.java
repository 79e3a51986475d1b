package dev.nospof.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replaces parts of an object that does not decode with what nospof writes, by JSON patch:
 * server-side apply cannot merge into such an object ("failed to create typed live object"),
 * and a JSON patch needs only the patch verb the chart already grants.
 */
final class Replacing {

    private Replacing() {
    }

    /** Replaces the whole status. */
    static <T extends HasMetadata> T status(KubernetesClient client, T resource, Object status) {
        return client.resource(resource).subresource("status").patch(PatchContext.of(PatchType.JSON),
                client.getKubernetesSerialization().asJson(List.of(add("/status", status))));
    }

    /** Replaces the spec, the labels and the owners. */
    static <T extends HasMetadata> T specAndMetadata(KubernetesClient client, T resource, Object spec) {
        List<Map<String, Object>> operations = new ArrayList<>();
        operations.add(add("/spec", spec));
        if (resource.getMetadata().getLabels() != null) {
            operations.add(add("/metadata/labels", resource.getMetadata().getLabels()));
        }
        if (resource.getMetadata().getOwnerReferences() != null) {
            operations.add(add("/metadata/ownerReferences", resource.getMetadata().getOwnerReferences()));
        }
        return client.resource(resource).patch(PatchContext.of(PatchType.JSON), client.getKubernetesSerialization().asJson(operations));
    }

    /** "add" replaces a member that exists and adds one that does not. */
    private static Map<String, Object> add(String path, Object value) {
        return Map.of("op", "add", "path", path, "value", value);
    }
}
