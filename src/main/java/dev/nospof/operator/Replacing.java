package dev.nospof.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.EditReplacePatchable;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces parts of an object whole, by JSON patch, as field manager {@code nospof}: how a
 * report's changed status is written (one PATCH costs the API server about what a status update does,
 * with no resourceVersion to conflict on; server-side apply cost it more and bought nothing for
 * a status only nospof writes), and how an object that does not decode is repaired (server-side
 * apply cannot merge into it: "failed to create typed live object").
 */
final class Replacing {

    private static final PatchContext JSON_PATCH = new PatchContext.Builder().withPatchType(PatchType.JSON).withFieldManager("nospof").build();
    private static final PatchContext MERGE_PATCH = new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager("nospof")
            .build();

    private Replacing() {
    }

    /** Replaces the whole status, on the status subresource. */
    static <T extends HasMetadata> T status(KubernetesClient client, T resource, Object status) {
        return addStatus(client, client.resource(addressOf(resource)).subresource("status"), status);
    }

    /** Replaces the whole status of a kind without a status subresource (a SpofReport), on the object. */
    static <T extends HasMetadata> T statusOfObject(KubernetesClient client, T resource, Object status) {
        return addStatus(client, client.resource(addressOf(resource)), status);
    }

    private static <T extends HasMetadata> T addStatus(KubernetesClient client, EditReplacePatchable<T> target, Object status) {
        return target.patch(JSON_PATCH, client.getKubernetesSerialization().asJson(List.of(add("/status", status))));
    }

    /**
     * A custom resource's kind, name and namespace alone: all a patch uses of the object it is
     * given, which Fabric8 copies first (a serialization round trip of the whole report, a few
     * per cent of the operator's CPU during an initial sync).
     */
    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> T addressOf(T resource) {
        if (!(resource instanceof CustomResource<?, ?>)) {
            return resource;
        }
        try {
            T address = (T) resource.getClass().getDeclaredConstructor().newInstance();
            address.setMetadata(new ObjectMetaBuilder().withName(resource.getMetadata().getName())
                    .withNamespace(resource.getMetadata().getNamespace()).build());
            return address;
        } catch (ReflectiveOperationException e) {
            return resource;
        }
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
        return client.resource(resource).patch(JSON_PATCH, client.getKubernetesSerialization().asJson(operations));
    }

    /**
     * Sets {@code desired}'s labels (others' labels stay), owners and spec on {@code resource}: a
     * JSON merge patch, which replaces the owner list whole (one controller reference, never an
     * old one beside a new one).
     */
    static <T extends HasMetadata> T identity(KubernetesClient client, T resource, T desired, Object spec) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("labels", desired.getMetadata().getLabels());
        metadata.put("ownerReferences", desired.getMetadata().getOwnerReferences());
        return client.resource(resource).patch(MERGE_PATCH, client.getKubernetesSerialization().asJson(Map.of("metadata", metadata, "spec", spec)));
    }

    /** "add" replaces a member that exists and adds one that does not. */
    private static Map<String, Object> add(String path, Object value) {
        return Map.of("op", "add", "path", path, "value", value);
    }
}
