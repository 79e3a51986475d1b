package dev.nospof.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The spec or status of a custom resource nospof reads, which may arrive undecodable (a CRD
 * loosened by hand, an object stored before the schema had bounds, another writer of its
 * status). Decoded through {@link TolerantPart}, such a part is an empty instance that says why,
 * instead of an exception that would stop the informer for every object of the kind.
 */
public abstract class Decoded {

    @JsonIgnore
    private String undecodable;
    /** Where: "spec", "template", "[0]", "containerPort". */
    @JsonIgnore
    private List<String> path = List.of();
    /** Jackson's own account, its path from the object's root. */
    @JsonIgnore
    private JsonMappingException cause;
    /** What was read, written back as it was (so a copy made by serializing still says it does not decode). */
    @JsonIgnore
    private JsonNode raw;

    /** Why this part did not decode ({@code "spec.thresholds.minReplicas: expected an integer"}), or null. */
    @JsonIgnore
    public String undecodable() {
        return undecodable;
    }

    /** The field that does not decode, as names and "[index]"es from the object's root. */
    @JsonIgnore
    public List<String> undecodablePath() {
        return path;
    }

    /** Why, as Jackson said it, with the path from the object's root (for readers that collect every problem). */
    @JsonIgnore
    public JsonMappingException undecodableCause() {
        return cause;
    }

    @JsonIgnore
    void undecodable(String problem, List<String> path, JsonNode raw, JsonMappingException cause) {
        this.undecodable = problem;
        this.path = List.copyOf(path);
        this.raw = raw;
        this.cause = cause;
    }

    /** The first of {@code parts} (a resource's spec and status) that did not decode. */
    public static Optional<Decoded> firstUndecodable(Object... parts) {
        for (Object part : parts) {
            if (part instanceof Decoded decoded && decoded.undecodable() != null) {
                return Optional.of(decoded);
            }
        }
        return Optional.empty();
    }

    @JsonIgnore
    JsonNode raw() {
        return raw;
    }
}
