package dev.nospof.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Why a document or object does not decode, worded for the person who wrote it: the field's
 * path and what was expected ("spec.replicas: expected an integer, found "three""), never
 * Jackson's class or token names. Shared by the CLI's reader and the operator's tolerant decoding.
 */
public final class MappingProblems {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private MappingProblems() {
    }

    /** A mapping error as a person reads it: the field's path and what was expected. */
    public static String describe(Throwable e) {
        Throwable cause = e instanceof IllegalArgumentException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            return path(jme).replaceFirst("^\\.", "") + ": " + readable(jme);
        }
        if (cause instanceof JsonProcessingException jpe) {
            return firstLine(withoutReadLimits(jpe.getOriginalMessage()));
        }
        return firstLine(withoutReadLimits(String.valueOf(cause.getMessage())));
    }

    /** The same for a value read at {@code field}: "spec.thresholds.minReplicas: ...", or "spec: expected a mapping". */
    public static String describeAt(String field, Throwable e) {
        if (e instanceof JsonMappingException jme) {
            return field + path(jme) + ": " + readable(jme);
        }
        return field + ": " + describe(e);
    }

    /** ".spec.replicas", "[2].name": the failing value's place under where decoding started. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
    }

    /** "expected an integer, found "three"" rather than Jackson's class names. */
    private static String readable(JsonMappingException e) {
        String original = String.valueOf(e.getOriginalMessage());
        if (original.startsWith("Unrecognized field")) {
            return "unknown field";
        }
        if (e instanceof InvalidFormatException ife && ife.getTargetType() != null && ife.getTargetType().isEnum()) {
            return "unknown value '" + excerpt(ife.getValue()) + "'; expected one of " + enumValues(ife.getTargetType());
        }
        if (e instanceof InvalidFormatException ife) {
            return "expected " + typeName(ife.getTargetType()) + ", found \"" + excerpt(ife.getValue()) + "\"";
        }
        if (e instanceof MismatchedInputException mie && mie.getTargetType() != null) {
            boolean wantsBoolean = mie.getTargetType() == Boolean.class || mie.getTargetType() == boolean.class;
            if (original.contains("from Boolean value") && !wantsBoolean) {
                // YAML 1.1, as kubectl reads it: on, off, yes and no unquoted are booleans.
                return "found true or false: YAML reads an unquoted on, off, yes or no as a boolean; quote it (\"off\")"
                        + (mie.getTargetType().isEnum() ? "; expected one of " + enumValues(mie.getTargetType()) : "");
            }
            return "expected " + typeName(mie.getTargetType());
        }
        return firstLine(withoutReadLimits(original));
    }

    /** Whether Jackson refused a value for its size (one of its read limits) rather than its type. */
    public static boolean exceedsReadLimit(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return String.valueOf(cause.getMessage()).contains("exceeds the maximum allowed");
    }

    private static final Pattern READ_LIMIT = Pattern.compile("(Number|String) value length \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");

    /** Jackson's limits on what it reads (a number of 11,668 digits), worded without its class names. */
    private static String withoutReadLimits(String message) {
        Matcher limit = message == null ? null : READ_LIMIT.matcher(message);
        if (limit == null || !limit.find()) {
            return message;
        }
        return "Number".equals(limit.group(1)) ? "expected a number of at most " + limit.group(3) + " digits, found one of " + limit.group(2)
                : "expected a text of at most " + limit.group(3) + " characters, found one of " + limit.group(2);
    }

    /** A value as a message quotes it: on one line, at most 60 characters (a hostile value does not flood the message). */
    public static String excerpt(Object value) {
        String oneLine = String.valueOf(value).replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }

    /** An enum's values as they are written in manifests. */
    private static String enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> PLAIN.convertValue(c, String.class)).collect(Collectors.joining(", "));
    }

    private static String typeName(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
            return "a mapping";
        }
        return type.getSimpleName();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
