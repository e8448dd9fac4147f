package dev.vch.portlayer.image.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vch.portlayer.api.PortLayerException;

import java.io.IOException;

/** The store's one JSON mapper (tolerant of fields a newer store version adds). */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new PortLayerException(PortLayerException.Kind.INTERNAL, "cannot encode " + value, e);
        }
    }

    public static <T> T read(byte[] json, Class<T> type, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new PortLayerException(PortLayerException.Kind.INTERNAL,
                    "Tried to read " + what + " but it is not valid: " + e.getMessage(), e);
        }
    }
}
