package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hostile requests of SECURITY.md, each against a real server on loopback, each followed by a
 * normal request on a new connection. Some are refused by the JDK's own parser before apiroutes
 * sees them (an HTML body); those tests say so, and what apiroutes' own engine answers instead
 * (a JSON body; {@code make test ENGINE=apiroutes}). Header injection through {@code setHeader}, open
 * redirects and cookie junk are in {@link ApiResponseTest} and {@link ApiRequestTest}.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HostileRequestTest {
    record Seen(String method, List<String> xA, Object body) {}

    private static final ApiHandler ECHO = (req, res) ->
            res.json(new Seen(req.method(), req.headers().get("X-A"), req.body()));

    private static TestServer echoServer() throws IOException {
        return new TestServer(ApiRoutes.builder()
                .route("/api/echo", ECHO)
                .route("/api/x", (req, res) -> res.json("x"))
                .route("/api/names/[name]", (req, res) -> res.json(req.query("name")))
                .route("/api/files/[...path]", (req, res) -> res.json(req.queryAll("path")))
                .build());
    }

    private static HostileSockets.Answer send(TestServer server, String request) throws IOException {
        return HostileSockets.send(server.server.port(), request);
    }

    /** The answer of the JDK's own parser: HTML, and the connection closed. */
    private static void assertRefusedByTheJdk(HostileSockets.Answer answer, int status, String message) {
        assertEquals(status, answer.status(), answer.toString());
        assertTrue(answer.body().startsWith("<h1>" + status + " ") && answer.body().endsWith("</h1>" + message),
                answer.toString());
        assertTrue(answer.closesConnection() && answer.closed(), answer.toString());
    }

    /** The JDK's refusal (HTML) on its engine, or the JSON {@code ours} of apiroutes' engine. */
    private static void assertRefusedByTheEngine(HostileSockets.Answer answer, int status, String jdkMessage, String ours) {
        if (TestServer.OUR_ENGINE) {
            assertRefused(answer, status, "{\"error\":\"" + ours + "\"}");
        } else {
            assertRefusedByTheJdk(answer, status, jdkMessage);
        }
    }

    /** An answer of apiroutes' request checks: JSON, and the connection closed. */
    private static void assertRefused(HostileSockets.Answer answer, int status, String json) {
        assertEquals(status, answer.status(), answer.toString());
        assertEquals(json, answer.body(), answer.toString());
        assertTrue(answer.closesConnection() && answer.closed(), answer.toString());
    }

    @Test
    void framing_contentLengthWithTransferEncodingIsRefusedByTheJdk() throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer answer = send(server, "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");

            assertRefusedByTheEngine(answer, 400, "Conflicting or malformed headers detected", "Content-Length with Transfer-Encoding");
            server.assertAlive();
        }
    }

    @Test
    void framing_twoContentLengthsAreRefusedByTheJdk() throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer different = send(server, "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                    + "Content-Length: 4\r\n\r\nabcd");
            HostileSockets.Answer same = send(server, "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                    + "Content-Length: 3\r\n\r\nabc");

            assertRefusedByTheEngine(different, 400, "Conflicting or malformed headers detected", "More than one Content-Length");
            assertRefusedByTheEngine(same, 400, "Conflicting or malformed headers detected", "More than one Content-Length");
            server.assertAlive();
        }
    }

    @Test
    void framing_contentLengthTheJdkCannotReadIsRefusedByTheJdk() throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer negative = send(server, "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n");
            HostileSockets.Answer huge = send(server, "POST /api/echo HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 99999999999999999999\r\n\r\n");

            assertRefusedByTheEngine(negative, 400, "Illegal Content-Length value", "Invalid Content-Length");
            assertRefusedByTheEngine(huge, 400, "NumberFormatException thrown", "Invalid Content-Length");
            server.assertAlive();
        }
    }

    @Test
    void framing_contentLengthWithASignIs400() throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer answer = send(server, "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: +3\r\n\r\nabc");

            assertRefused(answer, 400, TestServer.OUR_ENGINE ? "{\"error\":\"Invalid Content-Length\"}"
                    : "{\"error\":\"Content-Length must be digits only\"}");
            server.assertAlive();
        }
    }

    @Test
    void framing_transferEncodingOtherThanChunkedIsRefusedByTheJdk() throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer answer = send(server, "POST /api/echo HTTP/1.1\r\nHost: x\r\n"
                    + "Transfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");

            assertRefusedByTheEngine(answer, 501, "Unsupported Transfer-Encoding value", "Transfer coding not supported (only chunked)");
            server.assertAlive();
        }
    }

    /** The JDK reads sizes as an int (ffffffff is negative there); apiroutes' engine takes 64 bits and refuses more. */
    @Test
    void framing_chunkSizePastIntegerRangeIs400() throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer answer = send(server, "POST /api/echo HTTP/1.1\r\nHost: x\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + (TestServer.OUR_ENGINE ? "10000000000000005" : "ffffffff")
                    + "\r\nabc\r\n0\r\n\r\n");

            assertRefused(answer, 400, "{\"error\":\"Malformed chunked body: chunk size out of range\"}");
            server.assertAlive();
        }
    }

    /**
     * The JDK's chunk parser throws an IOException, which apiroutes cannot tell from a client gone:
     * no answer. apiroutes' engine answers a malformed size with a JSON 400, and reads trailer fields.
     */
    @Test
    void framing_malformedChunksCloseWithoutAnAnswer() throws Exception {
        try (TestServer server = echoServer()) {
            for (String body : List.of("zz\r\nabc\r\n0\r\n\r\n", "3\r\nabc\r\n0\r\nTrailer-Field: x\r\n\r\n")) {
                HostileSockets.Answer answer = send(server, "POST /api/echo HTTP/1.1\r\nHost: x\r\n"
                        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + body);

                if (!TestServer.OUR_ENGINE) {
                    assertEquals("", answer.text(), body);
                    assertTrue(answer.closed(), body);
                } else if (body.startsWith("zz")) {
                    assertRefused(answer, 400, "{\"error\":\"Malformed chunked body: invalid chunk size\"}");
                } else {
                    assertEquals(200, answer.status(), answer.toString());
                    assertEquals("{\"method\":\"POST\",\"xA\":null,\"body\":\"abc\"}", answer.body());
                }
            }
            server.assertAlive();
        }
    }

    @Test
    void host_missingOnHttp11Is400() throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer answer = send(server, "GET /api/x HTTP/1.1\r\n\r\n");

            assertRefused(answer, 400, "{\"error\":\"Missing Host header\"}");
            server.assertAlive();
        }
    }

    @Test
    void host_twiceIs400() throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer answer = send(server, "GET /api/x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");

            assertRefused(answer, 400, "{\"error\":\"More than one Host header\"}");
            server.assertAlive();
        }
    }

    /**
     * RFC 9112 §5.2 lets a server replace obs-fold with spaces (the JDK does, before apiroutes sees
     * the header) or refuse it with 400 (apiroutes' engine does).
     */
    @Test
    void headers_obsFoldIsUnfoldedByTheJdk() throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer answer = send(server, "GET /api/echo HTTP/1.1\r\nHost: a\r\nX-A: one\r\n two\r\n"
                    + "Connection: close\r\n\r\n");

            if (TestServer.OUR_ENGINE) {
                assertRefused(answer, 400, "{\"error\":\"Folded header lines are not allowed\"}");
            } else {
                assertEquals(200, answer.status(), answer.toString());
                assertEquals("{\"method\":\"GET\",\"xA\":[\"one two\"],\"body\":null}", answer.body());
            }
            server.assertAlive();
        }
    }

    @Test
    void headers_nulInAValueIs400() throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer answer = send(server, "GET /api/echo HTTP/1.1\r\nHost: a\r\nX-A: o\0ne\r\n\r\n");

            assertRefused(answer, 400, TestServer.OUR_ENGINE ? "{\"error\":\"Control character in a header value\"}"
                    : "{\"error\":\"Header X-a has a control character in its value\"}");
            server.assertAlive();
        }
    }

    @Test
    void headers_malformedNamesAreRefusedByTheJdk() throws Exception {
        try (TestServer server = echoServer()) {
            for (String line : List.of("Bad Header: x", "NoColon", ": empty")) {
                HostileSockets.Answer answer = send(server, "GET /api/x HTTP/1.1\r\nHost: a\r\n" + line + "\r\n\r\n");

                assertRefusedByTheEngine(answer, 400, "Header key contains illegal characters", "Invalid header name");
            }
            server.assertAlive();
        }
    }

    /**
     * Past 200 distinct names or 64 KB (ServerDefaults) the JDK's parser gives up without an answer;
     * apiroutes' engine answers 431 past 200 lines or 64 KB.
     */
    @Test
    void headers_pastTheJdksOwnLimitsCloseWithoutAnAnswer() throws Exception {
        StringBuilder names = new StringBuilder("GET /api/x HTTP/1.1\r\nHost: a\r\n");
        for (int i = 0; i < 201; i++) {
            names.append("X-H").append(i).append(": v\r\n");
        }
        try (TestServer server = echoServer()) {
            HostileSockets.Answer tooMany = send(server, names + "\r\n");
            HostileSockets.Answer tooLarge = send(server, "GET /api/x HTTP/1.1\r\nHost: a\r\nX-Big: " + "a".repeat(70 * 1024) + "\r\n\r\n");

            if (TestServer.OUR_ENGINE) {
                assertRefused(tooMany, 431, "{\"error\":\"Too many header fields\"}");
                assertRefused(tooLarge, 431, "{\"error\":\"Request header fields too large\"}");
            } else {
                assertEquals("", tooMany.text());
                assertTrue(tooMany.closed());
                assertEquals("", tooLarge.text());
                assertTrue(tooLarge.closed());
            }
            server.assertAlive();
        }
    }

    @Test
    void headers_101Are431() throws Exception {
        StringBuilder request = new StringBuilder("GET /api/x HTTP/1.1\r\nHost: a\r\n");
        for (int i = 0; i < 100; i++) {
            request.append("X-H").append(i).append(": v\r\n");
        }
        try (TestServer server = echoServer()) {
            HostileSockets.Answer answer = send(server, request + "\r\n");

            assertRefused(answer, 431, "{\"error\":\"Too many headers (at most 100)\"}");
            server.assertAlive();
        }
    }

    @Test
    void headers_20kbAre431() throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer answer = send(server, "GET /api/x HTTP/1.1\r\nHost: a\r\nX-Big: "
                    + "a".repeat(20 * 1024) + "\r\n\r\n");

            assertRefused(answer, 431, "{\"error\":\"Request headers too large (at most 16kb)\"}");
            server.assertAlive();
        }
    }

    @Test
    void version_unknownIs505() throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer answer = send(server, "GET /api/x HTTP/9.9\r\nHost: a\r\n\r\n");

            assertRefused(answer, 505, "{\"error\":\"HTTP version not supported: HTTP/9.9\"}");
            server.assertAlive();
        }
    }

    @Test
    void method_notATokenIs400() throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer answer = send(server, "G\u0001T /api/x HTTP/1.1\r\nHost: a\r\n\r\n");

            assertRefused(answer, 400, "{\"error\":\"Invalid method\"}");
            server.assertAlive();
        }
    }

    @Test
    void path_anythingThatCouldNameAnotherPathIs400() throws Exception {
        Map<String, String> refused = Map.of(
                "/api/a%2Fb", "an encoded '/' or '\\\\' is not allowed in a segment",
                "/api/files/a%5Cb", "an encoded '/' or '\\\\' is not allowed in a segment",
                "/api/%2e%2e/x", "'.' and '..' segments are not allowed",
                "/api/./x", "'.' and '..' segments are not allowed",
                "/api/files/../x", "'.' and '..' segments are not allowed",
                "/api//x", "empty segment",
                "/api/x%00", "control characters are not allowed",
                "/api/%C0%AE%C0%AE/x", "percent-escapes that are not valid UTF-8 in '%C0%AE%C0%AE'");
        try (TestServer server = echoServer()) {
            for (Map.Entry<String, String> path : refused.entrySet()) {
                HostileSockets.Answer answer = send(server, "GET " + path.getKey() + " HTTP/1.1\r\nHost: a\r\n"
                        + "Connection: close\r\n\r\n");

                assertEquals(400, answer.status(), path.getKey() + ": " + answer);
                assertEquals("{\"error\":\"Invalid path: " + path.getValue() + "\"}", answer.body(), path.getKey());
            }
            server.assertAlive();
        }
    }

    @Test
    void path_malformedEscapeIsRefusedByTheJdksUriParser() throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer answer = send(server, "GET /api/x%ZZ HTTP/1.1\r\nHost: a\r\n\r\n");

            assertRefusedByTheEngine(answer, 400, "URISyntaxException thrown", "Invalid request target");
            server.assertAlive();
        }
    }

    /** RFC 9112 §3.2.2: a server must accept the absolute form; the JDK keeps only its path. */
    @Test
    void target_absoluteFormIsServedByItsPath() throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer answer = send(server, "GET http://elsewhere.example/api/x HTTP/1.1\r\nHost: a\r\n"
                    + "Connection: close\r\n\r\n");

            assertEquals(200, answer.status(), answer.toString());
            assertEquals("\"x\"", answer.body());
            server.assertAlive();
        }
    }

    @Test
    void path_neverNamesAClassToLoad() throws Exception {
        ClassLoader loader = getClass().getClassLoader();
        assertNotNull(Class.forName("api.canary.Canary", false, loader), "the canary must be on the class path");
        try (TestServer server = new TestServer(ApiRoutes.discover())) {
            for (String path : List.of("/api/java.lang.Runtime", "/api/api.canary.Canary", "/api/canary/canary",
                    "/api/canary/Canary", "/api/canary", "/api/api/canary/Canary")) {
                HttpResponse<String> response = server.get(path);

                assertEquals(404, response.statusCode(), path);
                assertEquals("{\"error\":\"Not Found\"}", response.body(), path);
            }
            HttpResponse<String> param = server.get("/api/users/api.canary.Canary");

            assertEquals(200, param.statusCode());
            assertNull(System.getProperty("apiroutes.test.canaryInitialized"), "a request initialized api.canary.Canary");
            server.assertAlive();
        }
    }

    @Test
    void body_deeplyNestedJsonIs400() throws Exception {
        try (TestServer server = echoServer()) {
            HttpResponse<String> response = server.post("/api/echo", "application/json", "[".repeat(100_000));

            assertEquals(400, response.statusCode());
            assertTrue(response.body().startsWith("{\"error\":\"Invalid JSON: Nesting too deep"), response.body());
            server.assertAlive();
        }
    }

    @Test
    void body_malformedFormEscapeIs400() throws Exception {
        try (TestServer server = echoServer()) {
            HttpResponse<String> response = server.post("/api/echo", "application/x-www-form-urlencoded", "a=%ZZ");

            assertEquals(400, response.statusCode());
            assertEquals("{\"error\":\"Malformed form body: malformed percent-escape '%ZZ'\"}", response.body());
            server.assertAlive();
        }
    }

    @Test
    void body_tooManyFormFieldsIs413() throws Exception {
        StringBuilder form = new StringBuilder("f0=0");
        for (int i = 1; i <= 1000; i++) {
            form.append("&f").append(i).append('=').append(i);
        }
        try (TestServer server = echoServer()) {
            HttpResponse<String> response = server.post("/api/echo", "application/x-www-form-urlencoded", form.toString());

            assertEquals(413, response.statusCode());
            assertEquals("{\"error\":\"Too many fields in the form body (at most 1000)\"}", response.body());
            server.assertAlive();
        }
    }

    @Test
    void body_tenTimesTheLimitIs413BeforeTheBodyIsSent() throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer answer = send(server, "POST /api/echo HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: " + 10 * RouteConfig.DEFAULT_BODY_SIZE_LIMIT + "\r\n\r\n");

            assertRefused(answer, 413, "{\"error\":\"Body exceeded 1mb limit\"}");
            assertTrue(answer.firstByteMillis() < 1000, answer.toString());
            assertTrue(answer.closeMillis() < LingeringClose.MAX_MILLIS + 2000, answer.toString());
            server.assertAlive();
        }
    }

    /**
     * The JDK answers 100 Continue before any handler or filter runs; the 413 follows at once.
     * apiroutes' engine sends 100 Continue only when the handler reads the body: the 413 alone.
     */
    @Test
    void body_tenTimesTheLimitWithExpectContinueIs413() throws Exception {
        try (TestServer server = echoServer()) {
            HostileSockets.Answer answer = send(server, "POST /api/echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                    + "Content-Length: " + 10 * RouteConfig.DEFAULT_BODY_SIZE_LIMIT + "\r\n\r\n");
            List<String> responses = HostileSockets.responses(answer.text(), false);

            assertEquals(TestServer.OUR_ENGINE ? 1 : 2, responses.size(), answer.toString());
            if (!TestServer.OUR_ENGINE) {
                assertEquals(100, TestServer.status(responses.get(0)));
            }
            HostileSockets.Answer last = new HostileSockets.Answer(responses.get(responses.size() - 1), answer.closed(),
                    answer.firstByteMillis(), answer.closeMillis());
            assertRefused(last, 413, "{\"error\":\"Body exceeded 1mb limit\"}");
            assertTrue(answer.closeMillis() < LingeringClose.MAX_MILLIS + 2000, answer.toString());
            server.assertAlive();
        }
    }

    @Test
    void body_chunkedPastTheLimitIs413AndTheRestIsNotRead() throws Exception {
        try (TestServer server = echoServer(); Socket socket = HostileSockets.open(server.server.port())) {
            long start = System.nanoTime();
            AtomicLong sent = new AtomicLong();
            // Its own thread, not the common pool: LingeringClose's cut-off runs there.
            CompletableFuture<IOException> writer = new CompletableFuture<>();
            Thread writing = new Thread(() -> writer.complete(writeChunksUntilRefused(socket, start, sent)), "chunked-writer");
            writing.setDaemon(true);
            writing.start();

            HostileSockets.Answer answer = HostileSockets.readUntilClosed(socket.getInputStream(), start);

            assertRefused(answer, 413, "{\"error\":\"Body exceeded 1mb limit\"}");
            assertNotNull(writer.get(10, TimeUnit.SECONDS), "the server read a body that never ends for 8 s: "
                    + sent.get() + " bytes");
            assertTrue(sent.get() > RouteConfig.DEFAULT_BODY_SIZE_LIMIT, sent.get() + " bytes");
            server.assertAlive();
        }
    }

    /** Sends an endless chunked body for up to 8 s; returns how the server stopped it, or null if it did not. */
    private static IOException writeChunksUntilRefused(Socket socket, long start, AtomicLong sent) {
        byte[] chunk = ("4000\r\n" + "a".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        try {
            OutputStream out = socket.getOutputStream();
            out.write("POST /api/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            while (HostileSockets.millisSince(start) < 8000) {
                out.write(chunk);
                sent.addAndGet(chunk.length);
            }
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    @Test
    void body_clientGoneMidBodyIsLoggedAndTheHandlerNeverRuns() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (HostileLog log = new HostileLog();
             TestServer server = TestServer.of("/api/upload", (req, res) -> {
                 calls.incrementAndGet();
                 res.end();
             })) {
            try (Socket socket = HostileSockets.open(server.server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + "a".repeat(1000))
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }

            assertNotNull(log.await("client went away during POST /api/upload", 3000));
            assertEquals(0, calls.get());
            server.assertAlive();
        }
    }

    @Test
    void response_clientGoneMidResponseIsLoggedAndTheHandlerReturns() throws Exception {
        byte[] big = new byte[32 * 1024 * 1024];
        CountDownLatch handlerDone = new CountDownLatch(1);
        try (HostileLog log = new HostileLog();
             TestServer server = TestServer.of("/api/big", (req, res) -> {
                 try {
                     res.send(big);
                 } finally {
                     handlerDone.countDown();
                 }
             })) {
            try (Socket socket = HostileSockets.open(server.server.port())) {
                socket.getOutputStream().write("GET /api/big HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                InputStream in = socket.getInputStream();
                assertEquals(4096, in.readNBytes(4096).length);
                socket.setSoLinger(true, 0); // a reset, as a client that crashed
            }

            assertTrue(handlerDone.await(5, TimeUnit.SECONDS), "the handler is still writing to a client that left");
            assertNotNull(log.await("client went away during GET /api/big", 3000));
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
}
