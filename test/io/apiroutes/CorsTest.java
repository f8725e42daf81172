package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apiroutes.cli.CommandLine;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CORS: off by default, per route or per server, exact origins, preflights answered without the handler. */
class CorsTest {
    private static final AtomicInteger HANDLER_RUNS = new AtomicInteger();
    private static ApiServer server;
    private static TestServer client;

    /** A method handler with its own policy, with credentials. */
    public static final class Orders implements RouteHandler {
        @Override
        public void get(ApiRequest req, ApiResponse res) {
            HANDLER_RUNS.incrementAndGet();
            res.json("orders");
        }

        @Override
        public void delete(ApiRequest req, ApiResponse res) {
            HANDLER_RUNS.incrementAndGet();
            res.end();
        }

        @Override
        public RouteConfig config() {
            return RouteConfig.defaults().withCors(Cors.allow("https://app.example.com").withCredentials()
                    .withHeaders("Authorization").withMaxAge(Duration.ofMinutes(10)));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        client = new TestServer(ApiRoutes.builder()
                .route("/api/public", (req, res) -> {
                    HANDLER_RUNS.incrementAndGet();
                    res.json("public");
                })
                .route("/api/orders", new Orders()).build());
        server = client.server;
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static HttpResponse<String> send(ApiServer on, String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + on.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request);
    }

    @Test
    void off_byDefault_noCorsHeaders() throws Exception {
        HttpHeaders headers = send(server, "GET", "/api/public", "Origin", "https://app.example.com").headers();

        assertFalse(headers.firstValue("Access-Control-Allow-Origin").isPresent());
        assertFalse(headers.firstValue("Vary").isPresent());
    }

