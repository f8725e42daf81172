package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock(HostileLog.LOGGER) // tests that run at once must not log into each other's HostileLog
class ApiRequestTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    record Seen(String type, Object body) {}

    /** Answers with the Java type of the parsed body and the body itself. */
    private static final ApiHandler BODY = (req, res) -> {
        Object body = req.body();
        res.json(new Seen(body == null ? "null" : body.getClass().getSimpleName(), body));
    };

    @Test
    void query_joinsRouteParamsWhichWinOverQueryParams() throws Exception {
        record Params(String id, List<String> tags, String missing, List<String> none, String all) {}
        try (TestServer server = TestServer.of("/api/users/[id]", (req, res) -> res.json(new Params(
                req.query("id"), req.queryAll("tag"), req.query("missing"), req.queryAll("none"),
                req.query().toString())))) {
            HttpResponse<String> response = server.get("/api/users/42?id=evil&tag=a&tag=b%20c&tag=d+e");

            assertEquals("{\"id\":\"42\",\"tags\":[\"a\",\"b c\",\"d e\"],\"missing\":null,\"none\":[],"
                    + "\"all\":\"{id=[42], tag=[a, b c, d e]}\"}", response.body());
        }
    }

    @Test
    void query_malformedEscapeIs400() throws Exception {
        try (TestServer server = TestServer.of("/api/q", (req, res) -> res.json(req.query()))) {
            HttpResponse<String> response = server.get("/api/q?a=%E2%82");

            assertEquals(400, response.statusCode());
            assertTrue(response.body().startsWith("{\"error\":\"Malformed query string"), response.body());
        }
    }

    @Test
    void path_isDecodedWithoutQueryOrTrailingSlash() throws Exception {
        try (TestServer server = TestServer.of("/api/files/[...path]", (req, res) -> res.send(req.path()))) {
            assertEquals("/api/files/a b/%C3%A9", server.get("/api/files/a%20b/%25C3%25A9/?x=1").body());
            assertEquals("/api/files/\u00e9", server.get("/api/files/%C3%A9").body());
        }
    }

    @Test
    void headersAndCookies_areReadAsSent() throws Exception {
        record Seen(String method, String agent, String agentLower, String a, String b, String c, String missing, String all) {}
        try (TestServer server = TestServer.of("/api/h", (req, res) -> res.json(new Seen(req.method(),
                req.header("X-Agent"), req.headers().getFirst("x-agent"), req.cookie("a"), req.cookie("b"),
                req.cookie("c"), req.cookie("missing"), req.cookies().toString())))) {
            HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/api/h"))
                    .header("X-Agent", "tester").header("Cookie", "a=1; a=2; =x; b=\"q\"; junk; c=caf%C3%A9").GET());

            assertEquals("{\"method\":\"GET\",\"agent\":\"tester\",\"agentLower\":\"tester\",\"a\":\"1\",\"b\":\"q\","
                    + "\"c\":\"caf\u00e9\",\"missing\":null,\"all\":\"{a=1, b=q, c=caf\u00e9}\"}", response.body());
        }
    }

    @Test
    void headers_areReadOnly() throws Exception {
        try (TestServer server = TestServer.of("/api/h", (req, res) -> {
            try {
                req.headers().add("X-Injected", "1");
                res.send("changed");
            } catch (UnsupportedOperationException e) {
                res.send("read-only");
            }
        })) {
            assertEquals("read-only", server.get("/api/h").body());
        }
    }

    @Test
    void body_jsonIsATreeInDocumentOrder() throws Exception {
        try (TestServer server = TestServer.of("/api/b", BODY)) {
            HttpResponse<String> response = server.post("/api/b", "application/json; charset=UTF-8",
                    "{\"z\":1,\"a\":[true,null,\"s\"],\"n\":12345678901234567890}");

            assertEquals("{\"type\":\"JsonObject\",\"body\":{\"z\":1,\"a\":[true,null,\"s\"],\"n\":12345678901234567890}}",
                    response.body());
        }
    }

    @Test
    void body_plusJsonTypesAreJson() throws Exception {
        try (TestServer server = TestServer.of("/api/b", BODY)) {
            HttpResponse<String> response = server.post("/api/b", "application/merge-patch+json", "[1]");

            assertEquals("{\"type\":\"JsonArray\",\"body\":[1]}", response.body());
        }
    }

    @Test
    void body_emptyJsonIsAnEmptyObject() throws Exception {
        try (TestServer server = TestServer.of("/api/b", BODY)) {
            HttpResponse<String> response = server.post("/api/b", "application/json", "  \n");

            assertEquals("{\"type\":\"LinkedHashMap\",\"body\":{}}", response.body());
        }
    }

    @Test
    void body_formRepeatedKeysHoldLists() throws Exception {
        try (TestServer server = TestServer.of("/api/b", BODY)) {
            HttpResponse<String> response = server.post("/api/b", "application/x-www-form-urlencoded",
                    "name=J%C3%BCrgen+X&tag=a&tag=b&empty=");

            assertEquals("{\"type\":\"LinkedHashMap\",\"body\":{\"name\":\"J\u00fcrgen X\",\"tag\":[\"a\",\"b\"],\"empty\":\"\"}}",
                    response.body());
        }
    }

    @Test
    void body_otherTypesAreText() throws Exception {
        try (TestServer server = TestServer.of("/api/b", BODY)) {
            assertEquals("{\"type\":\"String\",\"body\":\"<p>h\u00e9</p>\"}",
                    server.post("/api/b", "text/html", "<p>h\u00e9</p>").body());
            assertEquals("{\"type\":\"String\",\"body\":\"plain\"}", server.post("/api/b", null, "plain").body());
        }
    }

    @Test
    void body_noBodyAndNoContentTypeIsNull() throws Exception {
        try (TestServer server = TestServer.of("/api/b", BODY)) {
            assertEquals("{\"type\":\"null\",\"body\":null}", server.get("/api/b").body());
        }
    }

    @Test
    void body_invalidJsonIs400SayingWhatAndWhere() throws Exception {
        try (TestServer server = TestServer.of("/api/b", BODY)) {
            HttpResponse<String> response = server.post("/api/b", "application/json", "{\"a\":1,}");

            assertEquals(400, response.statusCode());
            assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(response.body().startsWith("{\"error\":\"Invalid JSON: "), response.body());
            assertTrue(response.body().contains("1:8"), response.body());
        }
    }

    @Test
    void body_invalidUtf8JsonIs400() throws Exception {
        try (TestServer server = TestServer.of("/api/b", BODY)) {
            HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/api/b"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"'})));

            assertEquals(400, response.statusCode());
            assertTrue(response.body().startsWith("{\"error\":\"Invalid JSON: "), response.body());
        }
    }

    @Test
    void body_overTheDefaultLimitIs413() throws Exception {
        try (TestServer server = TestServer.of("/api/b", BODY)) {
            HttpResponse<String> response = server.post("/api/b", "text/plain", "x".repeat(1024 * 1024 + 1));

            assertEquals(413, response.statusCode());
            assertEquals("{\"error\":\"Body exceeded 1mb limit\"}", response.body());
        }
    }

    @Test
    void body_atTheDefaultLimitIsAccepted() throws Exception {
        try (TestServer server = TestServer.of("/api/b", (req, res) -> res.json(((String) req.body()).length()))) {
            HttpResponse<String> response = server.post("/api/b", "text/plain", "x".repeat(1024 * 1024));

            assertEquals(200, response.statusCode());
            assertEquals("1048576", response.body());
        }
    }

    @Test
    void body_routeConfigSetsTheLimitAndTurnsTheParserOff() throws Exception {
        ApiHandler raw = new ApiHandler() {
            @Override
            public void handle(ApiRequest req, ApiResponse res) {
                res.send(req.bodyBytes());
            }

            @Override
            public RouteConfig config() {
                return RouteConfig.defaults().withoutBodyParser().withBodySizeLimit(10);
            }
        };
        try (TestServer server = TestServer.of("/api/raw", raw)) {
            HttpResponse<String> ok = server.post("/api/raw", "application/json", "{not json");
            HttpResponse<String> tooLarge = server.post("/api/raw", "application/json", "01234567890");

            assertEquals(200, ok.statusCode());
            assertEquals("{not json", ok.body());
            assertEquals("application/octet-stream", ok.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(413, tooLarge.statusCode());
            assertEquals("{\"error\":\"Body exceeded 10b limit\"}", tooLarge.body());
        }
    }

    @Test
    void body_withTheParserOffIsAnErrorForTheHandler() throws Exception {
        ApiHandler handler = new ApiHandler() {
            @Override
            public void handle(ApiRequest req, ApiResponse res) {
                res.json(req.body());
            }

            @Override
            public RouteConfig config() {
                return RouteConfig.defaults().withoutBodyParser();
            }
        };
        try (HostileLog log = new HostileLog(); TestServer server = TestServer.of("/api/raw", handler)) {
            HttpResponse<String> response = server.post("/api/raw", "application/json", "{}");

            assertEquals(500, response.statusCode());
            assertTrue(response.body().startsWith("{\"error\":\"Internal Server Error\",\"id\":\""), response.body());
            assertNotNull(log.await("answering POST /api/raw", 2000), "the failure is logged");
        }
    }

    /** A handler that fails after setting caching and cookie headers: its 500 carries neither, but keeps CORS and Vary. */
    @Test
    void failure_500DropsTheHandlersHeaders_butKeepsCorsAndVary() throws Exception {
        try (HostileLog log = new HostileLog(); TestServer server = TestServer.of("/api/fails", (req, res) -> {
            res.setHeader("Cache-Control", "public, max-age=3600");
            res.setHeader("Access-Control-Allow-Origin", "https://app.example");
            res.setHeader("Vary", "Origin");
            res.setHeader("X-Partial", "yes");
            res.cookie("session", "abc");
            throw new IllegalStateException("failed after its headers");
        })) {
            HttpResponse<String> response = server.get("/api/fails");

            assertEquals(500, response.statusCode());
            assertTrue(response.body().startsWith("{\"error\":\"Internal Server Error\",\"id\":\""), response.body());
            assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
            assertTrue(response.headers().firstValue("Cache-Control").isEmpty(), response.headers().toString());
            assertTrue(response.headers().firstValue("Set-Cookie").isEmpty(), response.headers().toString());
            assertTrue(response.headers().firstValue("X-Partial").isEmpty(), response.headers().toString());
            assertEquals("https://app.example", response.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            assertEquals("Origin", response.headers().firstValue("Vary").orElse(""));
            assertNotNull(log.await("answering GET /api/fails", 2000), "the failure is logged");
        }
    }

    record Item(String name, double price) {}

    record Order(String customer, List<Item> items) {}

    @Test
    void bodyOfClass_bindsJsonToARecord() throws Exception {
        try (TestServer server = TestServer.of("/api/o", (req, res) -> res.json(req.body(Order.class)))) {
            HttpResponse<String> response = server.post("/api/o", "application/json",
                    "{\"items\":[{\"name\":\"tea\",\"price\":2.5}],\"customer\":\"ann\",\"unknown\":1}");

            assertEquals("{\"customer\":\"ann\",\"items\":[{\"name\":\"tea\",\"price\":2.5}]}", response.body());
        }
    }

    @Test
    void bodyOfClass_mismatchIs400WithTheJsonPath() throws Exception {
        try (TestServer server = TestServer.of("/api/o", (req, res) -> res.json(req.body(Order.class)))) {
            HttpResponse<String> response = server.post("/api/o", "application/json",
                    "{\"customer\":\"ann\",\"items\":[{\"name\":\"a\",\"price\":1},{\"name\":\"b\",\"price\":\"abc\"}]}");

            assertEquals(400, response.statusCode());
            assertEquals("{\"error\":\"$.items[1].price: expected a number, got \\\"abc\\\"\"}", response.body());
        }
    }

    @Test
    void bodyOfClass_nonJsonIs415() throws Exception {
        try (TestServer server = TestServer.of("/api/o", (req, res) -> res.json(req.body(Order.class)))) {
            HttpResponse<String> response = server.post("/api/o", "text/plain", "{}");

            assertEquals(415, response.statusCode());
            assertEquals("{\"error\":\"Expected a JSON body (Content-Type: application/json)\"}", response.body());
        }
    }

    @Test
    void remoteAddress_isTheClient() throws Exception {
        try (TestServer server = TestServer.of("/api/ip", (req, res) -> res.send(req.remoteAddress().getAddress().getHostAddress()))) {
            assertEquals("127.0.0.1", server.get("/api/ip").body());
        }
    }

    /** Who the server takes the client for, and the absolute redirect it builds. */
    private static final ApiHandler WHO = (req, res) -> res.setHeader("X-Client", req.clientAddress().getHostAddress())
            .setHeader("X-Peer", req.remoteAddress().getAddress().getHostAddress())
            .redirect(req.origin() + "/login");

    private static HttpResponse<String> ask(ApiServer server, String host, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + server.port() + "/api/who"));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String who(HttpResponse<String> response) {
        return response.headers().firstValue("X-Client").orElse("") + " via " + response.headers().firstValue("X-Peer").orElse("")
                + " -> " + response.headers().firstValue("Location").orElse("");
    }

    @Test
    void clientAddress_believesForwardedHeadersOnlyFromATrustedProxy() throws Exception {
        ApiRoutes routes = ApiRoutes.builder().route("/api/who", WHO).build();
        ApiServer trusting = ApiServer.builder().routes(routes).host("127.0.0.1").port(0)
                .trustProxies(List.of("127.0.0.0/8")).start();
        ApiServer distrusting = ApiServer.builder().routes(routes).host("127.0.0.1").port(0).start();
        try {
            String[] spoofed = {"X-Forwarded-For", "10.0.0.1, 198.51.100.7", "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "api.example.com"};
            int port = distrusting.port();

            assertEquals("198.51.100.7 via 127.0.0.1 -> https://api.example.com/login", who(ask(trusting, "127.0.0.1", spoofed)));
            assertEquals("127.0.0.1 via 127.0.0.1 -> http://127.0.0.1:" + port + "/login",
                    who(ask(distrusting, "127.0.0.1", spoofed)));
            assertEquals("127.0.0.1 via 127.0.0.1 -> http://127.0.0.1:" + port + "/login",
                    who(ask(distrusting, "127.0.0.1", "Forwarded", "for=198.51.100.7;proto=https;host=evil.example")));
            assertEquals("2001:db8:0:0:0:0:0:7 via 127.0.0.1 -> https://a.example/login", who(ask(trusting, "127.0.0.1",
                    "Forwarded", "for=\"[2001:db8::7]:5000\";proto=https;host=a.example", "X-Forwarded-For", "6.6.6.6")));
            assertEquals("127.0.0.1 via 127.0.0.1 -> http://127.0.0.1:" + trusting.port() + "/login",
                    who(ask(trusting, "127.0.0.1", "Forwarded", "for=\"[2001:db8::7]")));
            assertEquals("127.0.0.1 via 127.0.0.1 -> http://127.0.0.1:" + trusting.port() + "/login",
                    who(ask(trusting, "127.0.0.1", "X-Forwarded-For", "unknown", "X-Forwarded-Host", "a b")));
        } finally {
            trusting.stop(Duration.ZERO);
            distrusting.stop(Duration.ZERO);
        }
    }

    @Test
    void clientAddress_overIpv6() throws Exception {
        ApiServer server;
        try {
            server = ApiServer.builder().routes(ApiRoutes.builder().route("/api/who", WHO).build()).host("::1").port(0)
                    .trustProxies(List.of("::1/128")).start();
        } catch (IOException e) {
            Assumptions.abort("no IPv6 loopback here: " + e.getMessage());
            return;
        }
        try {
            assertEquals("2001:db8:0:0:0:0:0:9 via 0:0:0:0:0:0:0:1 -> http://[::1]:" + server.port() + "/login",
                    who(ask(server, "[::1]", "X-Forwarded-For", "[2001:db8::9]:1234")));
            assertEquals("0:0:0:0:0:0:0:1 via 0:0:0:0:0:0:0:1 -> http://[::1]:" + server.port() + "/login",
                    who(ask(server, "[::1]", "X-Forwarded-For", "2001:db8::9%eth0")));
        } finally {
            server.stop(Duration.ZERO);
        }
    }
}
