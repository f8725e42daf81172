package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apiroutes.jdk.ServerDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a server takes on at once: handlers past their share of the threads, and streams past
 * theirs, get 503 with {@code Retry-After} at once, while the health paths and other routes answer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerCapacityTest {

    @Test
    void of_keepsAnEighthOfAPoolFromHandlersAndHalfOfTheRestFromStreams() {
        assertEquals(new ServerCapacity(512, 512, 448, 224), ServerCapacity.of(512, 512, false, 0, 0, 64L << 20));
        assertEquals(new ServerCapacity(4096, 16, 8, 4), ServerCapacity.of(4096, 16, false, 0, 0, 64L << 20));
    }

    @Test
    void of_withVirtualThreads_allowsARequestPer64KiBOfHeapWithinTheConnections() {
        assertEquals(new ServerCapacity(4096, 4096, 1024, 512), ServerCapacity.of(4096, 4096, true, 0, 0, 64L << 20));
        assertEquals(new ServerCapacity(512, 512, 512, 256), ServerCapacity.of(512, 512, true, 0, 0, 1L << 30));
    }

    @Test
    void of_takesWhatIsSet_streamsWithinRequests() {
        assertEquals(new ServerCapacity(100, 50, 10, 10), ServerCapacity.of(100, 50, false, 10, 20, 64L << 20));
    }

    @Test
    void jdkConnections_followTheHeap() {
        assertEquals(512, ServerDefaults.jdkConnections(64L << 20));
        assertEquals(64, ServerDefaults.jdkConnections(1L << 20));
        assertEquals(4096, ServerDefaults.jdkConnections(8L << 30));
    }

    @Test
    void requestsPastTheLimit_get503WithRetryAfter_whileHealthAndTheRestAnswer() throws Exception {
        CountDownLatch running = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        ApiRoutes routes = ApiRoutes.builder()
                .route("/api/wait", (req, res) -> {
                    running.countDown();
                    release.await();
                    res.json("done");
                })
                .build();
        try (TestServer server = new TestServer(ApiServer.builder().routes(routes).maxRequests(2))) {
            CompletableFuture<HttpResponse<String>> first = server.getAsync("/api/wait");
            CompletableFuture<HttpResponse<String>> second = server.getAsync("/api/wait");
            assertTrue(running.await(10, TimeUnit.SECONDS));

            HttpResponse<String> refused = server.get("/api/wait");
            HttpResponse<String> live = server.get("/livez");
            HttpResponse<String> notFound = server.get("/api/nothing");

            assertEquals(503, refused.statusCode());
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
            assertEquals("{\"error\":\"Server is busy: too many requests at once\"}", refused.body());
            assertEquals(200, live.statusCode());
            assertEquals(404, notFound.statusCode());
            release.countDown();
            assertEquals("\"done\"", first.get(10, TimeUnit.SECONDS).body());
            assertEquals("\"done\"", second.get(10, TimeUnit.SECONDS).body());
            assertEquals("\"done\"", server.get("/api/wait").body());
        }
    }

    @Test
    void streamsPastTheirShare_get503WithRetryAfter_andTheSlotComesBackWhenOneEnds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ApiRoutes routes = ApiRoutes.builder()
                .route("/api/events", (req, res) -> {
                    ServerSentEvents events = res.sse();
                    events.send("hello");
                    release.await();
                })
                .route("/api/hello", (req, res) -> res.json("hi"))
                .build();
        try (TestServer server = new TestServer(ApiServer.builder().routes(routes).maxRequests(4).maxStreams(1))) {
            HttpResponse<InputStream> open = server.send(HttpRequest.newBuilder(server.uri("/api/events")),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, open.statusCode());
            assertEquals("data: hello\n\n", readEvent(open.body()));

            HttpResponse<String> refused = server.get("/api/events");

            assertEquals(503, refused.statusCode());
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
            assertEquals("{\"error\":\"Server is busy: too many streams open at once\"}", refused.body());
            assertEquals("\"hi\"", server.get("/api/hello").body());
            release.countDown();
            open.body().close();
            HttpResponse<InputStream> again = awaitStream(server);
            assertEquals("data: hello\n\n", readEvent(again.body()));
            again.body().close();
        }
    }

    /** Opens the stream once the first one has given its slot back (its handler returns after the release). */
    private static HttpResponse<InputStream> awaitStream(TestServer server) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            HttpResponse<InputStream> response = server.send(HttpRequest.newBuilder(server.uri("/api/events")),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() == 200 || System.nanoTime() > end) {
                return response;
            }
            response.body().close();
            Thread.sleep(10);
        }
    }

    private static String readEvent(InputStream in) throws IOException {
        StringBuilder event = new StringBuilder();
        while (!event.toString().endsWith("\n\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            event.append((char) c);
        }
        return event.toString();
    }

    @Test
    void aServerOfOurOwn_reportsItsCapacity() throws Exception {
        try (TestServer server = new TestServer(ApiServer.builder().routes(ApiRoutes.builder().build())
                .maxConnections(300).maxThreads(40))) {
            boolean virtual = Runtime.version().feature() >= (TestServer.OUR_ENGINE ? 21 : 24);
            int connections = TestServer.OUR_ENGINE ? 300 : ServerDefaults.jdkMaxConnections();
            int requests = virtual ? (int) Math.max(16, Math.min(connections, Runtime.getRuntime().maxMemory() / 65536)) : 32;

            assertEquals(new ServerCapacity(connections, virtual ? connections : 40, requests, requests / 2),
                    server.server.capacity());
        }
    }
}
