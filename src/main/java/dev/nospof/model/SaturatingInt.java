package dev.nospof.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.math.BigInteger;

/**
 * Reads an integer field of nospof's custom resources that Java holds as an {@code int}, whatever
 * number the API server stored: one beyond the range of an int (the CRD may not have bounded it
 * when the object was written) becomes {@link Integer#MAX_VALUE} or {@link Integer#MIN_VALUE}
 * instead of failing the decoding, which would stop the informer that reads it for good. Range
 * checks (policy validation, report rewrites) then deal with the value like any other.
 */
public final class SaturatingInt extends JsonDeserializer<Integer> {

    private static final BigInteger MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger MIN = BigInteger.valueOf(Integer.MIN_VALUE);

    @Override
    public Integer deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            return (Integer) context.handleUnexpectedToken(Integer.class, parser);
        }
        BigInteger value = parser.getBigIntegerValue();
        return value.compareTo(MAX) > 0 ? Integer.MAX_VALUE : value.compareTo(MIN) < 0 ? Integer.MIN_VALUE : value.intValue();
    }
}
