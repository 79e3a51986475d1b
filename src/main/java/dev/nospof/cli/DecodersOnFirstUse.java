package dev.nospof.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.AccessPattern;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Jackson builds the decoder of a class with the decoders of every class its fields can hold,
 * before it reads a byte: a Deployment reaches hundreds of Fabric8 model classes (probes,
 * volumes of every kind, security contexts...), half the CPU of a small audit. This module gives
 * every field of a model class a decoder that looks up the real one when the field is first met
 * in a document, so an audit builds the decoders of what its input holds. What is decoded, and
 * every error about it, is the same.
 */
final class DecodersOnFirstUse extends SimpleModule {

    DecodersOnFirstUse() {
        super("nospof-decoders-on-first-use");
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                    BeanDeserializerBuilder builder) {
                List<SettableBeanProperty> deferred = new ArrayList<>();
                builder.getProperties().forEachRemaining(property -> {
                    if (!property.hasValueDeserializer() && !simple(property.getType())) {
                        deferred.add(property.withValueDeserializer(new OnFirstUse(property.getType(), null)));
                    }
                });
                deferred.forEach(property -> builder.addOrReplaceProperty(property, true));
                return builder;
            }
        });
    }

    /** Text, numbers and booleans (and lists and maps of them): their decoders are Jackson's own, built at once. */
    private static boolean simple(JavaType type) {
        if (type.isContainerType()) {
            return type.getContentType() != null && simple(type.getContentType())
                    && (type.getKeyType() == null || simple(type.getKeyType()));
        }
        return type.isPrimitive() || type.getRawClass().getName().startsWith("java.lang.");
    }

    /** The decoder of one field, found when a document first has the field. */
    private static final class OnFirstUse extends JsonDeserializer<Object> implements ContextualDeserializer {

        private final JavaType type;
        private final BeanProperty property;
        private volatile JsonDeserializer<Object> found;

        OnFirstUse(JavaType type, BeanProperty property) {
            this.type = type;
            this.property = property;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            return new OnFirstUse(type, property); // called as the bean's decoder is resolved: look nothing up yet
        }

        private JsonDeserializer<Object> real(DeserializationContext context) throws JsonMappingException {
            JsonDeserializer<Object> real = found;
            if (real == null) {
                real = context.findContextualValueDeserializer(type, property);
                found = real;
            }
            return real;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return real(context).deserialize(parser, context);
        }

        @Override
        public Object deserializeWithType(JsonParser parser, DeserializationContext context, TypeDeserializer types) throws IOException {
            return real(context).deserializeWithType(parser, context, types);
        }

        @Override
        public Object getNullValue(DeserializationContext context) throws JsonMappingException {
            return real(context).getNullValue(context);
        }

        @Override
        public AccessPattern getNullAccessPattern() {
            return AccessPattern.DYNAMIC;
        }

        @Override
        public Class<?> handledType() {
            return type.getRawClass();
        }
    }
}
