package dev.vch.personality.errors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.stream.Collectors;

/**
 * Turns Jackson's failures into messages in the manner of dockerd, which reports Go's
 * encoding/json errors ("json: cannot unmarshal string into Go struct field
 * Config.Cmd of type []string"). We name the JSON field path and the expected type.
 */
final class JsonErrors {
    private JsonErrors() {
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof JsonParseException p) {
            return "invalid JSON: " + p.getOriginalMessage();
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            String field = path(m);
            String got = m.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser
                    && parser.currentToken() != null ? tokenName(parser.currentToken()) : "value";
            return "json: cannot unmarshal " + got + " into field " + (field.isEmpty() ? "(root)" : field)
                    + " of type " + typeName(m.getTargetType());
        }
        if (e instanceof JsonMappingException m) {
            return "invalid JSON at " + path(m) + ": " + m.getOriginalMessage();
        }
        return "invalid JSON: " + e.getOriginalMessage();
    }

    private static String path(JsonMappingException m) {
        return m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String tokenName(com.fasterxml.jackson.core.JsonToken t) {
        return switch (t) {
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "bool";
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "object";
            case START_ARRAY, END_ARRAY -> "array";
            case VALUE_NULL -> "null";
            default -> "value";
        };
    }

    private static String typeName(Class<?> c) {
        if (c == String.class) {
            return "string";
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            return "integer";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "bool";
        }
        if (java.util.Collection.class.isAssignableFrom(c) || c.isArray()) {
            return "array";
        }
        return "object";
    }
}