    @Test
    void route_allowedOrigin_getsItsOriginBackAndVary() throws Exception {
        HttpResponse<String> response = send(server, "GET", "/api/orders", "Origin", "https://app.example.com");

        assertEquals(200, response.statusCode());
        assertEquals("https://app.example.com", response.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertEquals("true", response.headers().firstValue("Access-Control-Allow-Credentials").orElse(""));
        assertEquals("Origin", response.headers().firstValue("Vary").orElse(""));
    }

    @Test
    void route_otherOriginsAndNull_getNoAllowOrigin() throws Exception {
        for (String origin : List.of("https://evil.example", "https://app.example.com.evil.example", "null",
                "http://app.example.com", "https://APP.example.com")) {
            HttpResponse<String> response = send(server, "GET", "/api/orders", "Origin", origin);

            assertEquals(200, response.statusCode(), origin);
            assertFalse(response.headers().firstValue("Access-Control-Allow-Origin").isPresent(), origin);
            assertEquals("Origin", response.headers().firstValue("Vary").orElse(""), origin);
        }
    }

    @Test
    void preflight_isAnswered204WithoutTheHandler_withTheRoutesMethods() throws Exception {
        int runs = HANDLER_RUNS.get();
        HttpResponse<String> response = send(server, "OPTIONS", "/api/orders", "Origin", "https://app.example.com",
                "Access-Control-Request-Method", "DELETE", "Access-Control-Request-Headers", "authorization");

        assertEquals(204, response.statusCode());
        assertEquals(runs, HANDLER_RUNS.get(), "the handler ran");
        HttpHeaders headers = response.headers();
        assertEquals("https://app.example.com", headers.firstValue("Access-Control-Allow-Origin").orElse(""));
        assertEquals("GET, HEAD, DELETE, OPTIONS", headers.firstValue("Access-Control-Allow-Methods").orElse(""));
        assertEquals("Content-Type, Authorization", headers.firstValue("Access-Control-Allow-Headers").orElse(""));
        assertEquals("600", headers.firstValue("Access-Control-Max-Age").orElse(""));
        assertEquals("true", headers.firstValue("Access-Control-Allow-Credentials").orElse(""));
    }

    @Test
    void preflight_fromAnOriginNotAllowed_is403() throws Exception {
        HttpResponse<String> response = send(server, "OPTIONS", "/api/orders", "Origin", "https://evil.example",
                "Access-Control-Request-Method", "DELETE");

        assertEquals(403, response.statusCode());
        assertEquals("{\"error\":\"Origin not allowed: https://evil.example\"}", response.body());
        assertFalse(response.headers().firstValue("Access-Control-Allow-Origin").isPresent());
    }

    @Test
    void server_policy_appliesToRoutesWithoutTheirOwn_andStarNeverWithCredentials() throws Exception {
        try (ApiServer wide = ApiServer.builder().host("127.0.0.1").port(0).shutdownGrace(Duration.ZERO)
                .cors(Cors.allow("*"))
                .routes(ApiRoutes.builder().route("/api/public", (req, res) -> res.json("p")).route("/api/orders", new Orders()).build())
                .start()) {
            HttpResponse<String> any = send(wide, "GET", "/api/public", "Origin", "https://anyone.example");
            HttpResponse<String> nullOrigin = send(wide, "GET", "/api/public", "Origin", "null");
            HttpResponse<String> own = send(wide, "GET", "/api/orders", "Origin", "https://anyone.example");

            assertEquals("*", any.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            assertFalse(any.headers().firstValue("Access-Control-Allow-Credentials").isPresent());
            assertFalse(nullOrigin.headers().firstValue("Access-Control-Allow-Origin").isPresent());
            assertFalse(own.headers().firstValue("Access-Control-Allow-Origin").isPresent(), "the route's own policy wins");
        }
        assertThrows(IllegalArgumentException.class, () -> Cors.allow("*").withCredentials());
        assertThrows(IllegalArgumentException.class, () -> Cors.allow("null"));
        assertThrows(IllegalArgumentException.class, () -> Cors.allow("https://a.example/path"));
        assertThrows(IllegalArgumentException.class, () -> Cors.allow("https://A.example"));
        assertThrows(IllegalArgumentException.class, () -> Cors.allow("app.example.com"));
        assertTrue(Cors.allow("https://a.example:8443", "http://localhost:3000").origins().size() == 2);
    }

    @Test
    void commandLine_corsOrigin_setsTheServersPolicy() {
        assertEquals(Cors.allow("https://a.example", "https://b.example"),
                CommandLine.parse(new String[] {"--cors-origin", "https://a.example, https://b.example"}, java.util.Map.of()).cors());
        assertEquals(null, CommandLine.parse(new String[0], java.util.Map.of()).cors());
    }

    @Test
    void commandLine_corsCredentialsAndExposedHeaders_fromFlagsOrEnvironment() {
        Cors expected = Cors.allow("https://app.example").withCredentials().withExposedHeaders("X-Request-Id", "Location");

        assertEquals(expected, CommandLine.parse(new String[] {"--cors-origin", "https://app.example", "--cors-credentials",
                "--cors-expose", "X-Request-Id,Location"}, java.util.Map.of()).cors());
        assertEquals(expected, CommandLine.parse(new String[0], java.util.Map.of("CORS_ORIGIN", "https://app.example",
                "CORS_CREDENTIALS", "true", "CORS_EXPOSE", "X-Request-Id, Location")).cors());
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--cors-origin", "*",
                "--cors-credentials"}, java.util.Map.of()), "credentials never with *: a usage error at start-up");
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--cors-origin", "https://app.example",
                "--cors-expose", "X Bad"}, java.util.Map.of()));
    }

    @Test
    void exposedHeaders_goWithEveryAnswerToAnAllowedOrigin_notWithPreflights() throws Exception {
        try (ApiServer wide = ApiServer.builder().host("127.0.0.1").port(0).shutdownGrace(Duration.ZERO)
                .cors(Cors.allow("https://app.example").withCredentials().withExposedHeaders("X-Request-Id"))
                .routes(ApiRoutes.builder().route("/api/public", (req, res) -> res.setHeader("X-Request-Id", "r1").json("p")).build())
                .start()) {
            HttpResponse<String> allowed = send(wide, "GET", "/api/public", "Origin", "https://app.example");
            HttpResponse<String> other = send(wide, "GET", "/api/public", "Origin", "https://other.example");
            HttpResponse<String> preflight = send(wide, "OPTIONS", "/api/public", "Origin", "https://app.example",
                    "Access-Control-Request-Method", "GET");

            assertEquals("X-Request-Id", allowed.headers().firstValue("Access-Control-Expose-Headers").orElse(null));
            assertEquals("true", allowed.headers().firstValue("Access-Control-Allow-Credentials").orElse(null));
            assertFalse(other.headers().firstValue("Access-Control-Expose-Headers").isPresent());
            assertEquals(204, preflight.statusCode());
            assertFalse(preflight.headers().firstValue("Access-Control-Expose-Headers").isPresent());
        }
    }
}
