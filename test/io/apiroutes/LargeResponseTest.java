package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apiroutes.json.Json;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Large answers under run.sh's 64 MB heap, each in a fresh server so that nothing else holds
 * the heap: the server adds slices, never a copy of the whole body.
 */
@Tag("slow") // a 64 MB JVM of its own per test, tens of megabytes each
class LargeResponseTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static <T> HttpResponse<T> get(ChildServer server, String path, HttpResponse.BodyHandler<T> body)
            throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + path))
                .timeout(Duration.ofSeconds(60)).build(), body);
    }

    @Test
    void send_bytesOfHalfTheHeap_arriveWhole() throws Exception {
        try (ChildServer server = ChildServer.start()) {
            HttpResponse<InputStream> response = get(server, "/api/child/bytes?mb=30", HttpResponse.BodyHandlers.ofInputStream());

            assertEquals(200, response.statusCode(), server.output());
            assertEquals(String.valueOf(30 << 20), response.headers().firstValue("Content-Length").orElse(""));
            long count = 0;
            try (InputStream body = response.body()) {
                byte[] buffer = new byte[65536];
                int n;
                while ((n = body.read(buffer)) > 0) {
                    for (int i = 0; i < n; i++) {
                        assertEquals((byte) (count + i), buffer[i], "byte " + (count + i));
                    }
                    count += n;
                }
            }
            assertEquals(30 << 20, count);
            assertTrue(server.process.isAlive(), server.output());
        }
    }

    @Test
    void send_textOfManyMegabytes_isEncodedInSlicesAndArrivesWhole() throws Exception {
        try (ChildServer server = ChildServer.start()) {
            HttpResponse<String> response = get(server, "/api/child/text?mb=12", HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

            assertEquals(200, response.statusCode());
            int chars = 12 << 20;
            assertEquals(String.valueOf(chars + chars / 1024), response.headers().firstValue("Content-Length").orElse(""));
            assertEquals(chars, response.body().length());
            assertEquals('é', response.body().charAt(1024 * 7));
            assertEquals('b', response.body().charAt(1));
            assertTrue(server.process.isAlive(), server.output());
        }
    }

    @Test
    void json_ofManyMegabytes_arrivesWhole() throws Exception {
        try (ChildServer server = ChildServer.start()) {
            HttpResponse<byte[]> response = get(server, "/api/child/shared?as=json", HttpResponse.BodyHandlers.ofByteArray());

            assertEquals(200, response.statusCode());
            List<?> items = (List<?>) Json.parse(response.body(), 512);
            assertEquals(100_000, items.size());
            assertEquals(Map.of("id", 99_999L, "name", "item number 99999", "note", "a note that makes the object longer"),
                    items.get(99_999));
            assertTrue(server.process.isAlive(), server.output());
            // past the 4 MiB default warning size, whether the answer went out with its length or chunked
            String warning = "API response for /api/child/shared is " + response.body().length + " bytes";
            assertTrue(server.awaitOutput(warning), server.output());
        }
    }
}
