package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiRequestTest {
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
        try (TestServer server = TestServer.of("/api/raw", handler)) {
            HttpResponse<String> response = server.post("/api/raw", "application/json", "{}");

            assertEquals(500, response.statusCode());
            assertTrue(response.body().startsWith("{\"error\":\"Internal Server Error\",\"id\":\""), response.body());
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
}
