package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.apiroutes.http.LingeringClose;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile requests of docs/security.md, each against a real server on loopback, each followed by a
 * normal request on a new connection. Some are refused by the JDK's own parser before apiroutes
 * sees them (an HTML body); those tests say so, and what apiroutes' own engine answers instead
 * (a JSON body; {@code make test ENGINE=apiroutes}). Families of cases are tables, each case named
 * as docs/security.md names it. Header injection through {@code setHeader}, open
 * redirects and cookie junk are in {@link ApiResponseTest} and {@link ApiRequestTest}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileRequestTest {
    static TestServer echoServer() throws IOException {
        return new TestServer(ApiRoutes.builder()
                .route("/api/echo", ECHO)
                .route("/api/x", (req, res) -> res.json("x"))
                .route("/api/names/[name]", (req, res) -> res.json(req.query("name")))
                .route("/api/files/[...path]", (req, res) -> res.json(req.queryAll("path")))
                .build());
    }

    static HostileSockets.Answer send(TestServer server, String request) throws IOException {
        return HostileSockets.send(server.server.port(), request);
    }

    /** The answer of the JDK's own parser: HTML, and the connection closed. */
    private static void assertRefusedByTheJdk(HostileSockets.Answer answer, int status, String message) {
        assertEquals(status, answer.status(), answer.toString());
        assertTrue(answer.body().startsWith("<h1>" + status + " ") && answer.body().endsWith("</h1>" + message),
                answer.toString());
        assertTrue(answer.closesConnection() && answer.closed(), answer.toString());
    }

    /** An answer of apiroutes' request checks: JSON, and the connection closed. */
    static void assertRefused(HostileSockets.Answer answer, int status, String json) {
        assertEquals(status, answer.status(), answer.toString());
        assertEquals(json, answer.body(), answer.toString());
        assertTrue(answer.closesConnection() && answer.closed(), answer.toString());
    }

    /** The JDK's HTML refusal, or on apiroutes' engine its JSON one ({@code ours}), the connection closed either way. */
    private static void assertRefusedByTheEngine(HostileSockets.Answer answer, int status, String jdkMessage, String ours) {
        if (TestServer.OUR_ENGINE) {
            assertRefused(answer, status, "{\"error\":\"" + ours + "\"}");
        } else {
            assertRefusedByTheJdk(answer, status, jdkMessage);
        }
    }

    /** A request line and headers: {@code count} distinct header names after {@code Host}, then the blank line. */
    private static String withHeaders(int count) {
        StringBuilder request = new StringBuilder("GET /api/x HTTP/1.1\r\nHost: a\r\n");
        for (int i = 0; i < count; i++) {
            request.append("X-H").append(i).append(": v\r\n");
        }
        return request.append("\r\n").toString();
    }

    /**
     * Refused by the JDK's own parser before any handler or filter runs: its HTML, and the
     * connection closed; apiroutes' engine refuses the same with a JSON error.
     */
    static Stream<Arguments> jdkRefusals() {
        String conflicting = "Conflicting or malformed headers detected";
        return Stream.of(
                arguments("framing_contentLengthWithTransferEncodingIsRefusedByTheJdk", "POST /api/echo HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 400, conflicting,
                        "Content-Length with Transfer-Encoding"),
                arguments("framing_twoContentLengthsAreRefusedByTheJdk: different", "POST /api/echo HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400, conflicting, "More than one Content-Length"),
                arguments("framing_twoContentLengthsAreRefusedByTheJdk: same", "POST /api/echo HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc", 400, conflicting, "More than one Content-Length"),
                arguments("framing_contentLengthTheJdkCannotReadIsRefusedByTheJdk: negative", "POST /api/echo HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Length: -1\r\n\r\n", 400, "Illegal Content-Length value", "Invalid Content-Length"),
                arguments("framing_contentLengthTheJdkCannotReadIsRefusedByTheJdk: huge", "POST /api/echo HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Length: 99999999999999999999\r\n\r\n", 400, "NumberFormatException thrown", "Invalid Content-Length"),
                arguments("framing_transferEncodingOtherThanChunkedIsRefusedByTheJdk", "POST /api/echo HTTP/1.1\r\nHost: x\r\n"
                        + "Transfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 501, "Unsupported Transfer-Encoding value",
                        "Transfer coding not supported (only chunked)"),
                arguments("headers_malformedNamesAreRefusedByTheJdk: a space", "GET /api/x HTTP/1.1\r\nHost: a\r\n"
                        + "Bad Header: x\r\n\r\n", 400, "Header key contains illegal characters", "Invalid header name"),
                arguments("headers_malformedNamesAreRefusedByTheJdk: no colon", "GET /api/x HTTP/1.1\r\nHost: a\r\n"
                        + "NoColon\r\n\r\n", 400, "Header key contains illegal characters", "Invalid header name"),
                arguments("headers_malformedNamesAreRefusedByTheJdk: empty", "GET /api/x HTTP/1.1\r\nHost: a\r\n"
                        + ": empty\r\n\r\n", 400, "Header key contains illegal characters", "Invalid header name"),
                arguments("path_malformedEscapeIsRefusedByTheJdksUriParser", "GET /api/x%ZZ HTTP/1.1\r\nHost: a\r\n\r\n",
                        400, "URISyntaxException thrown", "Invalid request target"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdkRefusals")
    void jdkParser_refusesWithHtmlAndCloses(String name, String request, int status, String message, String ours) throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer answer = send(server, request);

            assertRefusedByTheEngine(answer, status, message, ours);
            server.assertAlive();
        }
    }

    /**
     * Refused by apiroutes' request checks (or, where it is stricter first, by apiroutes' engine,
     * whose message is the last column): a JSON error, and the connection closed.
     */
    static Stream<Arguments> refusals() {
        return Stream.of(
                // The JDK's Long.parseLong accepts the sign.
                arguments("framing_contentLengthWithASignIs400", "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: +3\r\n\r\nabc",
                        400, "{\"error\":\"Content-Length must be digits only\"}", "{\"error\":\"Invalid Content-Length\"}"),
                // The JDK's chunk parser overflows to a negative length (it was a 500); apiroutes'
                // engine reads 64 bits and refuses more.
                arguments("framing_chunkSizePastIntegerRangeIs400", "POST /api/echo HTTP/1.1\r\nHost: x\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n" + (TestServer.OUR_ENGINE ? "10000000000000005" : "ffffffff")
                        + "\r\nabc\r\n0\r\n\r\n", 400, "{\"error\":\"Malformed chunked body: chunk size out of range\"}", null),
                arguments("host_missingOnHttp11Is400", "GET /api/x HTTP/1.1\r\n\r\n", 400, "{\"error\":\"Missing Host header\"}", null),
                arguments("host_twiceIs400", "GET /api/x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
                        400, "{\"error\":\"More than one Host header\"}", null),
                arguments("headers_nulInAValueIs400", "GET /api/echo HTTP/1.1\r\nHost: a\r\nX-A: o\0ne\r\n\r\n",
                        400, "{\"error\":\"Header X-a has a control character in its value\"}",
                        "{\"error\":\"Control character in a header value\"}"),
                arguments("headers_101Are431", withHeaders(100), 431, "{\"error\":\"Too many header fields (at most 100)\"}", null),
                arguments("headers_20kbAre431", "GET /api/x HTTP/1.1\r\nHost: a\r\nX-Big: " + "a".repeat(20 * 1024) + "\r\n\r\n",
                        431, "{\"error\":\"Request headers too large (at most 16kb)\"}", null),
                arguments("version_unknownIs505", "GET /api/x HTTP/9.9\r\nHost: a\r\n\r\n",
                        505, "{\"error\":\"HTTP version not supported: HTTP/9.9\"}", null),
                arguments("method_notATokenIs400", "G\u0001T /api/x HTTP/1.1\r\nHost: a\r\n\r\n", 400, "{\"error\":\"Invalid method\"}",
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void requestChecks_refuseWithJsonAndClose(String name, String request, int status, String json, String ours) throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer answer = send(server, request);

            assertRefused(answer, status, TestServer.OUR_ENGINE && ours != null ? ours : json);
            server.assertAlive();
        }
    }

    /**
     * Closed by the JDK without an answer: its chunk parser throws an IOException, which apiroutes
     * cannot tell from a client gone; past 200 distinct names or 64 KB (ServerDefaults) its header
     * parser gives up. apiroutes' engine answers each (the last two columns): a JSON 400 or 431, or,
     * for trailer fields, which it reads, the echo.
     */
    static Stream<Arguments> silentCloses() {
        String chunked = "POST /api/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        return Stream.of(
                arguments("framing_malformedChunksCloseWithoutAnAnswer: size zz", chunked + "zz\r\nabc\r\n0\r\n\r\n",
                        400, "{\"error\":\"Malformed chunked body: invalid chunk size\"}"),
                arguments("framing_malformedChunksCloseWithoutAnAnswer: a trailer field", chunked
                        + "3\r\nabc\r\n0\r\nTrailer-Field: x\r\n\r\n", 200, "{\"method\":\"POST\",\"xA\":null,\"body\":\"abc\"}"),
                arguments("headers_pastTheJdksOwnLimitsCloseWithoutAnAnswer: 201 names", withHeaders(201),
                        431, "{\"error\":\"Too many header fields (at most 200)\"}"),
                arguments("headers_pastTheJdksOwnLimitsCloseWithoutAnAnswer: 70 KB", "GET /api/x HTTP/1.1\r\nHost: a\r\nX-Big: "
                        + "a".repeat(70 * 1024) + "\r\n\r\n", 431, "{\"error\":\"Request header fields too large\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("silentCloses")
    void jdkParser_closesWithoutAnAnswer(String name, String request, int oursStatus, String oursBody) throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer answer = send(server, request);

            if (!TestServer.OUR_ENGINE) {
                assertEquals("", answer.text(), name);
                assertTrue(answer.closed(), name);
            } else if (oursStatus == 200) {
                assertEquals(200, answer.status(), answer.toString());
                assertEquals(oursBody, answer.body());
            } else {
                assertRefused(answer, oursStatus, oursBody);
            }
            server.assertAlive();
        }
    }

    /** Read by the JDK as something valid, and served. */
    static Stream<Arguments> servedAsTheJdkReadsThem() {
        return Stream.of(
                // RFC 9112 §3.2.2: a server must accept the absolute form; the JDK keeps only its path.
                arguments("target_absoluteFormIsServedByItsPath", "GET http://elsewhere.example/api/x HTTP/1.1\r\nHost: a\r\n"
                        + "Connection: close\r\n\r\n", "\"x\""),
                // RFC 9112 §5.2 lets a server replace obs-fold with spaces; the JDK does, before apiroutes sees the header.
                arguments("headers_obsFoldIsUnfoldedByTheJdk", "GET /api/echo HTTP/1.1\r\nHost: a\r\nX-A: one\r\n two\r\n"
                        + "Connection: close\r\n\r\n", "{\"method\":\"GET\",\"xA\":[\"one two\"],\"body\":null}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servedAsTheJdkReadsThem")
    void jdkParser_servesWhatItReadsAsValid(String name, String request, String json) throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer answer = send(server, request);

            if (TestServer.OUR_ENGINE && name.startsWith("headers_obsFold")) {
                // RFC 9112 §5.2 also lets a server refuse obs-fold, as apiroutes' engine does.
                assertRefused(answer, 400, "{\"error\":\"Folded header lines are not allowed\"}");
            } else {
                assertEquals(200, answer.status(), answer.toString());
                assertEquals(json, answer.body());
            }
            server.assertAlive();
        }
    }

    static Stream<Arguments> pathsThatCouldNameAnotherPath() {
        String slash = "an encoded '/' or '\\\\' is not allowed in a segment";
        String dots = "'.' and '..' segments are not allowed";
        return Stream.of(
                arguments("/api/a%2Fb", slash),
                arguments("/api/files/a%5Cb", slash),
                arguments("/api/%2e%2e/x", dots),
                arguments("/api/./x", dots),
                arguments("/api/files/../x", dots),
                arguments("/api//x", "empty segment"),
                arguments("/api/x%00", "control characters are not allowed"),
                arguments("/api/%C0%AE%C0%AE/x", "percent-escapes that are not valid UTF-8 in '%C0%AE%C0%AE'"));
    }

    @ParameterizedTest(name = "path_anythingThatCouldNameAnotherPathIs400: {0}")
    @MethodSource("pathsThatCouldNameAnotherPath")
    void path_anythingThatCouldNameAnotherPathIs400(String path, String why) throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer answer = send(server, "GET " + path + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

            assertEquals(400, answer.status(), path + ": " + answer);
            assertEquals("{\"error\":\"Invalid path: " + why + "\"}", answer.body(), path);
            server.assertAlive();
        }
    }

    @Test
    void path_neverNamesAClassToLoad(@TempDir Path services) throws Exception {
        ClassLoader loader = Fixtures.listing(services, "api.conventions.users._id.Index");
        assertNotNull(Class.forName("api.canary.Canary", false, loader), "the canary must be on the class path");
        try (TestServer server = new TestServer(ApiRoutes.discover(loader))) {
            for (String path : List.of("/api/java.lang.Runtime", "/api/api.canary.Canary", "/api/canary/canary",
                    "/api/canary/Canary", "/api/canary", "/api/api/canary/Canary")) {
                HttpResponse<String> response = server.get(path);

                assertEquals(404, response.statusCode(), path);
                assertEquals("{\"error\":\"Not Found\"}", response.body(), path);
            }
            HttpResponse<String> param = server.get("/api/conventions/users/api.canary.Canary");

            assertEquals(200, param.statusCode());
            assertNull(System.getProperty("apiroutes.test.canaryInitialized"), "a request initialized api.canary.Canary");
            server.assertAlive();
        }
    }

    @Test
    void keepAlive_aRefusedRequestDoesNotPoisonOtherConnections() throws Exception {
        try (TestServer server = echoServer(); Socket socket = HostileSockets.open(server.server.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("GET /api/x HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String first = HostileSockets.readResponse(in);
            HostileSockets.Answer refused = send(server, "GET /api/x HTTP/1.1\r\n\r\n");
            out.write("GET /api/x HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String second = HostileSockets.readResponse(in);

            assertEquals(200, TestServer.status(first), first);
            assertEquals(400, refused.status());
            assertEquals(200, TestServer.status(second), second);
            assertFalse(second.toLowerCase().contains("connection: close"), second);
        }
    }

    static final ApiHandler ECHO = (req, res) ->
            res.json(new Seen(req.method(), req.headers().get("X-A"), req.body()));

    record Seen(String method, List<String> xA, Object body) {}
}
