package io.apiroutes.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import io.apiroutes.ApiException;
import io.apiroutes.exchange.RequestLimits;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the JDK's parser lets through, refused by the request checks: a table of heads, no socket. */
class RequestChecksTest {
    /** Just enough of an exchange for the checks: protocol, method and request headers. */
    private static final class Head extends HttpExchange {
        private final String protocol;
        private final String method;
        private final Headers headers = new Headers();

        Head(String protocol, String method, String... nameValues) {
            this.protocol = protocol;
            this.method = method;
            for (int i = 0; i < nameValues.length; i += 2) {
                headers.add(nameValues[i], nameValues[i + 1]);
            }
        }

        @Override public Headers getRequestHeaders() { return headers; }
        @Override public Headers getResponseHeaders() { return new Headers(); }
        @Override public URI getRequestURI() { return URI.create("/api/x"); }
        @Override public String getRequestMethod() { return method; }
        @Override public HttpContext getHttpContext() { return null; }
        @Override public void close() {}
        @Override public InputStream getRequestBody() { return InputStream.nullInputStream(); }
        @Override public OutputStream getResponseBody() { return OutputStream.nullOutputStream(); }
        @Override public void sendResponseHeaders(int code, long length) {}
        @Override public InetSocketAddress getRemoteAddress() { return null; }
        @Override public int getResponseCode() { return -1; }
        @Override public InetSocketAddress getLocalAddress() { return null; }
        @Override public String getProtocol() { return protocol; }
        @Override public Object getAttribute(String name) { return null; }
        @Override public void setAttribute(String name, Object value) {}
        @Override public void setStreams(InputStream in, OutputStream out) {}
        @Override public HttpPrincipal getPrincipal() { return null; }
    }

    static Stream<Arguments> refusedSyntax() {
        return Stream.of(
                Arguments.of(new Head("HTTP/9.9", "GET", "Host", "a"), 505, "HTTP version not supported: HTTP/9.9"),
                Arguments.of(new Head("HTTP/1.1", "G\u0001T", "Host", "a"), 400, "Invalid method"),
                Arguments.of(new Head("HTTP/1.1", "GET"), 400, "Missing Host header"),
                Arguments.of(new Head("HTTP/1.1", "GET", "Host", "a", "Host", "b"), 400, "More than one Host header"),
                Arguments.of(new Head("HTTP/1.1", "GET", "Host", "[zz::1]"), 400, "Invalid Host header"),
                Arguments.of(new Head("HTTP/1.1", "GET", "Host", "a", "X-A", "o\u0000ne"), 400,
                        "Header X-a has a control character in its value"),
                Arguments.of(new Head("HTTP/1.1", "POST", "Host", "a", "Content-Length", "+3"), 400,
                        "Content-Length must be digits only"),
                Arguments.of(new Head("HTTP/1.0", "POST", "Transfer-Encoding", "chunked"), 400,
                        "Transfer-Encoding is not allowed in an HTTP/1.0 request"));
    }

    @ParameterizedTest
    @MethodSource("refusedSyntax")
    void check_refusesWhatTheJdksParserLetsThrough(Head head, int status, String message) {
        ApiException e = assertThrows(ApiException.class, () -> RequestChecks.check(head, RequestLimits.DEFAULTS, false));

        assertEquals(status, e.status());
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("refusedSyntax")
    void check_afterAnEngineCheckedTheSyntax_leavesItAlone(Head head, int status, String message) {
        RequestChecks.check(head, RequestLimits.DEFAULTS, true); // apiroutes' engine refused such heads already
    }

    @Test
    void check_appliesTheServersLimitsOnEveryEngine() {
        String[] many = new String[2 * 101 + 2];
        many[0] = "Host";
        many[1] = "a";
        for (int i = 2; i < many.length; i += 2) {
            many[i] = "X-" + i;
            many[i + 1] = "v";
        }
        for (boolean syntaxChecked : new boolean[] {false, true}) {
            ApiException count = assertThrows(ApiException.class,
                    () -> RequestChecks.check(new Head("HTTP/1.1", "GET", many), RequestLimits.DEFAULTS, syntaxChecked));
            ApiException bytes = assertThrows(ApiException.class, () -> RequestChecks.check(
                    new Head("HTTP/1.1", "GET", "Host", "a", "X-Big", "a".repeat(17 * 1024)), RequestLimits.DEFAULTS, syntaxChecked));

            assertEquals(431, count.status());
            assertEquals("Too many header fields (at most 100)", count.getMessage());
            assertEquals(431, bytes.status());
        }
    }

    @Test
    void check_aWellFormedHeadPasses() {
        RequestChecks.check(new Head("HTTP/1.1", "GET", "Host", "[::1]:3000", "Content-Length", "0"), RequestLimits.DEFAULTS, false);
        RequestChecks.check(new Head("HTTP/1.0", "GET"), RequestLimits.DEFAULTS, false);
    }
}
