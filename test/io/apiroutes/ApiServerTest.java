package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.apiroutes.jdk.ServerDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ApiServerTest {
    /** How long something that takes milliseconds may take on a loaded machine before the test fails. */
    private static final long PATIENCE_SECONDS = 60;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ApiRoutes ONE_ROUTE = ApiRoutes.builder().route("/api/x", (req, res) -> res.json(1)).build();

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
    void stop_servesTheConnectionsItHasWithConnectionClose_refusesNewOnes_andReadinessFailsAtOnce() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ApiServer server = ApiServer.builder().host("127.0.0.1").port(0)
                .routes(ApiRoutes.builder().route("/api/slow", (req, res) -> {
                    entered.countDown();
                    res.json(release.await(PATIENCE_SECONDS, TimeUnit.SECONDS) ? "done" : "never released");
                }).route("/api/fast", (req, res) -> res.json("fast")).build())
                .start();
        int port = server.port();
        try (KeepAlive inFlight = new KeepAlive(port); KeepAlive ready = new KeepAlive(port);
             KeepAlive live = new KeepAlive(port); KeepAlive other = new KeepAlive(port)) {
            for (KeepAlive connection : List.of(ready, live, other)) {
                assertTrue(connection.get("/api/fast").startsWith("HTTP/1.1 200"));
            }
            inFlight.send("/api/slow");
            assertTrue(entered.await(PATIENCE_SECONDS, TimeUnit.SECONDS));

            CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> server.stop(Duration.ofSeconds(PATIENCE_SECONDS)));
            boolean refused = false;
            for (int i = 0; i < 500 && !refused; i++) {
                try {
                    new Socket("127.0.0.1", port).close();
                    Thread.sleep(10);
                } catch (ConnectException e) {
                    refused = true;
                }
            }
            String readiness = ready.get("/readyz");
            String liveness = live.get("/livez");
            String served = other.get("/api/fast");
            release.countDown();
            String finished = inFlight.read();

            assertTrue(refused, "a new connection is refused once the stop began");
            assertEquals(503, TestServer.status(readiness), readiness);
            assertEquals("{\"status\":\"stopping\"}", TestServer.body(readiness));
            assertEquals(200, TestServer.status(liveness), liveness);
            assertEquals("{\"status\":\"ok\"}", TestServer.body(liveness));
            assertEquals(200, TestServer.status(served), served);
            assertEquals("\"fast\"", TestServer.body(served));
            assertTrue(served.toLowerCase(Locale.ROOT).contains("connection: close"), served);
            assertEquals("\"done\"", TestServer.body(finished));
            assertTrue(stopped.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void health_answersAtItsPathsOutsideApi_orNotAtAll() throws Exception {
        ApiRoutes routes = ApiRoutes.builder().route("/api/x", (req, res) -> res.end()).build();
        try (TestServer server = new TestServer(routes)) {
            HttpResponse<String> ready = server.get("/readyz");
            HttpResponse<String> live = server.get("/livez");

            assertEquals(200, ready.statusCode());
            assertEquals("{\"status\":\"ok\"}", ready.body());
            assertEquals("application/json; charset=utf-8", ready.headers().firstValue("Content-Type").orElse(""));
            assertEquals(200, live.statusCode());
            assertEquals(404, server.get("/readyz/").statusCode());
        }
        ApiServer custom = ApiServer.builder().routes(routes).host("127.0.0.1").port(0)
                .healthPaths("/health/live", null).start();
        try {
            assertEquals(200, get(custom.port(), "/health/live").statusCode());
            assertEquals(404, get(custom.port(), "/readyz").statusCode());
            assertEquals(404, get(custom.port(), "/livez").statusCode());
        } finally {
            custom.stop(Duration.ZERO);
        }
        for (String path : new String[] {"/api", "/api/health", "health"}) {
            assertEquals("a health path starts with / and is outside /api, not '" + path + "'",
                    assertThrows(IllegalArgumentException.class, () -> ApiServer.builder().healthPaths(null, path)).getMessage());
        }
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

    /** One request on a connection of its own, with this {@code Host} line (none when null). */
    private static HostileSockets.Answer withHost(int port, String path, String protocol, String host) throws IOException {
        return HostileSockets.send(port, "GET " + path + " " + protocol + "\r\n" + (host == null ? "" : "Host: " + host + "\r\n")
                + "Connection: close\r\n\r\n");
    }

    @Test
    void allowedHosts_refusesAForeignHostWithJson403BeforeAnyPathIsLookedAt() throws Exception {
        try (TestServer server = new TestServer(ApiServer.builder().routes(ONE_ROUTE).allowedHosts(List.of("app.example")))) {
            int port = server.server.port();
            for (String path : List.of("/api/x", "/api/nothing", "/api", "/livez", "/readyz", "/", "/apiary")) {
                HostileSockets.Answer answer = withHost(port, path, "HTTP/1.1", "evil.example:" + port);

                assertEquals(403, answer.status(), path + ": " + answer);
                assertTrue(answer.head().toLowerCase(Locale.ROOT).contains("\r\ncontent-type: application/json"), answer.toString());
                assertEquals("{\"error\":\"Host evil.example is not allowed (DNS rebinding protection); to allow it: "
                        + "--allowed-hosts evil.example\"}", answer.body(), path);
            }
            assertEquals("{\"error\":\"A request without Host is not answered here (DNS rebinding protection)\"}",
                    withHost(port, "/api/x", "HTTP/1.0", null).body());
            assertEquals("{\"error\":\"Missing Host header\"}", withHost(port, "/api/x", "HTTP/1.1", null).body());
        }
    }

    @Test
    void allowedHosts_answersLoopbackAddressesAndTheNamesGiven() throws Exception {
        try (TestServer server = new TestServer(ApiServer.builder().routes(ONE_ROUTE).allowedHosts(List.of("app.example")))) {
            int port = server.server.port();
            for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "LocalHost", "app.example",
                    "App.Example:" + port, "my-app.localhost:" + port)) {
                HostileSockets.Answer answer = withHost(port, "/api/x", "HTTP/1.1", host);

                assertEquals(200, answer.status(), host + ": " + answer);
                assertEquals("1", answer.body(), host);
            }
            assertEquals("1", server.get("/api/x").body()); // java.net.http sends Host: 127.0.0.1:port
        }
    }

    @Test
    void allowedHosts_aRefusedHostReachesNoFilter() throws Exception {
        ApiServer.Builder builder = ApiServer.builder().routes(ONE_ROUTE.withFilter(new FilterTest.Auth()))
                .filter(new FilterTest.Auth()).allowedHosts(List.of());
        try (TestServer server = new TestServer(builder)) {
            int port = server.server.port();

            assertEquals(403, withHost(port, "/api/x", "HTTP/1.1", "evil.example").status());
            assertEquals(401, withHost(port, "/api/x", "HTTP/1.1", "localhost:" + port).status());
        }
    }

    @Test
    void allowedHosts_offByDefault_anyHostIsAnswered() throws Exception {
        try (TestServer server = new TestServer(ONE_ROUTE)) {
            HostileSockets.Answer answer = withHost(server.server.port(), "/api/x", "HTTP/1.1", "evil.example");

            assertEquals(200, answer.status(), answer.toString());
            assertEquals("1", answer.body());
        }
    }

    @Test
    void builder_allowedHosts_refusesWhatIsNotAHostName() {
        assertEquals("not a host name: 'http://a.example'", assertThrows(IllegalArgumentException.class,
                () -> ApiServer.builder().allowedHosts(List.of("http://a.example"))).getMessage());
    }

    @Test
    void builder_refusesAPortOutOfRange() {
        assertEquals("port must be from 0 to 65535, not 70000",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> ApiServer.builder().port(70000)).getMessage());
    }

    /** A keep-alive connection of its own, one request at a time. */
    private static final class KeepAlive implements AutoCloseable {
        private final Socket socket;

        KeepAlive(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
        }

        void send(String path) throws IOException {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }

        String get(String path) throws IOException {
            send(path);
            return read();
        }

        /** One answer: the head, then as many bytes as its Content-Length says. */
        String read() throws IOException {
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            while (answer.indexOf("\r\n\r\n") < 0) {
                int c = in.read();
                if (c < 0) {
                    return answer.toString();
                }
                answer.append((char) c);
            }
            Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(answer);
            int n = length.find() ? Integer.parseInt(length.group(1)) : 0;
            answer.append(new String(in.readNBytes(n), StandardCharsets.ISO_8859_1));
            return answer.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
