package io.apiroutes.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The request head parser, with byte strings and no socket: what it reads, and every refusal's status and message. */
class HeadParserTest {
    private static final EngineSettings SETTINGS = EngineSettings.defaults().withRequestLimits(8192, 100, 32 * 1024);

    private static HeadParser parse(String head) throws RequestException {
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        return HeadParser.parse(bytes, 0, bytes.length, SETTINGS);
    }

    @Test
    void parse_readsMethodTargetVersionHeadersAndFraming() throws Exception {
        HeadParser head = parse("POST /api/x?a=1 HTTP/1.1\r\nHost: a:80\r\nX-A:  one \r\nX-A: two\r\nContent-Length: 5\r\n\r\n");

        assertEquals("POST", head.method);
        assertEquals("/api/x", head.uri.getPath());
        assertEquals("a=1", head.uri.getRawQuery());
        assertEquals("HTTP/1.1", head.version);
        assertEquals(java.util.List.of("one", "two"), head.headers.get("x-a"));
        assertEquals(5, head.bodyLength);
        assertThrows(UnsupportedOperationException.class, () -> head.headers.add("X-B", "b"));
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("GET /a HTTP/1.1\r\nHost: a\r\n\r\n", 0L),
                Arguments.of("\r\nGET /a HTTP/1.1\r\nHost: a\r\n\r\n", 0L), // one empty line before the request line
                Arguments.of("GET /a HTTP/1.0\r\n\r\n", 0L), // HTTP/1.0 needs no Host
                Arguments.of("POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n", -1L),
                Arguments.of("POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n", -1L),
                Arguments.of("GET http://a.example/x HTTP/1.1\r\nHost: a\r\n\r\n", 0L),
                Arguments.of("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", 0L),
                Arguments.of("GET /a HTTP/1.1\r\nHost: [::1]:3000\r\n\r\n", 0L),
                Arguments.of("GET /a HTTP/1.1\r\nHost: a\r\nX-A: caf\u00e9\t!\r\n\r\n", 0L));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void parse_acceptsAWellFormedHead(String head, long bodyLength) throws Exception {
        assertEquals(bodyLength, parse(head).bodyLength);
    }

    static Stream<Arguments> refused() {
        String host = "Host: a\r\n";
        return Stream.of(
                Arguments.of("GET /a HTTP/1.1\nHost: a\n\n", 400, "Line ending other than CR LF"),
                Arguments.of("GET /a HTTP/1.1\r\nHost: a\rX: b\r\n\r\n", 400, "Line ending other than CR LF"),
                Arguments.of("GET /a HTTP/1.1\r\n" + host, 400, "Line ending other than CR LF"), // no empty line
                Arguments.of("GET  /a HTTP/1.1\r\n" + host + "\r\n", 400, "Malformed request line"),
                Arguments.of("GET /a\r\n" + host + "\r\n", 400, "Malformed request line"),
                Arguments.of("GET /a HTTP/1.1 x\r\n" + host + "\r\n", 400, "Malformed request line"),
                Arguments.of("GET /a HTTP/2.0\r\n" + host + "\r\n", 505, "HTTP version not supported: HTTP/2.0"),
                Arguments.of("GET /a HTTQ/1.1\r\n" + host + "\r\n", 400, "Malformed request line"),
                Arguments.of("G(T /a HTTP/1.1\r\n" + host + "\r\n", 400, "Invalid method"),
                Arguments.of("GET " + "/a".repeat(4100) + " HTTP/1.1\r\n" + host + "\r\n", 414, "Request line too long"),
                Arguments.of("GET a HTTP/1.1\r\n" + host + "\r\n", 400, "Invalid request target"),
                Arguments.of("GET /a\u007f HTTP/1.1\r\n" + host + "\r\n", 400, "Invalid request target"),
                Arguments.of("CONNECT a:443 HTTP/1.1\r\n" + host + "\r\n", 501, "CONNECT is not supported"),
                Arguments.of("GET http://[zz::1]/ HTTP/1.1\r\n" + host + "\r\n", 400, "Invalid request target"),
                Arguments.of("GET * HTTP/1.1\r\n" + host + "\r\n", 400, "Invalid request target"),
                Arguments.of("GET /a HTTP/1.1\r\n\r\n", 400, "Missing Host header"),
                Arguments.of("GET /a HTTP/1.1\r\n" + host + host + "\r\n", 400, "More than one Host header"),
                Arguments.of("GET /a HTTP/1.1\r\nHost: [zz::1]\r\n\r\n", 400, "Invalid Host header"),
                Arguments.of("GET /a HTTP/1.1\r\nHost: a b\r\n\r\n", 400, "Invalid Host header"),
                Arguments.of("GET /a HTTP/1.1\r\n" + host + " folded\r\n\r\n", 400, "Folded header lines are not allowed"),
                Arguments.of("GET /a HTTP/1.1\r\n" + host + "X A: b\r\n\r\n", 400, "Invalid header name"),
                Arguments.of("GET /a HTTP/1.1\r\n" + host + "X-A : b\r\n\r\n", 400, "Invalid header name"),
                Arguments.of("GET /a HTTP/1.1\r\n" + host + "X-A: a\u0000b\r\n\r\n", 400, "Control character in a header value"),
                Arguments.of("GET /a HTTP/1.1\r\n" + host + "X: 1\r\n".repeat(100) + "\r\n", 431, "Too many header fields (at most 100)"),
                Arguments.of("POST /a HTTP/1.1\r\n" + host + "Content-Length: +5\r\n\r\n", 400, "Invalid Content-Length"),
                Arguments.of("POST /a HTTP/1.1\r\n" + host + "Content-Length: 5\r\nContent-Length: 5\r\n\r\n", 400,
                        "More than one Content-Length"),
                Arguments.of("POST /a HTTP/1.1\r\n" + host + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400,
                        "Content-Length with Transfer-Encoding"),
                Arguments.of("POST /a HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400,
                        "Transfer-Encoding is not allowed in an HTTP/1.0 request"),
                Arguments.of("POST /a HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked, gzip\r\n\r\n", 400,
                        "Transfer-Encoding must end in chunked"),
                Arguments.of("POST /a HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip, chunked\r\n\r\n", 501,
                        "Transfer coding not supported (only chunked)"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void parse_refusesWithOneExceptionCarryingStatusAndMessage(String head, int status, String message) {
        RequestException e = assertThrows(RequestException.class, () -> parse(head));

        assertEquals(status, e.status(), e.getMessage());
        assertEquals(message, e.getMessage());
        assertFalse(e.keepAlive());
    }

    @Test
    void parse_aHeadPastTheLimit_is431() {
        String head = "GET /a HTTP/1.1\r\nHost: a\r\nX: " + "v".repeat(33 * 1024) + "\r\n\r\n";

        RequestException e = assertThrows(RequestException.class, () -> parse(head));

        assertEquals(431, e.status());
    }
}
