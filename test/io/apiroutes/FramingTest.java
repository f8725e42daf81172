package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Framing at the edge of what the JDK's parser does (docs/security.md, "What the JDK's parser lets
 * through"). What reaches apiroutes with enough information is refused here; what the JDK decides
 * before any handler runs is pinned as it is today, so that a change of engine or JDK shows up; on
 * apiroutes' own engine ({@code make test ENGINE=apiroutes}) each of those is refused or answered
 * by the engine, and pinned too.
 */
@ResourceLock(HostileLog.LOGGER) // tests that run at once must not log into each other's HostileLog
class FramingTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer(ApiRoutes.builder()
                .route("/api/text", (req, res) -> res.send("got " + new String(req.bodyBytes(), StandardCharsets.UTF_8)))
                .route("/api/empty", (req, res) -> res.send(""))
                .route("/api/status/[code]", (req, res) -> res.status(Integer.parseInt(req.query("code"))).json(Map.of("a", 1)))
                .route("/api/interrupted", (req, res) -> {
                    Thread.currentThread().interrupt(); // the usual "restore the interrupt" idiom
                    res.json("still answered");
                })
                .route("/api/truncated", (req, res) -> {
                    req.exchange().sendResponseHeaders(200, 100);
                    OutputStream out = req.exchange().getResponseBody();
                    out.write("ten bytes.".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    throw new IllegalStateException("failed half-way");
                })
                .build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HostileSockets.Answer send(String request) throws IOException {
        return HostileSockets.send(server.server.port(), request);
    }

    /** apiroutes' engine refuses it: a JSON 400 naming what, and the connection closed. */
    private static void assertRefusedByOurEngine(HostileSockets.Answer answer, String error) {
        assertEquals(400, answer.status(), answer.toString());
        assertEquals("{\"error\":\"" + error + "\"}", answer.body());
        assertTrue(answer.closesConnection() && answer.closed(), answer.toString());
    }

    static Stream<Arguments> refusedHere() {
        return Stream.of(
                Arguments.of("an empty Host", "GET /api/empty HTTP/1.1\r\nHost: \r\n\r\n", "Invalid Host header"),
                Arguments.of("a Host with a space", "GET /api/empty HTTP/1.1\r\nHost: a b\r\n\r\n", "Invalid Host header"),
                Arguments.of("a Host with a path", "GET /api/empty HTTP/1.1\r\nHost: a/b\r\n\r\n", "Invalid Host header"),
                Arguments.of("a Host with a bad port", "GET /api/empty HTTP/1.1\r\nHost: a:8o\r\n\r\n", "Invalid Host header"),
                Arguments.of("Transfer-Encoding on HTTP/1.0",
                        "POST /api/text HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                        "Transfer-Encoding is not allowed in an HTTP/1.0 request"),
                Arguments.of("a C1 control in the path", "GET /api/x%C2%85 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                        "Invalid path: control characters are not allowed"),
                Arguments.of("DEL in the path", "GET /api/x%7F HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                        "Invalid path: control characters are not allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedHere")
    void request_framingApiroutesSees_isRefusedWithJson400(String what, String request, String error) throws IOException {
        HostileSockets.Answer answer = send(request);

        assertEquals(400, answer.status(), answer.toString());
        assertEquals("{\"error\":\"" + error + "\"}", answer.body());
        assertTrue(answer.head().toLowerCase().contains("content-type: application/json; charset=utf-8"), answer.toString());
    }

    @Test
    void host_validForms_areServed() throws IOException {
        for (String host : List.of("example.com", "example.com:8080", "127.0.0.1:3000", "[::1]:3000", "[::1]", "xn--bcher-kva.example")) {
            HostileSockets.Answer answer = send("GET /api/empty HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");

            assertEquals(200, answer.status(), host + ": " + answer);
        }
    }

    // ---- pinned: decided by the JDK's parser before apiroutes sees the request

    @Test
    void jdkPinned_chunkSizePast32Bits_wrapsAround() throws IOException {
        // 0x100000005 is read as 5: a front end that reads 64-bit sizes sees another body. apiroutes'
        // engine reads 64 bits and refuses more.
        HostileSockets.Answer answer = send("POST /api/text HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
                + (TestServer.OUR_ENGINE ? "10000000000000005" : "100000005") + "\r\nhello\r\n0\r\n\r\n");

        if (TestServer.OUR_ENGINE) {
            assertRefusedByOurEngine(answer, "Malformed chunked body: chunk size out of range");
        } else {
            assertEquals(200, answer.status(), answer.toString());
            assertEquals("got hello", answer.body());
        }
    }

    @Test
    void jdkPinned_chunkSizeOf2To32_endsTheBody_andWhatFollowsIsAnotherRequest() throws IOException {
        if (TestServer.OUR_ENGINE) {
            // apiroutes' engine reads 2^32 as 2^32: past the body limit, a 413, and nothing smuggled.
            HostileSockets.Answer answer = send("POST /api/text HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "100000000\r\n" + "a".repeat(1100 * 1024));
            assertEquals(413, answer.status(), answer.toString());
            assertEquals(1, HostileSockets.responses(answer.text(), false).size(), answer.toString());
            return;
        }
        HostileSockets.Answer answer = send("POST /api/text HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "100000000\r\n\r\nGET /api/empty HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        List<String> responses = HostileSockets.responses(answer.text(), false);
        assertEquals(2, responses.size(), answer.toString());
        assertTrue(responses.get(0).endsWith("\r\n\r\ngot "), responses.get(0));
        assertTrue(responses.get(1).startsWith("HTTP/1.1 200 "), responses.get(1));
    }

    @Test
    void jdkPinned_bareCrInAHeaderLine_splitsIt() throws IOException {
        HostileSockets.Answer answer = send("POST /api/text HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-A: a\rContent-Length: 5\r\n\r\nhello");

        if (TestServer.OUR_ENGINE) {
            assertRefusedByOurEngine(answer, "Line ending other than CR LF");
        } else {
            assertEquals(200, answer.status(), answer.toString());
            assertEquals("got hello", answer.body());
        }
    }

    @Test
    void jdkPinned_bareLfEndingHeaderLines_isAccepted() throws IOException {
        HostileSockets.Answer answer = send("GET /api/empty HTTP/1.1\r\nHost: x\nConnection: close\nX-B: y\n\n");

        if (TestServer.OUR_ENGINE) {
            assertRefusedByOurEngine(answer, "Line ending other than CR LF");
        } else {
            assertEquals(200, answer.status(), answer.toString());
        }
    }

    @Test
    void jdkPinned_controlCharactersAroundFramingValues_areTrimmed() throws IOException {
        HostileSockets.Answer length = send("POST /api/text HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 5\u000b\r\n\r\nhello");
        HostileSockets.Answer chunked = send("POST /api/text HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\u0000\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n");

        if (TestServer.OUR_ENGINE) {
            assertRefusedByOurEngine(length, "Control character in a header value");
            assertRefusedByOurEngine(chunked, "Control character in a header value");
        } else {
            assertEquals("got hello", length.body(), length.toString());
            assertEquals("got hello", chunked.body(), chunked.toString());
        }
    }

    @Test
    void jdkPinned_expect100_isAnsweredToHttp10Too_beforeTheHandlerRuns() throws IOException {
        HostileSockets.Answer answer = send("POST /api/text HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nhello");

        // apiroutes' engine never sends 100 Continue to HTTP/1.0, which does not know it.
        assertEquals(!TestServer.OUR_ENGINE, answer.text().startsWith("HTTP/1.1 100 Continue\r\n"), answer.toString());
        assertTrue(answer.text().contains("got hello"), answer.toString());
    }

    @Test
    void jdkPinned_authorityFormTarget_getsNoAnswer() throws IOException {
        HostileSockets.Answer answer = send("GET example.com:80 HTTP/1.1\r\nHost: example.com\r\n\r\n");

        if (TestServer.OUR_ENGINE) {
            assertRefusedByOurEngine(answer, "Invalid request target");
        } else {
            assertEquals("", answer.text());
            assertTrue(answer.closed(), answer.toString());
        }
    }

    // ---- what every answer carries

    @Test
    void head_ofAnEmptyBody_carriesContentLengthZeroAsGetDoes() throws IOException {
        HostileSockets.Answer get = send("GET /api/empty HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        HostileSockets.Answer head = send("HEAD /api/empty HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertTrue(get.head().toLowerCase().contains("\r\ncontent-length: 0"), get.toString());
        assertTrue(head.head().toLowerCase().contains("\r\ncontent-length: 0"), head.toString());
        assertEquals("", head.body());
    }

    @Test
    void status204and304_sendNoBodyAndNoContentType() throws IOException {
        for (int status : new int[] {204, 304}) {
            HostileSockets.Answer answer = send("GET /api/status/" + status + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

            assertEquals(status, answer.status(), answer.toString());
            assertFalse(answer.head().toLowerCase().contains("content-type"), answer.toString());
            assertFalse(answer.head().toLowerCase().contains("transfer-encoding"), answer.toString());
            assertEquals("", answer.body());
        }
    }

    @Test
    void handler_withItsInterruptFlagSet_stillAnswers() throws IOException, InterruptedException {
        var response = server.get("/api/interrupted");

        assertEquals(200, response.statusCode());
        assertEquals("\"still answered\"", response.body());
    }

    @Test
    void exchangeEscapeHatch_answerBrokenOff_closesTheConnectionAndLogsIt() throws Exception {
        try (HostileLog log = new HostileLog()) {
            HostileSockets.Answer answer = send("GET /api/truncated HTTP/1.1\r\nHost: x\r\n\r\n");

            assertEquals(200, answer.status(), answer.toString());
            assertEquals("ten bytes.", answer.body());
            assertTrue(answer.closed(), "the client must see the answer cut short: " + answer);
            assertNotNull(log.await("broke off after it started", 2000));
        }
        server.assertAlive();
    }
}
