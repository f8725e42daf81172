package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ApiServerTest {
    /** How long something that takes milliseconds may take on a loaded machine before the test fails. */
    private static final long PATIENCE_SECONDS = 60;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void mount_addsTheApiToAnExistingServer() throws Exception {
        // The JDK reads its server properties once, at its first server in the JVM: set ours first, as
        // ApiServer does, or every server the other tests start in this JVM would run without them.
        ServerDefaults.apply();
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/", exchange -> {
            byte[] page = "the app".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        ApiRoutes.builder()
                .route("/api", (req, res) -> res.json("index"))
                .route("/api/users/[id]", (req, res) -> res.json(req.query("id")))
                .build()
                .mount(app);
        app.start();
        try {
            int port = app.getAddress().getPort();

            assertEquals("\"index\"", get(port, "/api").body());
            assertEquals("\"index\"", get(port, "/api/").body());
            assertEquals("\"7\"", get(port, "/api/users/7").body());
            assertEquals("the app", get(port, "/").body());
            assertEquals("the app", get(port, "/about").body());
            assertEquals(404, get(port, "/api/nothing").statusCode());
            assertEquals("{\"error\":\"Not Found\"}", get(port, "/apiary").body());
        } finally {
            app.stop(0);
        }
    }

    @Test
    void start_servesOnAnEphemeralPortAndAnswersJson404Everywhere() throws Exception {
        try (TestServer server = TestServer.of("/api/x", (req, res) -> res.json(1))) {
            assertTrue(server.server.port() > 0);
            assertEquals("1", server.get("/api/x").body());
            assertEquals("{\"error\":\"Not Found\"}", server.get("/").body());
            assertEquals("{\"error\":\"Not Found\"}", server.get("/apiary").body());
            assertEquals(404, server.get("/index.html").statusCode());
        }
    }

    /** The request is held in its handler until the server has begun to stop, whatever the machine's speed. */
    @Test
    void stop_letsARequestInFlightFinishAndTurnsNewOnesAway() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ApiServer server = ApiServer.builder().host("127.0.0.1").port(0)
                .routes(ApiRoutes.builder().route("/api/slow", (req, res) -> {
                    entered.countDown();
                    res.json(release.await(PATIENCE_SECONDS, TimeUnit.SECONDS) ? "done" : "never released");
                }).route("/api/fast", (req, res) -> res.json("fast")).build())
                .start();
        int port = server.port();
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return get(port, "/api/slow");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(entered.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> server.stop(Duration.ofSeconds(PATIENCE_SECONDS)));

        String refused = HostileSockets.awaitStatus(port, "GET /api/fast HTTP/1.1\r\nHost: x\r\n\r\n", 503);
        release.countDown();
        HttpResponse<String> finished = inFlight.get(PATIENCE_SECONDS, TimeUnit.SECONDS);

        assertEquals(503, TestServer.status(refused), refused);
        assertTrue(refused.toLowerCase().contains("connection: close"), refused);
        assertEquals("{\"error\":\"Server is shutting down\"}", TestServer.body(refused));
        assertEquals(200, finished.statusCode());
        assertEquals("\"done\"", finished.body());
        assertTrue(stopped.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
    }

    /** A grace period of an hour, and the idle server has stopped long before: it did not wait for it. */
    @Test
    void stop_anIdleServerStopsAtOnce() throws Exception {
        ApiServer server = ApiServer.builder().host("127.0.0.1").port(0).shutdownGrace(Duration.ofHours(1))
                .routes(ApiRoutes.builder().route("/api/x", (req, res) -> res.end()).build()).start();
        get(server.port(), "/api/x");

        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(server::stop);

        assertTrue(drained.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void builder_refusesAPortOutOfRange() {
        assertEquals("port must be from 0 to 65535, not 70000",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> ApiServer.builder().port(70000)).getMessage());
    }
}
