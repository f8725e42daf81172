package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apiroutes.exchange.ResponseStream;
import io.apiroutes.http.Cookies;
import io.apiroutes.json.Json;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The Next.js parity fixes and the response conveniences: ETags, 204, redirects with a body,
 * cookies out, errors with a body of their own, typed query values.
 */
@ResourceLock(HostileLog.LOGGER) // tests that run at once must not log into each other's HostileLog
class ResponseFeaturesTest {
    private static TestServer server;
    private static final String OWN_TAG = "\"v1\"";
    /** Past the 64 KiB that text is encoded whole: it is sent slice by slice. */
    private static final String LONG_TEXT = "t".repeat(ResponseStream.FREE_BYTES + 1);

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(withOwnTags(ApiRoutes.builder())
                .route("/api/item", (req, res) -> res.json(Map.of("id", 1, "name", "a")))
                .route("/api/text", (req, res) -> res.send("plain"))
                .route("/api/no-etag", new ApiHandler() {
                    @Override
                    public void handle(ApiRequest req, ApiResponse res) {
                        res.json("x");
                    }

                    @Override
                    public RouteConfig config() {
                        return RouteConfig.defaults().withoutEtag();
                    }
                })
                .route("/api/created", (req, res) -> res.status(201).json("x"))
                .route("/api/no-content", (req, res) -> res.status(204).json(Map.of("ignored", true)))
                .route("/api/go", (req, res) -> res.redirect("/api/item"))
                .route("/api/go-null", (req, res) -> {
                    try {
                        res.redirect((String) null);
                    } catch (IllegalArgumentException e) {
                        res.send(e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                })
                .route("/api/login", (req, res) -> res.cookie("session", "a b;c\u00e9")
                        .cookie("pref", "dark", CookieOptions.defaults().withSecure().withMaxAge(Duration.ofDays(1))
                                .withSameSite("Strict").withoutHttpOnly())
                        .end())
                .route("/api/logout", (req, res) -> res.clearCookie("session").end())
                .route("/api/echo-cookie", (req, res) -> res.send(req.cookie("session")))
                .route("/api/invalid", (req, res) -> {
                    throw new ApiException(422, "Invalid order", Map.of("error", "Invalid order",
                            "fields", List.of(Map.of("field", "quantity", "message", "must be positive"))));
                })
                .route("/api/page", (req, res) -> res.json(Map.of("page", req.queryInt("page", 1),
                        "big", req.queryLong("big", 0), "flag", req.queryBoolean("flag", false))))
                .build());
    }

    /** Routes whose handlers set their own ETag, in every way an answer can be sent. */
    private static ApiRoutes.Builder withOwnTags(ApiRoutes.Builder routes) {
        return routes
                .route("/api/own/json", (req, res) -> res.setHeader("ETag", OWN_TAG).json(Map.of("id", 1)))
                .route("/api/own/bytes", (req, res) -> res.setHeader("ETag", OWN_TAG).send(new byte[] {1, 2, 3}))
                .route("/api/own/text", (req, res) -> res.setHeader("ETag", OWN_TAG).send("plain"))
                .route("/api/own/long-text", (req, res) -> res.setHeader("ETag", OWN_TAG).send(LONG_TEXT))
                .route("/api/own/end", (req, res) -> res.setHeader("ETag", OWN_TAG).end())
                .route("/api/own/weak", (req, res) -> res.setHeader("ETag", "W/" + OWN_TAG).json("x"))
                .route("/api/own/route-off", new ApiHandler() {
                    @Override
                    public void handle(ApiRequest req, ApiResponse res) {
                        res.setHeader("ETag", OWN_TAG).json("x");
                    }

                    @Override
                    public RouteConfig config() {
                        return RouteConfig.defaults().withoutEtag();
                    }
                })
                .route("/api/own/missing", (req, res) -> res.setHeader("ETag", OWN_TAG).status(404).json("x"))
                .route("/api/own/stream", (req, res) -> {
                    res.setHeader("ETag", OWN_TAG);
                    try (OutputStream out = res.stream("text/plain")) {
                        out.write("streamed".getBytes(StandardCharsets.UTF_8));
                    }
                });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return server.send(request);
    }

    @Test
    void etag_onJsonAndText_andIfNoneMatchGets304WithoutABody() throws Exception {
        for (String path : List.of("/api/item", "/api/text")) {
            HttpResponse<String> first = get(path);
            String etag = first.headers().firstValue("ETag").orElse(null);

            assertNotNull(etag, path);
            assertTrue(etag.matches("\"[0-9a-z]+\""), etag);
            assertEquals(etag, get(path).headers().firstValue("ETag").orElse(null), "stable");
            HttpResponse<String> again = get(path, "If-None-Match", etag);
            assertEquals(304, again.statusCode(), path);
            assertEquals("", again.body());
            assertEquals(etag, again.headers().firstValue("ETag").orElse(null));
            assertFalse(again.headers().firstValue("Content-Type").isPresent());
            assertEquals(304, get(path, "If-None-Match", "\"x\", W/" + etag).statusCode(), "weak, in a list");
            assertEquals(304, get(path, "If-None-Match", "*").statusCode());
            assertEquals(200, get(path, "If-None-Match", "\"other\"").statusCode());
            assertEquals(304, get(path, "If-None-Match", etag, "Cache-Control", "no-cache").statusCode(),
                    "no-cache speaks to caches: the origin still validates");
        }
    }

    private static HttpResponse<String> request(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return server.send(request);
    }

    /** Every way a handler answers whole, its own tag set, on a route with ETags on or off. */
    private static final List<String> OWN_TAG_PATHS = List.of("/api/own/json", "/api/own/bytes", "/api/own/text",
            "/api/own/long-text", "/api/own/end", "/api/own/weak", "/api/own/route-off");

    @Test
    void etag_theHandlersOwn_isComparedWeakly_andA304KeepsIt() throws Exception {
        for (String path : OWN_TAG_PATHS) {
            String own = path.equals("/api/own/weak") ? "W/" + OWN_TAG : OWN_TAG;
            for (String method : List.of("GET", "HEAD")) {
                for (String ifNoneMatch : List.of(OWN_TAG, "W/" + OWN_TAG, "*", "\"x\", " + OWN_TAG)) {
                    HttpResponse<String> answer = request(method, path, "If-None-Match", ifNoneMatch);

                    String what = method + " " + path + " If-None-Match: " + ifNoneMatch;
                    assertEquals(304, answer.statusCode(), what);
                    assertEquals("", answer.body(), what);
                    assertEquals(List.of(own), answer.headers().allValues("ETag"), what);
                    assertFalse(answer.headers().firstValue("Content-Type").isPresent(), what);
                }
            }
        }
    }

    @Test
    void etag_theHandlersOwn_isNeverReplaced_andAnotherTagGetsTheWholeAnswer() throws Exception {
        for (String path : OWN_TAG_PATHS) {
            String own = path.equals("/api/own/weak") ? "W/" + OWN_TAG : OWN_TAG;
            HttpResponse<String> whole = request("GET", path);
            HttpResponse<String> other = request("GET", path, "If-None-Match", "\"v2\", W/\"v\"");
            HttpResponse<String> head = request("HEAD", path, "If-None-Match", "\"v2\"");

            assertEquals(200, whole.statusCode(), path);
            assertEquals(List.of(own), whole.headers().allValues("ETag"), path);
            assertEquals(200, other.statusCode(), path);
            assertEquals(whole.body(), other.body(), path);
            assertEquals(List.of(own), other.headers().allValues("ETag"), path);
            assertEquals(200, head.statusCode(), path);
            assertEquals("", head.body(), path);
            assertEquals(whole.headers().firstValue("Content-Length"), head.headers().firstValue("Content-Length"), path);
        }
        assertEquals(LONG_TEXT, request("GET", "/api/own/long-text", "If-None-Match", "\"v2\"").body());
    }

    @Test
    void etag_theHandlersOwn_notOnAnErrorNorOnAStream() throws Exception {
        HttpResponse<String> missing = request("GET", "/api/own/missing", "If-None-Match", OWN_TAG);
        HttpResponse<String> stream = request("GET", "/api/own/stream", "If-None-Match", OWN_TAG);
        HttpResponse<String> post = server.send(HttpRequest.newBuilder(server.uri("/api/own/json"))
                .POST(HttpRequest.BodyPublishers.noBody()).header("If-None-Match", OWN_TAG));

        assertEquals(404, missing.statusCode());
        assertEquals("\"x\"", missing.body());
        assertEquals(200, stream.statusCode());
        assertEquals("streamed", stream.body());
        assertEquals(200, post.statusCode(), "If-None-Match on a POST is the handler's to answer (412), not a 304");
        assertEquals("{\"id\":1}", post.body());
    }

    @Test
    void etag_notOnOtherStatusesNorWhenTheRouteTurnsItOff() throws Exception {
        assertFalse(get("/api/created").headers().firstValue("ETag").isPresent());
        assertFalse(get("/api/no-etag").headers().firstValue("ETag").isPresent());
        assertEquals(200, get("/api/no-etag", "If-None-Match", "*").statusCode());
    }

    @Test
    void status204_sendsNoBodyNoContentTypeNoLength() throws Exception {
        HostileSockets.Answer answer = HostileSockets.send(server.server.port(),
                "GET /api/no-content HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertEquals(204, answer.status());
        assertFalse(answer.head().toLowerCase().contains("content-type"), answer.toString());
        assertFalse(answer.head().toLowerCase().contains("content-length"), answer.toString());
        assertEquals("", answer.body());
    }

    @Test
    void redirect_writesTheUrlAsTheBody_andNullIsAnIllegalArgument() throws Exception {
        HttpResponse<String> redirect = get("/api/go");
        HttpResponse<String> nullTarget = get("/api/go-null");

        assertEquals(307, redirect.statusCode());
        assertEquals("/api/item", redirect.headers().firstValue("Location").orElse(""));
        assertEquals("/api/item", redirect.body());
        assertTrue(nullTarget.body().startsWith("IllegalArgumentException: "), nullTarget.body());
    }

    @Test
    void cookie_safeDefaultsOptionsAndEncodedValues_readBackAsSet() throws Exception {
        HttpResponse<String> login = get("/api/login");
        List<String> cookies = login.headers().allValues("Set-Cookie");

        assertEquals(List.of("session=a%20b%3Bc%C3%A9; Path=/; HttpOnly; SameSite=Lax",
                "pref=dark; Path=/; Max-Age=86400; Secure; SameSite=Strict"), cookies);
        assertEquals("a b;c\u00e9", get("/api/echo-cookie", "Cookie", cookies.get(0).split(";")[0]).body());
        assertEquals(List.of("session=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax"),
                get("/api/logout").headers().allValues("Set-Cookie"));
    }

    @Test
    void cookieOptions_refuseWhatBrowsersWouldDropOrWhatCouldSplitTheHeader() {
        assertThrows(IllegalArgumentException.class, () -> CookieOptions.defaults().withSameSite("None"));
        assertThrows(IllegalArgumentException.class, () -> CookieOptions.defaults().withSameSite("lax"));
        assertThrows(IllegalArgumentException.class, () -> CookieOptions.defaults().withPath("/a;b"));
        assertThrows(IllegalArgumentException.class, () -> CookieOptions.defaults().withDomain("a\r\nb"));
        assertThrows(IllegalArgumentException.class, () -> Cookies.setCookie("a b", "x", CookieOptions.defaults()));
        assertEquals("a=x; Path=/; Secure; HttpOnly; SameSite=None",
                Cookies.setCookie("a", "x", CookieOptions.defaults().withSecure().withSameSite("None")));
    }

    @Test
    void apiException_withABody_sendsThatBody() throws Exception {
        HttpResponse<String> response = get("/api/invalid");

        assertEquals(422, response.statusCode());
        assertEquals(Map.of("error", "Invalid order", "fields", List.of(Map.of("field", "quantity", "message", "must be positive"))),
                Json.parse(response.body()));
    }

    @Test
    void typedQueryValues_parseOrGetA400NamingTheParameter() throws Exception {
        assertEquals(Map.of("page", 3L, "big", 9000000000L, "flag", true),
                Json.parse(get("/api/page?page=3&big=9000000000&flag=TRUE").body()));
        assertEquals(Map.of("page", 1L, "big", 0L, "flag", false), Json.parse(get("/api/page?page=").body()));
        for (String query : List.of("page=abc", "page=99999999999", "page=+1", "big=1.5", "flag=yes")) {
            HttpResponse<String> response = get("/api/page?" + query);

            assertEquals(400, response.statusCode(), query);
            String name = query.substring(0, query.indexOf('='));
            assertTrue(response.body().startsWith("{\"error\":\"Query parameter " + name + " must be "), response.body());
        }
    }

    @Test
    void typedRouteParams_sayTheValueCameFromThePath() throws Exception {
        ApiHandler handler = (req, res) -> res.json(Map.of("id", req.queryLong("id", -1)));
        try (TestServer notes = TestServer.of("/api/notes/[id]", handler)) {
            assertEquals("{\"id\":7}", notes.get("/api/notes/7").body());
            HttpResponse<String> response = notes.get("/api/notes/abc");

            assertEquals(400, response.statusCode());
            assertEquals("{\"error\":\"Path parameter id must be a whole number from " + Long.MIN_VALUE + " to "
                    + Long.MAX_VALUE + ", not 'abc'\"}", response.body());
        }
    }

    @Test
    void responseSizeWarning_atExactlyTheLimit() throws Exception {
        ApiHandler handler = new ApiHandler() {
            @Override
            public void handle(ApiRequest req, ApiResponse res) {
                res.send(new byte[100]);
            }

            @Override
            public RouteConfig config() {
                return RouteConfig.defaults().withResponseSizeWarning(100);
            }
        };
        try (HostileLog log = new HostileLog(); TestServer warned = TestServer.of("/api/big", handler)) {
            warned.get("/api/big");

            LogRecord record = log.await("API response for /api/big is 100 bytes", 2000);
            assertNotNull(record);
        }
    }

    @Test
    void responseSizeWarning_forAJsonAnswer() throws Exception {
        ApiHandler handler = new ApiHandler() {
            @Override
            public void handle(ApiRequest req, ApiResponse res) {
                res.json(java.util.Collections.nCopies(30_000, "abcdefgh")); // 330,001 bytes
            }

            @Override
            public RouteConfig config() {
                return RouteConfig.defaults().withResponseSizeWarning(300_000);
            }
        };
        try (HostileLog log = new HostileLog(); TestServer warned = TestServer.of("/api/list", handler)) {
            HttpResponse<String> response = warned.get("/api/list");

            assertEquals(330_001, response.body().length());
            LogRecord record = log.await("API response for /api/list is 330001 bytes", 2000);
            assertNotNull(record, "no size warning for a JSON answer");
        }
    }
}
