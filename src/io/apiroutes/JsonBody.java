package io.apiroutes;

import io.apiroutes.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A value written as JSON into a buffer that the response sends as it is, with its exact length:
 * {@link Json#write(Object, java.io.OutputStream)} hands its bytes over in one write when they
 * fit its 8 KB buffer, in 8 KB pieces otherwise, and no whole-body copy is made.
 */
final class JsonBody extends ByteArrayOutputStream {
    private JsonBody() {
        super(0);
    }

    /** The JSON of {@code value}: bytes {@code [0, length())} of {@link #buffer()}. */
    static JsonBody of(Object value) {
        JsonBody body = new JsonBody();
        try {
            Json.write(value, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // never: the buffer is in memory
        }
        return body;
    }

    byte[] buffer() {
        return buf;
    }

    int length() {
        return count;
    }
}
