package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.apiroutes.http.LingeringClose;
import io.apiroutes.jdk.GrowingThreadPool;
import io.apiroutes.jdk.ServerExecutors;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clients that stall: the JDK reads a request's line and headers on the executor's threads, so
 * each stalled client holds one until {@code maxReqTime}. A normal request must still be answered
 * promptly, on the growing pool (Java 17 to 23) and on virtual threads (24 and later).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlowClientTest {
    private static final int STALLED = 20;
    /** Far below the JDK's 30 s request limit, which a request stuck behind stalled clients would wait for. */
    private static final long PROMPT_MILLIS = HostileSockets.PROMPT_MILLIS;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(HostileSockets.TIMEOUT_MILLIS)).build();

    private static final ApiRoutes ROUTES = ApiRoutes.builder().route("/api/x", (req, res) -> res.json("x")).build();

    private static ApiServer start(ExecutorService executor) throws IOException {
        return ApiServer.builder().routes(ROUTES).host("127.0.0.1").port(0).executor(executor)
                .shutdownGrace(Duration.ZERO).start();
    }

    /** Opens connections that send the start of a request and then nothing. */
    private static List<Socket> stall(int port, String... starts) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < STALLED; i++) {
            Socket socket = HostileSockets.open(port);
            sockets.add(socket);
            socket.getOutputStream().write(starts[i % starts.length].getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        }
        return sockets;
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    /** Times a normal request on a new connection and checks its answer. */
    private static long timeNormalRequest(int port) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/x"))
                .timeout(Duration.ofMillis(HostileSockets.TIMEOUT_MILLIS)).build(), HttpResponse.BodyHandlers.ofString());
        long millis = HostileSockets.millisSince(start);
        assertEquals(200, response.statusCode());
        assertEquals("\"x\"", response.body());
        return millis;
    }

    private static void assertAnswersWhileClientsStall(ExecutorService executor, String... starts) throws Exception {
        ApiServer server = start(executor);
        List<Socket> stalled = List.of();
        try {
            stalled = stall(server.port(), starts);

            long millis = timeNormalRequest(server.port());

            assertTrue(millis < PROMPT_MILLIS, "a normal request took " + millis + " ms beside " + STALLED + " stalled clients");
        } finally {
            closeAll(stalled);
            server.stop(Duration.ZERO);
            executor.shutdownNow();
        }
    }

    @Test
    void growingPool_answersWhileClientsStallMidRequestLine() throws Exception {
        assertAnswersWhileClientsStall(GrowingThreadPool.create(4, 512), "GET /api/x HT");
    }

    @Test
    void growingPool_answersWhileClientsStallMidHeaders() throws Exception {
        assertAnswersWhileClientsStall(GrowingThreadPool.create(4, 512), "GET /api/x HTTP/1.1\r\nHost: x\r\nX-Slow: a");
    }

    /** On 21 to 23 virtual threads pin their carrier in the JDK's synchronized reads: that is why they start at 24. */
    @Test
    void virtualThreads_answerWhileClientsStall() throws Throwable {
        assumeTrue(Runtime.version().feature() >= 24, "virtual threads are the default from Java 24");
        ExecutorService virtual = (ExecutorService) ServerExecutors.virtualThreadFactory().invoke();
        assertAnswersWhileClientsStall(virtual, "GET /api/x HT", "GET /api/x HTTP/1.1\r\nHost: x\r\nX-Slow: a");
    }

    /**
     * 60 keep-alive clients of a handler that blocks 50 ms: 4 threads complete work at every look
     * of the watchdog, so it must grow because queued work waits (over 100 ms), not for lack of
     * progress; 20 threads keep the wait under 100 ms. The clients call until the pool has grown
     * or for at most 30 s, so that a slow machine gets the time it needs.
     */
    @Test
    void growingPool_growsForHandlersThatBlock() throws Exception {
        GrowingThreadPool pool = GrowingThreadPool.create(4, 512);
        ApiServer server = ApiServer.builder().host("127.0.0.1").port(0).executor(pool).shutdownGrace(Duration.ZERO)
                .routes(ApiRoutes.builder().route("/api/slow", (req, res) -> {
                    Thread.sleep(50);
                    res.json("slow");
                }).build()).start();
        List<CompletableFuture<Integer>> clients = new ArrayList<>();
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (int i = 0; i < 60; i++) {
                CompletableFuture<Integer> client = new CompletableFuture<>();
                Thread thread = new Thread(() -> client.complete(callUntil(server.port(), end, pool)), "slow-handler-client-" + i);
                thread.setDaemon(true);
                thread.start();
                clients.add(client);
            }
            int calls = 0;
            for (CompletableFuture<Integer> client : clients) {
                calls += client.get(45, TimeUnit.SECONDS);
            }

            assertTrue(pool.getLargestPoolSize() >= GROWN, calls + " calls on at most " + pool.getLargestPoolSize() + " threads");
        } finally {
            server.stop(Duration.ZERO);
            pool.shutdownNow();
        }
    }

    private static final int GROWN = 20;

    /** Calls /api/slow on one keep-alive connection until the pool has grown or {@code end}; the number of answers. */
    private static int callUntil(int port, long end, GrowingThreadPool pool) {
        int calls = 0;
        try (Socket socket = HostileSockets.open(port)) {
            while (pool.getLargestPoolSize() < GROWN && System.nanoTime() - end < 0) {
                socket.getOutputStream().write("GET /api/slow HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                assertEquals("\"slow\"", TestServer.body(HostileSockets.readResponse(socket.getInputStream())));
                calls++;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return calls;
    }

    @Test
    void defaultExecutor_answersWhileClientsStall() throws Exception {
        try (TestServer server = new TestServer(ROUTES)) {
            List<Socket> stalled = stall(server.server.port(), "GET /api/x HT", "GET /api/x HTTP/1.1\r\nHost: x\r\nX-Slow: a");
            try {
                long millis = timeNormalRequest(server.server.port());

                assertTrue(millis < PROMPT_MILLIS, server.server.executorDescription() + ": a normal request took "
                        + millis + " ms beside " + STALLED + " stalled clients");
            } finally {
                closeAll(stalled);
            }
            server.assertAlive();
        }
    }

    /** After a 413 the connection closes within the lingering-close bound, not after the JDK's 64 KB drain. */
    @Test
    void stalledBodyAfter413_connectionClosesPromptly() throws Exception {
        try (TestServer server = new TestServer(ROUTES); Socket socket = HostileSockets.open(server.server.port())) {
            long start = System.nanoTime();
            socket.getOutputStream().write(("POST /api/x HTTP/1.1\r\nHost: x\r\nContent-Length: "
                    + 10 * RouteConfig.DEFAULT_BODY_SIZE_LIMIT + "\r\n\r\n" + "a".repeat(1000)).getBytes(StandardCharsets.ISO_8859_1));

            HostileSockets.Answer answer = HostileSockets.readUntilClosed(socket.getInputStream(), start);

            assertEquals(413, answer.status(), answer.toString());
            assertEquals("{\"error\":\"Body exceeded 1mb limit\"}", answer.body());
            assertTrue(answer.closesConnection(), answer.toString());
            assertTrue(answer.closed() && answer.closeMillis() < LingeringClose.MAX_MILLIS + PROMPT_MILLIS, answer.toString());
            server.assertAlive();
        }
    }

    @Test
    void keepAlive_servesRequestsWithAndWithoutBodiesOnOneConnection() throws Exception {
        ApiRoutes routes = ApiRoutes.builder().route("/api/echo", (req, res) -> res.json(req.body())).build();
        try (TestServer server = new TestServer(routes); Socket socket = HostileSockets.open(server.server.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            List<String> answers = new ArrayList<>();
            for (String request : List.of("GET /api/echo HTTP/1.1\r\nHost: x\r\n\r\n",
                    "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\n[1]",
                    "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "3\r\n[2]\r\n0\r\n\r\n",
                    "GET /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
                    "GET /api/nothing HTTP/1.1\r\nHost: x\r\n\r\n",
                    "GET /api/echo HTTP/1.1\r\nHost: x\r\n\r\n")) {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                answers.add(HostileSockets.readResponse(in));
            }

            assertEquals(List.of("null", "[1]", "[2]", "null", "{\"error\":\"Not Found\"}", "null"),
                    answers.stream().map(TestServer::body).toList());
            for (String answer : answers) {
                assertFalse(answer.toLowerCase().contains("connection: close"), answer);
            }
        }
    }

    /** The JDK closes after a request that asks it to, without saying so; apiroutes says so (RFC 9112 §9.6). */
    @Test
    void keepAlive_aClientThatAsksToCloseIsToldTheConnectionCloses() throws Exception {
        try (TestServer server = new TestServer(ROUTES)) {
            HostileSockets.Answer answer = HostileSockets.send(server.server.port(),
                    "GET /api/x HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, close\r\n\r\n");

            assertEquals(200, answer.status(), answer.toString());
            assertTrue(answer.closesConnection() && answer.closed(), answer.toString());
        }
    }

    /** A handler that leaves the body unread: the server closes the connection rather than read or trust it. */
    @Test
    void keepAlive_endsAfterABodyTheHandlerLeftUnread() throws Exception {
        ApiHandler ignoresBody = new ApiHandler() {
            @Override
            public void handle(ApiRequest req, ApiResponse res) {
                res.json("ignored");
            }

            @Override
            public RouteConfig config() {
                return RouteConfig.defaults().withoutBodyParser();
            }
        };
        try (TestServer server = TestServer.of("/api/ignore", ignoresBody); Socket socket = HostileSockets.open(server.server.port())) {
            long start = System.nanoTime();
            socket.getOutputStream().write(("POST /api/ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab")
                    .getBytes(StandardCharsets.ISO_8859_1));

            HostileSockets.Answer answer = HostileSockets.readUntilClosed(socket.getInputStream(), start);

            assertEquals(200, answer.status(), answer.toString());
            assertTrue(answer.closed() && answer.closeMillis() < PROMPT_MILLIS, answer.toString());
            server.assertAlive();
        }
    }
}
