package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * What one client with a loop and a bad idea does to everyone else, against the server as
 * {@code ./run.sh} runs it: {@code Main} in a JVM of its own with a 64 MB heap. After each
 * attack the server must still answer a plain request, and the process must still run.
 */
@ResourceLock(HostileLog.LOGGER) // tests that run at once must not log into each other's HostileLog
class DenialOfServiceTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static ChildServer server;

    @BeforeAll
    static void start() throws IOException {
        server = ChildServer.start();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port + path);
    }

    /** The server answers a plain request and its process runs. */
    private static void assertHealthy() throws IOException, InterruptedException {
        assertTrue(server.process.isAlive(), "the server process ended:\n" + server.output());
        HttpResponse<String> hello = get("/api/child/hello");
        assertEquals(200, hello.statusCode());
        assertEquals("{\"message\":\"hello\"}", hello.body());
    }

    @Test
    void churn_clientsThatLeaveMidBody_leaveNoConnectionSlotTaken() throws Exception {
        // More than the 4096-connection cap: each dead connection used to hold its slot until the
        // JDK's 30 s request timer, refusing every new connection in the meantime.
        byte[] partial = "POST /api/child/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\nab"
                .getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 5000; i++) {
            try (Socket socket = new Socket("127.0.0.1", server.port)) {
                if (i % 2 == 0) {
                    socket.setSoLinger(true, 0); // a reset instead of a close
                }
                socket.getOutputStream().write(partial);
            }
        }

        assertHealthy();
    }

    @Test
    void keepAlive_morePastTheJdksIdleLimitOf200_noConnectionClosedWithoutNotice() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 400; i++) {
                Socket socket = new Socket("127.0.0.1", server.port);
                socket.setSoTimeout(10_000);
                sockets.add(socket);
            }
            for (int round = 0; round < 2; round++) {
                for (Socket socket : sockets) {
                    socket.getOutputStream().write("GET /api/child/hello HTTP/1.1\r\nHost: x\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                }
                for (Socket socket : sockets) {
                    String answer = HostileSockets.readResponse(socket.getInputStream());

                    assertTrue(answer.startsWith("HTTP/1.1 200 "), "round " + round + ": " + answer);
                    assertTrue(!answer.toLowerCase().contains("connection: close"), answer);
                }
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        assertHealthy();
    }

    @Test
    @Tag("slow") // 64 bodies of 1 MiB at once, 2.7 s; make check and make soak run it
    void amplifyingJsonBodies_64AtOnce_allAnsweredAndTheServerStaysUp() throws Exception {
        // The shape that keeps the most tree (make soak sends the others too: every 1 MB body is
        // charged the same worst case, so one shape is enough to fill the budget here).
        for (String shape : new String[] {"{\"a\":0}"}) {
            String body = worstCase(shape, 1 << 20);
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                answers.add(CLIENT.sendAsync(HttpRequest.newBuilder(uri("/api/child/echo"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            int served = 0;
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(90, TimeUnit.SECONDS);

                assertTrue(response.statusCode() == 200 || response.statusCode() == 413 || response.statusCode() == 503,
                        shape + ": " + response.statusCode() + " " + response.body() + "\n" + server.output());
                if (response.statusCode() == 200) {
                    served++;
                    assertEquals(body.length(), response.body().length(), shape);
                } else {
                    assertTrue(response.body().startsWith("{\"error\":"), response.body());
                }
            }
            assertTrue(served > 0, shape + ": none served");
            assertHealthy();
        }
    }

    /** A JSON array of copies of {@code element} of about {@code size} bytes. */
    private static String worstCase(String element, int size) {
        StringBuilder json = new StringBuilder(size + element.length() + 2).append('[').append(element);
        while (json.length() + element.length() + 2 <= size) {
            json.append(',').append(element);
        }
        return json.append(']').toString();
    }

    @Test
    void nonReadingClients_ofLargeResponses_doNotRunTheServerOutOfMemory() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 24; i++) {
                Socket socket = new Socket("127.0.0.1", server.port);
                socket.setReceiveBufferSize(4096);
                socket.getOutputStream().write(("GET /api/child/shared?as=" + (i % 2 == 0 ? "json" : "bytes")
                        + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                sockets.add(socket); // and never read
            }
            Thread.sleep(1000);

            assertHealthy();
            HttpResponse<byte[]> large = CLIENT.send(HttpRequest.newBuilder(uri("/api/child/shared?as=bytes"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, large.statusCode());
            assertEquals(8 << 20, large.body().length);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        assertHealthy();
    }

    @Test
    void hungHandler_getsA503AtItsTimeLimit_andItsThreadIsInterrupted() throws Exception {
        HttpResponse<String> response = get("/api/child/slow");

        assertEquals(503, response.statusCode());
        assertEquals("{\"error\":\"Handler timed out after 1 s\"}", response.body());
        assertEquals("close", response.headers().firstValue("Connection").orElse(""));
        assertTrue(server.awaitOutput("handler for /api/child/slow ran past its time limit of 1 s: 503 sent"), server.output());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String stats;
        do {
            stats = get("/api/child/slow?stats").body();
        } while (stats.equals("{\"interrupted\":0}") && System.nanoTime() < deadline);
        assertEquals("{\"interrupted\":1}", stats);
        assertHealthy();
    }

    /** A handler still reading a stalled upload at its time limit: the 503 goes out before its read is interrupted. */
    @Test
    void stalledUpload_pastTheTimeLimit_getsThe503() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("POST /api/child/slow HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n[1,").getBytes(StandardCharsets.ISO_8859_1));
            String answer = HostileSockets.readResponse(socket.getInputStream());

            assertTrue(answer.startsWith("HTTP/1.1 503 "), answer);
            assertTrue(answer.endsWith("\r\n\r\n{\"error\":\"Handler timed out after 1 s\"}"), answer);
        }
        assertHealthy();
    }

    /**
     * A handler that ignores its interrupt and runs on: its client gets the 503 and then the end of
     * the connection at once, not when the handler returns; what the handler throws later is no error.
     */
    @Test
    void handlerIgnoringItsInterrupt_clientSeesThe503AndTheClose_atTheLimit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ApiHandler spin = new ApiHandler() {
            @Override
            public void handle(ApiRequest req, ApiResponse res) {
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        // ignored, as a careless handler does
                    }
                }
                res.json("too late"); // refused: the server answered for it
            }

            @Override
            public RouteConfig config() {
                return RouteConfig.defaults().withTimeLimit(Duration.ofSeconds(1));
            }
        };
        try (HostileLog log = new HostileLog(); TestServer spinning = TestServer.of("/api/spin", spin);
                Socket socket = new Socket("127.0.0.1", spinning.server.port())) {
            socket.setSoTimeout(15_000);
            long start = System.nanoTime();
            socket.getOutputStream().write("GET /api/spin HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            HostileSockets.Answer answer = HostileSockets.readUntilClosed(socket.getInputStream(), start);
            boolean stillRunning = release.getCount() > 0;
            release.countDown();

            assertTrue(answer.closed(), "the connection stayed open after the 503: " + answer);
            assertTrue(stillRunning);
            assertEquals(503, answer.status(), answer.toString());
            assertTrue(answer.text().endsWith("{\"error\":\"Handler timed out after 1 s\"}"), answer.toString());
            spinning.assertAlive();
            assertTrue(log.await("handler for /api/spin ran past its time limit of 1 s: 503 sent", 2000) != null);
            for (java.util.logging.LogRecord record : new ArrayList<>(log.records())) { // that line, no stack trace
                assertTrue(record.getLevel().intValue() < java.util.logging.Level.WARNING.intValue()
                        || record.getMessage().startsWith("handler for /api/spin ran past"), record.getLevel() + " " + record.getMessage());
            }
        }
    }

    @Test
    void slowlorisBody_holdsOnlyWhatItSent() throws Exception {
        // Clients that declare 1 MB bodies and send a byte: the server must not reserve the
        // whole declared size for each, or 40 of them would take its memory from everyone.
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket socket = new Socket("127.0.0.1", server.port);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/child/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000000\r\n\r\n[").getBytes(StandardCharsets.ISO_8859_1));
                sockets.add(socket);
            }
            String body = worstCase("{}", 900_000);
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri("/api/child/echo"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertEquals(body, response.body());
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        assertHealthy();
    }
}
