package dev.nospof.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a {@link Decoded} property (put on a custom resource's {@code setSpec}/{@code setStatus})
 * so that a part which does not decode becomes an empty instance saying why, and the rest of
 * the object, the list and the watch it came in go on. Put {@link Writer} on the getter, so that
 * such a part is written back as it was read.
 */
public class TolerantPart extends JsonDeserializer<Decoded> implements ContextualDeserializer {

    private final JavaType type;

    public TolerantPart() {
        this(null);
    }

    private TolerantPart(JavaType type) {
        this.type = type;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
        return new TolerantPart(property.getType());
    }

    @Override
    public Decoded deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String field = parser.currentName();
        // Kept as tokens, not as a tree: no tree to build and convert for every report's status (each watch
        // event, each write's answer); a part that fails is made a tree, to be written back as it was read.
        TokenBuffer tokens = context.bufferAsCopyOfValue(parser);
        try (JsonParser buffered = tokens.asParserOnFirstToken()) {
            return context.readValue(buffered, type);
        } catch (JacksonException e) {
            JsonNode node = context.readTree(tokens.asParserOnFirstToken());
            String at = field == null ? type.getRawClass().getSimpleName() : field;
            List<String> path = new ArrayList<>(List.of(at));
            if (e instanceof JsonMappingException mapping) {
                mapping.getPath().forEach(r -> path.add(r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]"));
            }
            Decoded empty = empty();
            String problem = MappingProblems.describeAt(at, e);
            JsonMappingException cause = e instanceof JsonMappingException mapping ? mapping
                    : JsonMappingException.from(parser, e.getOriginalMessage(), e);
            cause.prependPath(new JsonMappingException.Reference(null, at));
            empty.undecodable(problem, path, node, cause);
            return empty;
        }
    }

    private Decoded empty() {
        try {
            return (Decoded) type.getRawClass().getDeclaredConstructor().newInstance();
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException | NoSuchMethodException e) {
            throw new IllegalStateException(type + " needs a public no-argument constructor", e);
        }
    }

    /** Writes an undecodable part as it was read, any other as usual. */
    public static class Writer extends JsonSerializer<Decoded> {
        @Override
        public void serialize(Decoded part, JsonGenerator generator, SerializerProvider provider) throws IOException {
            if (part.raw() != null) {
                generator.writeTree(part.raw());
            } else {
                provider.findValueSerializer(part.getClass()).serialize(part, generator, provider);
            }
        }

        /** The schema (the CRD generator's) is the part's own. */
        @Override
        public void acceptJsonFormatVisitor(JsonFormatVisitorWrapper visitor, JavaType type) throws JsonMappingException {
            visitor.getProvider().findValueSerializer(type).acceptJsonFormatVisitor(visitor, type);
        }
    }
}
