package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** gzip answers (Accept-Encoding, Vary, ETag, streams) and gzip or deflate request bodies, through real HTTP. */
class CompressionTest {
    private static final String LONG = "compressible ".repeat(200);
    private static final CountDownLatch EVENT_READ = new CountDownLatch(1);
    private static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer(ApiRoutes.builder()
                .route("/api/long", (req, res) -> res.json(Map.of("text", LONG)))
                .route("/api/short", (req, res) -> res.json(Map.of("text", "short")))
                .route("/api/image", (req, res) -> res.setHeader("Content-Type", "image/png").send(LONG.getBytes(StandardCharsets.UTF_8)))
                .route("/api/encoded", (req, res) -> res.setHeader("Content-Encoding", "br").setHeader("Content-Type", "text/plain")
                        .send(LONG.getBytes(StandardCharsets.UTF_8)))
                .route("/api/secret", new ApiHandler() {
                    @Override
                    public void handle(ApiRequest req, ApiResponse res) {
                        res.json(Map.of("text", LONG));
                    }

                    @Override
                    public RouteConfig config() {
                        return RouteConfig.defaults().withoutCompression();
                    }
                })
                .route("/api/events", (req, res) -> {
                    ServerSentEvents events = res.sse();
                    events.send("one");
                    try {
                        // the event must reach the client while the stream is open, not at its end
                        EVENT_READ.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    events.send("two");
                })
                .route("/api/echo", (req, res) -> res.json(req.body()))
                .route("/api/raw", new ApiHandler() {
                    @Override
                    public void handle(ApiRequest req, ApiResponse res) {
                        res.setHeader("Content-Type", "application/octet-stream").send(req.bodyBytes());
                    }

                    @Override
                    public RouteConfig config() {
                        return RouteConfig.defaults().withoutBodyParser();
                    }
                })
                .build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return server.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> post(String path, String encoding, byte[] body) throws Exception {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                .header("Content-Encoding", encoding).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static String gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void answer_aboveThreshold_isGzipForAClientThatAcceptsIt() throws Exception {
        HttpResponse<byte[]> gzip = get("/api/long", "Accept-Encoding", "gzip, deflate, br");
        HttpResponse<byte[]> identity = get("/api/long");

        assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElse(null));
        assertEquals("{\"text\":\"" + LONG + "\"}", gunzip(gzip.body()));
        assertTrue(gzip.body().length < LONG.length() / 10, "compressed: " + gzip.body().length);
        assertEquals("Accept-Encoding", gzip.headers().firstValue("Vary").orElse(null));
        assertFalse(identity.headers().firstValue("Content-Encoding").isPresent());
        assertEquals("{\"text\":\"" + LONG + "\"}", new String(identity.body(), StandardCharsets.UTF_8));
        assertEquals("Accept-Encoding", identity.headers().firstValue("Vary").orElse(null));
        String tag = identity.headers().firstValue("ETag").orElseThrow();
        assertEquals("W/" + tag, gzip.headers().firstValue("ETag").orElse(null), "the compressed answer's tag is weak");
    }

    @Test
    void ifNoneMatch_eitherTag_gets304WithOrWithoutGzip() throws Exception {
        String tag = get("/api/long").headers().firstValue("ETag").orElseThrow();

        for (String sent : new String[] {tag, "W/" + tag}) {
            HttpResponse<byte[]> gzip = get("/api/long", "Accept-Encoding", "gzip", "If-None-Match", sent);
            assertEquals(304, gzip.statusCode(), sent);
            assertEquals(0, gzip.body().length);
            assertFalse(gzip.headers().firstValue("Content-Encoding").isPresent());
            assertEquals(304, get("/api/long", "If-None-Match", sent).statusCode(), sent);
        }
    }

    @Test
    void answer_neverGzip_whenSmallHeadImageEncodedOrTurnedOff() throws Exception {
        assertNull(get("/api/short", "Accept-Encoding", "gzip").headers().firstValue("Content-Encoding").orElse(null));
        assertFalse(get("/api/short", "Accept-Encoding", "gzip").headers().firstValue("Vary").isPresent(), "could not have been");
        assertNull(get("/api/image", "Accept-Encoding", "gzip").headers().firstValue("Content-Encoding").orElse(null));
        HttpResponse<byte[]> encoded = get("/api/encoded", "Accept-Encoding", "gzip");
        assertEquals("br", encoded.headers().firstValue("Content-Encoding").orElse(null));
        assertEquals(LONG, new String(encoded.body(), StandardCharsets.UTF_8), "the handler's encoding is left alone");
        HttpResponse<byte[]> secret = get("/api/secret", "Accept-Encoding", "gzip");
        assertNull(secret.headers().firstValue("Content-Encoding").orElse(null));
        assertEquals("{\"text\":\"" + LONG + "\"}", new String(secret.body(), StandardCharsets.UTF_8));

        String head = server.raw("HEAD /api/long HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n");
        assertFalse(head.toLowerCase().contains("content-encoding"), head);
        assertTrue(head.toLowerCase().contains("content-length: " + ("{\"text\":\"" + LONG + "\"}").length()), head);
    }

    @Test
    void acceptEncoding_qValuesAndWildcards_chooseTheCoding() throws Exception {
        Map<String, Boolean> cases = Map.of(
                "gzip", true, "GZIP;q=0.5", true, "x-gzip", true, "*", true,
                "gzip;q=0", false, "br", false, "identity", false,
                "gzip;q=0.5, identity", false, "identity;q=0, *;q=0.1", true, "gzip;q=oops", false);
        for (Map.Entry<String, Boolean> c : cases.entrySet()) {
            HttpResponse<byte[]> answer = get("/api/long", "Accept-Encoding", c.getKey());

            assertEquals(c.getValue(), answer.headers().firstValue("Content-Encoding").isPresent(), c.getKey());
        }
    }

    @Test
    void serverSentEvents_eachEventArrivesCompressedWhileTheStreamIsOpen() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /api/events HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertTrue(head.toLowerCase().contains("content-encoding: gzip"), head);
            assertTrue(head.toLowerCase().contains("transfer-encoding: chunked"), head);

            String first = inflateUntil(in, "data: one\n\n");

            assertTrue(first.startsWith("data: one"), first);
            EVENT_READ.countDown();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed in the head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads chunks and inflates them (past gzip's 10-byte header) until the text holds {@code wanted}. */
    private static String inflateUntil(InputStream in, String wanted) throws Exception {
        Inflater inflater = new Inflater(true);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        StringBuilder text = new StringBuilder();
        byte[] out = new byte[8192];
        while (!text.toString().contains(wanted)) {
            String size = readLine(in);
            int length = Integer.parseInt(size.trim(), 16);
            assertTrue(length > 0, "the stream ended before " + wanted + ": " + text);
            compressed.write(in.readNBytes(length));
            readLine(in);
            byte[] all = compressed.toByteArray();
            if (all.length > 10) {
                inflater.setInput(all, 10, all.length - 10);
                compressed.reset();
                compressed.write(all, 0, 10);
                int n;
                while ((n = inflater.inflate(out)) > 0) {
                    text.append(new String(out, 0, n, StandardCharsets.UTF_8));
                }
            }
        }
        inflater.end();
        return text.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("closed mid-line");
            }
            line.append((char) b);
        }
        return line.toString();
    }

    @Test
    void requestBody_gzipOrDeflate_isDecodedBeforeParsing() throws Exception {
        byte[] json = "{\"n\":1,\"s\":\"é\"}".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (OutputStream out = new DeflaterOutputStream(deflated)) {
            out.write(json);
        }

        assertEquals("{\"n\":1,\"s\":\"é\"}", post("/api/echo", "gzip", gzip(json)).body());
        assertEquals("{\"n\":1,\"s\":\"é\"}", post("/api/echo", "deflate", deflated.toByteArray()).body());
        assertEquals("{\"n\":1,\"s\":\"é\"}", post("/api/echo", "identity", json).body());
    }

    @Test
    void requestBody_badOrUnknownEncoding_getsA4xxWithJson() throws Exception {
        HttpResponse<String> unknown = post("/api/echo", "br", "{}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> notGzip = post("/api/echo", "gzip", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (OutputStream out = new DeflaterOutputStream(deflated)) {
            out.write("{}".getBytes(StandardCharsets.UTF_8));
        }
        deflated.write(new byte[64 * 1024]); // far past what the decoder reads ahead
        byte[] cut = gzip(LONG.getBytes(StandardCharsets.UTF_8));
        cut = java.util.Arrays.copyOf(cut, cut.length / 2);

        assertEquals(415, unknown.statusCode());
        assertEquals("{\"error\":\"Unsupported Content-Encoding (gzip, deflate or identity)\"}", unknown.body());
        assertEquals(400, notGzip.statusCode());
        assertEquals("{\"error\":\"Malformed body: not in its Content-Encoding\"}", notGzip.body());
        assertEquals(400, post("/api/echo", "deflate", deflated.toByteArray()).statusCode(), "data after the zlib stream");
        assertEquals(400, post("/api/echo", "gzip", cut).statusCode(), "a gzip member cut short");
        server.assertAlive();
    }

    @Test
    void requestBody_gzipBomb_gets413WhileOthersAreAnswered() throws Exception {
        // 1 KB on the wire per 1 MB decoded: 200 MB decoded is far past the 1 MB limit
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bomb)) {
            out.write("{\"a\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) 'x');
            for (int i = 0; i < 200; i++) {
                out.write(spaces);
            }
        }
        assertTrue(bomb.size() < 300_000, "bomb size " + bomb.size());
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
            try {
                return post("/api/echo", "gzip", bomb.toByteArray());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        HttpResponse<byte[]> other = get("/api/long");
        HttpResponse<String> bombed = first.get(10, TimeUnit.SECONDS);

        assertEquals(200, other.statusCode());
        assertEquals(413, bombed.statusCode());
        assertEquals("{\"error\":\"Body exceeded 1mb limit\"}", bombed.body());
        server.assertAlive();
    }

    @Test
    void requestBody_withoutBodyParser_isTheBytesAsSent() throws Exception {
        byte[] gzip = gzip("{\"signed\":true}".getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> raw = server.send(HttpRequest.newBuilder(server.uri("/api/raw")).header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip)), HttpResponse.BodyHandlers.ofByteArray());

        assertArrayEquals(gzip, raw.body());
    }

    @Test
    void server_gzipMinBytes_setsTheThresholdOrTurnsItOff() throws Exception {
        ApiRoutes routes = ApiRoutes.builder().route("/api/short", (req, res) -> res.json(Map.of("text", "short"))).build();
        try (TestServer all = new TestServer(ApiServer.builder().routes(routes).gzipMinBytes(0));
             TestServer none = new TestServer(ApiServer.builder().routes(routes).gzipMinBytes(-1))) {
            HttpResponse<byte[]> small = all.send(HttpRequest.newBuilder(all.uri("/api/short")).header("Accept-Encoding", "gzip"),
                    HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<String> off = none.send(HttpRequest.newBuilder(none.uri("/api/short")).header("Accept-Encoding", "gzip"));

            assertEquals("{\"text\":\"short\"}", gunzip(small.body()));
            assertFalse(off.headers().firstValue("Content-Encoding").isPresent());
            assertFalse(off.headers().firstValue("Vary").isPresent());
            assertEquals("{\"text\":\"short\"}", off.body());
        }
    }
}
