package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apiroutes.json.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Next.js parity fixes and the response conveniences: ETags, 204, redirects with a body,
 * cookies out, errors with a body of their own, typed query values.
 */
class ResponseFeaturesTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(ApiRoutes.builder()
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
            assertEquals(200, get(path, "If-None-Match", etag, "Cache-Control", "no-cache").statusCode());
        }
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
}
