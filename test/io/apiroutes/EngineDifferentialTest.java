package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sends one corpus of valid and malformed raw requests to a server on the JDK's engine and to one
 * on apiroutes' engine, and lists every difference in what comes back. The differences expected
 * (where apiroutes' engine is stricter, or answers in JSON where the JDK answers in HTML or not at
 * all) are declared below with apiroutes' exact answer; any other difference fails.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EngineDifferentialTest {
    record Seen(String method, List<String> xA, Object body) {}

    private static final String POST = "POST /api/echo HTTP/1.1\r\nHost: a\r\n";
    private static final String CHUNKED = POST + "Transfer-Encoding: chunked\r\n\r\n";

    /** Name, raw request. Each is sent on its own connection, which the client then half-closes. */
    private static final Map<String, String> CORPUS = new LinkedHashMap<>();

    /** Name, apiroutes' answer, where it differs from the JDK's. */
    private static final Map<String, String> DECLARED = new LinkedHashMap<>();

    private static void valid(String name, String request) {
        CORPUS.put(name, request);
    }

    private static void differs(String name, String request, String ours) {
        CORPUS.put(name, request);
        DECLARED.put(name, ours);
    }

    private static String refused(int status, String message) {
        return status + " {\"error\":\"" + message + "\"} close";
    }

    static {
        valid("get", "GET /api/x HTTP/1.1\r\nHost: a\r\n\r\n");
        valid("get, HTTP/1.0", "GET /api/x HTTP/1.0\r\n\r\n");
        valid("get, HTTP/1.0 keep-alive", "GET /api/x HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        valid("get, query and escapes", "GET /api/echo?a=%C3%A9 HTTP/1.1\r\nHost: a\r\n\r\n");
        valid("head", "HEAD /api/x HTTP/1.1\r\nHost: a\r\n\r\n");
        valid("post, Content-Length", POST + "Content-Type: application/json\r\nContent-Length: 3\r\n\r\n[1]");
        valid("post, Content-Length 0", POST + "Content-Length: 0\r\n\r\n");
        valid("post, chunked", CHUNKED + "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
        valid("post, chunk extension", CHUNKED + "3;name=value\r\nabc\r\n0\r\n\r\n");
        valid("post, uppercase hex size", CHUNKED + "A\r\n0123456789\r\n0\r\n\r\n");
        valid("pipelined", "GET /api/x HTTP/1.1\r\nHost: a\r\n\r\n" + POST + "Content-Length: 2\r\n\r\nhi"
                + "GET /api/x HTTP/1.1\r\nHost: a\r\n\r\n");
        valid("absolute form", "GET http://elsewhere.example/api/x HTTP/1.1\r\nHost: a\r\n\r\n");
        valid("host with port and IPv6", "GET /api/x HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n");
        valid("header value with obs-text", "GET /api/echo HTTP/1.1\r\nHost: a\r\nX-A: a b \u00e9\r\n\r\n");
        valid("connection: close", "GET /api/x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        valid("connection: close in a list", "GET /api/x HTTP/1.1\r\nHost: a\r\nConnection: close, foo\r\n\r\n");
        valid("connection: Close after another option", "GET /api/x HTTP/1.1\r\nHost: a\r\nConnection: foo ,Close\r\n\r\n");
        valid("connection: close on a second line", "GET /api/x HTTP/1.1\r\nHost: a\r\nConnection: foo\r\nConnection: close\r\n\r\n");
        valid("unknown path", "GET /api/nothing HTTP/1.1\r\nHost: a\r\n\r\n");
        valid("missing Host on HTTP/1.1", "GET /api/x HTTP/1.1\r\n\r\n");
        valid("two Host", "GET /api/x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
        valid("IPv6 literal of letters that are not hex", "GET /api/x HTTP/1.1\r\nHost: [zz::1]\r\n\r\n");
        valid("empty IPv6 literal", "GET /api/x HTTP/1.1\r\nHost: []\r\n\r\n");
        valid("Host with an empty port", "GET /api/x HTTP/1.1\r\nHost: a:\r\n\r\n");
        valid("Host with a port of letters", "GET /api/x HTTP/1.1\r\nHost: a:80a\r\n\r\n");
        valid("unknown version", "GET /api/x HTTP/9.9\r\nHost: a\r\n\r\n");
        valid("method not a token", "G\u0001T /api/x HTTP/1.1\r\nHost: a\r\n\r\n");
        valid("101 header lines (apiroutes' own limit)", "GET /api/x HTTP/1.1\r\nHost: a\r\n" + "X-H: v\r\n".repeat(100) + "\r\n");

        // the JDK turns a tab inside a value into a space; the value as sent keeps it (RFC 9110 5.5)
        differs("header value with a tab", "GET /api/echo HTTP/1.1\r\nHost: a\r\nX-A: a\tb\r\n\r\n",
                "200 {\"method\":\"GET\",\"xA\":[\"a\\tb\"],\"body\":null}");
        // 100 Continue only when the handler reads a body, and never for none (the JDK sends it before any handler runs)
        differs("Expect without a body", POST + "Expect: 100-continue\r\nContent-Length: 0\r\n\r\n",
                "200 {\"method\":\"POST\",\"xA\":null,\"body\":null}");
        differs("Content-Length with Transfer-Encoding", POST + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n0\r\n\r\n", refused(400, "Content-Length with Transfer-Encoding"));
        differs("two Content-Length", POST + "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
                refused(400, "More than one Content-Length"));
        differs("Content-Length +3", POST + "Content-Length: +3\r\n\r\nabc", refused(400, "Invalid Content-Length"));
        differs("Content-Length -1", POST + "Content-Length: -1\r\n\r\n", refused(400, "Invalid Content-Length"));
        differs("Content-Length past 64 bits", POST + "Content-Length: 99999999999999999999\r\n\r\n",
                refused(400, "Invalid Content-Length"));
        differs("Content-Length with a vertical tab", POST + "Content-Length: 3\u000b\r\n\r\nabc",
                refused(400, "Control character in a header value"));
        differs("Transfer-Encoding chunked with a NUL", POST + "Transfer-Encoding: chunked\u0000\r\n\r\n0\r\n\r\n",
                refused(400, "Control character in a header value"));
        differs("Transfer-Encoding gzip, chunked", POST + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
                refused(501, "Transfer coding not supported (only chunked)"));
        differs("Transfer-Encoding chunked, gzip", POST + "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n",
                refused(400, "Transfer-Encoding must end in chunked"));
        valid("Transfer-Encoding on HTTP/1.0", "POST /api/echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: keep-alive\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        differs("chunk size 2^32, body short of it", CHUNKED + "100000000\r\nabc\r\n0\r\n\r\n", "(closed)");
        differs("chunk size 2^48 + 5, body short of it", CHUNKED + "1000000000005\r\nabcde\r\n0\r\n\r\n", "(closed)");
        differs("chunk size past 64 bits", CHUNKED + "10000000000000005\r\nabcde\r\n0\r\n\r\n",
                refused(400, "Malformed chunked body: chunk size out of range"));
        differs("chunk size not hex", CHUNKED + "zz\r\nabc\r\n0\r\n\r\n", refused(400, "Malformed chunked body: invalid chunk size"));
        differs("chunk data longer than its size", CHUNKED + "2\r\nabc\r\n0\r\n\r\n",
                refused(400, "Malformed chunked body: chunk data must end with CR LF"));
        differs("chunk data longer than its size, no line end after it", CHUNKED + "2\r\nabcdefgh",
                refused(400, "Malformed chunked body: chunk data must end with CR LF"));
        differs("space after a chunk size, no extension", CHUNKED + "3 \r\nabc\r\n0\r\n\r\n",
                refused(400, "Malformed chunked body: invalid chunk size"));
        differs("space before a chunk extension", CHUNKED + "3 ;x=y\r\nabc\r\n0\r\n\r\n",
                refused(400, "Malformed chunked body: invalid chunk size"));
        differs("bare LF after a chunk size", CHUNKED + "3\nabc\r\n0\r\n\r\n",
                refused(400, "Malformed chunked body: Line ending other than CR LF"));
        differs("trailer fields", CHUNKED + "3\r\nabc\r\n0\r\nX-Trailer: 1\r\n\r\n",
                "200 {\"method\":\"POST\",\"xA\":null,\"body\":\"abc\"}");
        differs("bare CR in a header", "GET /api/x HTTP/1.1\r\nHost: a\r\nX-A: a\rContent-Length: 5\r\n\r\n",
                refused(400, "Line ending other than CR LF"));
        differs("bare LF line endings", "GET /api/x HTTP/1.1\nHost: a\n\n", refused(400, "Line ending other than CR LF"));
        differs("obs-fold", "GET /api/echo HTTP/1.1\r\nHost: a\r\nX-A: one\r\n two\r\n\r\n",
                refused(400, "Folded header lines are not allowed"));
        differs("space before the colon", "GET /api/x HTTP/1.1\r\nHost : a\r\n\r\n", refused(400, "Invalid header name"));
        differs("NUL in a header value", "GET /api/x HTTP/1.1\r\nHost: a\r\nX-A: o\u0000ne\r\n\r\n",
                refused(400, "Control character in a header value"));
        differs("empty Host", "GET /api/x HTTP/1.1\r\nHost: \r\n\r\n", refused(400, "Invalid Host header"));
        differs("invalid Host", "GET /api/x HTTP/1.1\r\nHost: a b/c\r\n\r\n", refused(400, "Invalid Host header"));
        differs("authority form", "GET example.com:80 HTTP/1.1\r\nHost: example.com\r\n\r\n",
                refused(400, "Invalid request target"));
        differs("CONNECT", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com\r\n\r\n",
                refused(501, "CONNECT is not supported"));
        differs("asterisk form", "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", refused(404, "No context found for request"));
        differs("malformed escape", "GET /api/x%ZZ HTTP/1.1\r\nHost: a\r\n\r\n", refused(400, "Invalid request target"));
        differs("target with a control character", "GET /api/x\u0001 HTTP/1.1\r\nHost: a\r\n\r\n",
                refused(400, "Invalid request target"));
        differs("two spaces in the request line", "GET  /api/x HTTP/1.1\r\nHost: a\r\n\r\n", refused(400, "Malformed request line"));
        differs("request line of 9 KB", "GET /api/x?" + "a".repeat(9000) + " HTTP/1.1\r\nHost: a\r\n\r\n",
                refused(414, "Request line too long"));
        differs("201 header lines", "GET /api/x HTTP/1.1\r\nHost: a\r\n" + "X-H: v\r\n".repeat(201) + "\r\n",
                refused(431, "Too many header fields (at most 200)"));
        differs("Expect on HTTP/1.0", "POST /api/echo HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi",
                "200 {\"method\":\"POST\",\"xA\":null,\"body\":\"hi\"} close");
    }

    private static ApiServer start(String engine) throws java.io.IOException {
        return ApiServer.builder().engine(engine).host("127.0.0.1").port(0).shutdownGrace(Duration.ZERO)
                .routes(ApiRoutes.builder()
                        .route("/api/echo", (req, res) -> res.json(new Seen(req.method(), req.headers().get("X-A"), req.body())))
                        .route("/api/x", (req, res) -> res.json("x"))
                        .build())
                .start();
    }

    /** What came back, in short: each response's status and body (and close when it says so), or how the connection ended. */
    private static String summary(HostileSockets.Answer answer, boolean head) {
        if (answer.text().isEmpty()) {
            return answer.closed() ? "(closed)" : "(silence)";
        }
        List<String> parts = new ArrayList<>();
        List<String> responses;
        try {
            responses = HostileSockets.responses(answer.text(), head);
        } catch (AssertionError e) {
            return "(malformed) " + answer;
        }
        for (String response : responses) {
            HostileSockets.Answer one = new HostileSockets.Answer(response, false, 0, 0);
            String body = one.body();
            parts.add(one.status() + (body.isEmpty() ? "" : " " + body) + (one.closesConnection() ? " close" : ""));
        }
        return String.join(" | ", parts) + (answer.closed() ? "" : " (left open)");
    }

    @Test
    void corpus_differsOnlyWhereDeclared() throws Exception {
        Map<String, String> jdk = new LinkedHashMap<>();
        Map<String, String> ours = new LinkedHashMap<>();
        try (ApiServer jdkServer = start("jdk"); ApiServer ourServer = start("apiroutes")) {
            for (Map.Entry<String, String> request : CORPUS.entrySet()) {
                byte[] bytes = request.getValue().getBytes(StandardCharsets.ISO_8859_1);
                boolean head = request.getValue().startsWith("HEAD");
                jdk.put(request.getKey(), summary(HostileSockets.send(jdkServer.port(), bytes, true), head));
                ours.put(request.getKey(), summary(HostileSockets.send(ourServer.port(), bytes, true), head));
            }
        }
        List<String> undeclared = new ArrayList<>();
        StringBuilder report = new StringBuilder("EngineDifferentialTest: " + CORPUS.size() + " requests\n");
        for (String name : CORPUS.keySet()) {
            boolean same = jdk.get(name).equals(ours.get(name));
            report.append(same ? "  same      " : "  differs   ").append(name).append(": jdk ").append(jdk.get(name))
                    .append(same ? "" : " / apiroutes " + ours.get(name)).append('\n');
            if (DECLARED.containsKey(name) && !DECLARED.get(name).equals(ours.get(name))) {
                undeclared.add(name + ": apiroutes answered " + ours.get(name) + ", declared " + DECLARED.get(name));
            } else if (!DECLARED.containsKey(name) && !same) {
                undeclared.add(name + ": jdk " + jdk.get(name) + " / apiroutes " + ours.get(name));
            }
        }
        if (Boolean.getBoolean("apiroutes.showDifferences")) { // the whole table, for a reader comparing the engines
            System.out.print(report);
        }

        assertTrue(undeclared.isEmpty(), "undeclared differences:\n" + String.join("\n", undeclared) + "\n" + report);
    }
}
