package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutates valid requests (bit flips, truncation, duplicated and deleted byte ranges, stray bytes,
 * inserted header lines) from a fixed seed and sends each on its own connection, half-closed so
 * that the server sees where the client stopped. Each must get well-formed responses whose
 * status is not a 500 (no handler here throws), or a closed connection; never silence.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RequestFuzzTest {
    private static final long SEED = 0x5EED_2026_0004L;
    private static final int CASES = 1000;
    private static final long TIME_BOUND_MILLIS = 90_000;

    /** 5xx the server may answer to a request it cannot serve: unknown transfer coding, unknown version. */
    private static final Set<Integer> PROTOCOL_5XX = Set.of(501, 505);

    private static final List<String> SEEDS = List.of(
            "GET /api/echo?a=1&b=%C3%A9&a=2 HTTP/1.1\r\nHost: localhost\r\nUser-Agent: fuzz\r\nAccept: */*\r\n"
                    + "Cookie: a=1; b=\"q\"\r\n\r\n",
            withLength("POST /api/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n",
                    "{\"a\":[1,2.5e3,{\"b\":\"c\\u00e9\"}],\"d\":null,\"e\":true}"),
            withLength("POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n",
                    "a=1&b=%20x&a=2&c=caf%C3%A9"),
            "POST /api/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
                    + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n",
            "GET /api/users/42/ HTTP/1.1\r\nHost: x\r\n\r\nGET /api/files/a/b%20c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            withLength("PUT /api/raw HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n", "raw bytes"),
            "GET /api HTTP/1.0\r\n\r\n",
            "DELETE /api/users/7?x=y HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n");

    private static final List<String> HEADER_LINES = List.of(
            "Content-Length: 5", "Content-Length: 99999999", "Content-Length: -1", "Transfer-Encoding: chunked",
            "Transfer-Encoding: identity", "Host: other", "Expect: 100-continue", "X-Nul: a\0b", " folded continuation",
            "NoColon", ": empty-name", "Connection: close", "Content-Type: application/json",
            "Content-Type: application/x-www-form-urlencoded", "Content-Type: text/plain; charset=nope",
            "Cookie: =; ;;; a=%ZZ; a", "X-Long: " + "a".repeat(5000), "X-Latin: caf\u00e9\u00ff");

    private static final byte[] STRAY = {'\r', '\n', 0, ' ', ':', '%', (byte) 0xff, '\t', '/', '.', ';', '"'};

    private static String withLength(String head, String body) {
        return head + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static TestServer server() throws java.io.IOException {
        ApiHandler raw = new ApiHandler() {
            @Override
            public void handle(ApiRequest req, ApiResponse res) {
                res.send(req.bodyBytes());
            }

            @Override
            public RouteConfig config() {
                return RouteConfig.defaults().withoutBodyParser().withBodySizeLimit(64);
            }
        };
        return new TestServer(ApiRoutes.builder()
                .route("/api", (req, res) -> res.json("index"))
                .route("/api/echo", (req, res) -> res.json(Map.of("method", req.method(), "query", req.query(),
                        "cookies", req.cookies(), "body", String.valueOf(req.body()))))
                .route("/api/users/[id]", (req, res) -> res.json(req.query()))
                .route("/api/files/[...path]", (req, res) -> res.json(req.queryAll("path")))
                .route("/api/raw", raw)
                .build());
    }

    @Test
    void mutatedRequests_getAResponseOrAClosedConnectionNeverA500OrSilence() throws Exception {
        Random random = new Random(SEED);
        Map<String, Integer> outcomes = new TreeMap<>();
        long start = System.nanoTime();
        try (TestServer server = server()) {
            for (int i = 0; i < CASES; i++) {
                byte[] seed = SEEDS.get(random.nextInt(SEEDS.size())).getBytes(StandardCharsets.UTF_8);
                byte[] request = mutate(seed, random);
                if (random.nextInt(4) == 0) {
                    request = mutate(request, random);
                }
                String shown = "case " + i + ": " + new String(request, StandardCharsets.ISO_8859_1)
                        .replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");

                HostileSockets.Answer answer = HostileSockets.send(server.server.port(), request, true);

                if (!answer.closed()) {
                    fail("no answer and no close within " + HostileSockets.TIMEOUT_MILLIS + " ms, " + shown + " -> " + answer);
                }
                if (answer.text().isEmpty()) {
                    outcomes.merge("closed", 1, Integer::sum);
                }
                for (String response : HostileSockets.responses(answer.text(), false)) {
                    int status = TestServer.status(response);
                    outcomes.merge(Integer.toString(status), 1, Integer::sum);
                    if (status >= 500 && !PROTOCOL_5XX.contains(status)) {
                        fail(status + " for " + shown + " -> " + answer);
                    }
                }
                assertTrue(HostileSockets.millisSince(start) < TIME_BOUND_MILLIS, "the fuzz took too long: " + outcomes);
            }
            server.assertAlive();
        }
    }

    private static byte[] mutate(byte[] request, Random random) {
        int length = request.length;
        if (length == 0) {
            return new byte[] {STRAY[random.nextInt(STRAY.length)]};
        }
        switch (random.nextInt(6)) {
            case 0 -> { // flip one to four bits
                byte[] copy = request.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    copy[random.nextInt(length)] ^= (byte) (1 << random.nextInt(8));
                }
                return copy;
            }
            case 1 -> { // truncate
                return java.util.Arrays.copyOf(request, random.nextInt(length));
            }
            case 2 -> { // duplicate a range in place
                int from = random.nextInt(length);
                int to = from + 1 + random.nextInt(Math.min(64, length - from));
                return splice(request, to, java.util.Arrays.copyOfRange(request, from, to), 0);
            }
            case 3 -> { // delete a range
                int from = random.nextInt(length);
                int to = from + 1 + random.nextInt(Math.min(16, length - from));
                return splice(request, from, new byte[0], to - from);
            }
            case 4 -> { // a stray byte over one that was there
                byte[] copy = request.clone();
                copy[random.nextInt(length)] = STRAY[random.nextInt(STRAY.length)];
                return copy;
            }
            default -> { // a header line after the request line
                int lineEnd = indexOf(request, (byte) '\n');
                String line = HEADER_LINES.get(random.nextInt(HEADER_LINES.size())) + "\r\n";
                return splice(request, lineEnd < 0 ? length : lineEnd + 1, line.getBytes(StandardCharsets.ISO_8859_1), 0);
            }
        }
    }

    /** {@code bytes} with {@code inserted} at {@code at}, after removing {@code removed} bytes there. */
    private static byte[] splice(byte[] bytes, int at, byte[] inserted, int removed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + inserted.length);
        out.write(bytes, 0, at);
        out.write(inserted, 0, inserted.length);
        out.write(bytes, at + removed, bytes.length - at - removed);
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
