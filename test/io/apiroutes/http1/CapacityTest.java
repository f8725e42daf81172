package io.apiroutes.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.apiroutes.engine.EngineProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the engine holds per connection and how it bounds them: waiting connections keep only the
 * bytes they sent, the cap makes room by closing the connection that waited longest, a full server
 * of busy connections closes new ones at once, and a pool of platform threads never grows past its size.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CapacityTest {
    private static final String GET = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    private final List<Socket> sockets = new ArrayList<>();
    private Http1Server server;

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private Http1Server start(EngineSettings settings, HttpHandler handler) throws IOException {
        server = new Http1Server(settings);
        server.bind(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/", handler);
        server.start();
        return server;
    }

    private Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.getAddress().getPort());
        socket.setSoTimeout(10_000);
        sockets.add(socket);
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void ok(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 2);
        exchange.getResponseBody().write("ok".getBytes(StandardCharsets.ISO_8859_1));
        exchange.close();
    }

    /** One whole response of a keep-alive connection: its head and its 2-byte body. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed after " + text);
            }
            text.append((char) c);
        }
        return text.append(new String(in.readNBytes(2), StandardCharsets.ISO_8859_1)).toString();
    }

    /** Everything until the server closes the connection, or "" when it resets it. */
    private static String readToClose(Socket socket) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            socket.getInputStream().transferTo(all);
        } catch (SocketException e) {
            // a reset ends it too
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, what);
            Thread.sleep(5);
        }
    }

    private int heldBytes() {
        return server.live.stream().mapToInt(Connection::parkedBytes).sum();
    }

    @Test
    void waitingConnections_holdOnlyWhatTheySent() throws Exception {
        start(EngineSettings.defaults(), CapacityTest::ok);
        open();
        Socket half = open();
        Socket idle = open();
        write(half, "GET / HTTP/1.1\r\nHo");
        write(idle, GET);

        assertTrue(readResponse(idle.getInputStream()).endsWith("ok"));
        // the silent and the idle connection hold no buffer once idle for a tick; the half head its 18 bytes in 64
        await(() -> server.live.size() == 3 && heldBytes() == 64, "the waiting connections hold " + heldBytes() + " bytes");
        write(half, "st: x\r\n\r\n");
        assertTrue(readResponse(half.getInputStream()).startsWith("HTTP/1.1 200 OK\r\n"));
        write(idle, GET);
        assertTrue(readResponse(idle.getInputStream()).endsWith("ok"));
    }

    @Test
    void atTheCap_theConnectionWaitingLongestMakesRoom() throws Exception {
        start(EngineSettings.defaults().withConnectionLimits(3, 3), CapacityTest::ok);
        Socket oldest = open();
        write(oldest, "GET / HTTP/1.1\r\n");
        await(() -> server.live.size() == 1, "the first connection is accepted");
        Socket idle = open();
        write(idle, GET);
        readResponse(idle.getInputStream());
        open();
        await(() -> server.live.size() == 3, "three connections are accepted");
        server.evictAfterNanos = 0; // makes room at once, not after the connections have waited 100 ms

        Socket late = open();
        write(late, GET);

        assertTrue(readResponse(late.getInputStream()).endsWith("ok"));
        assertEquals("", readToClose(oldest));
        write(idle, GET);
        assertTrue(readResponse(idle.getInputStream()).endsWith("ok"));
        assertEquals(1, server.evicted.get());
    }

    @Test
    void atTheCapWithEveryConnectionBusy_aNewOneIsClosedAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(2);
        start(EngineSettings.defaults().withConnectionLimits(2, 2), exchange -> {
            busy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ok(exchange);
        });
        Socket first = open();
        Socket second = open();
        write(first, GET);
        write(second, GET);
        assertTrue(busy.await(10, TimeUnit.SECONDS));

        Socket late = open();
        write(late, GET);

        assertEquals("", readToClose(late));
        assertEquals(1, server.refused.get());
        release.countDown();
        assertTrue(readResponse(first.getInputStream()).endsWith("ok"));
        assertTrue(readResponse(second.getInputStream()).endsWith("ok"));
    }

    @Test
    void partialHeadsPastTheirBudget_closeTheLongestWaiting() throws Exception {
        start(EngineSettings.defaults().withWaitingBytes(256), CapacityTest::ok);
        Socket first = open();
        write(first, "GET / HTTP/1.1\r\nX-A: " + "a".repeat(100));
        await(() -> heldBytes() == 128, "the first partial head is held");
        Socket second = open();
        write(second, "GET / HTTP/1.1\r\nX-B: " + "b".repeat(100));
        await(() -> server.live.size() == 2 && heldBytes() == 256, "both partial heads are held");

        Socket third = open();
        write(third, "GET / HTTP/1.1\r\nX-C: " + "c".repeat(100));

        assertEquals("", readToClose(first));
        write(third, "\r\nHost: x\r\n\r\n");
        assertTrue(readResponse(third.getInputStream()).endsWith("ok"));
    }

    @Test
    void platformThreads_neverMoreThanThePoolWhateverWaits() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(2);
        start(EngineSettings.defaults().withThreads(false, 2), exchange -> {
            busy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ok(exchange);
        });
        List<Socket> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Socket socket = open();
            write(socket, GET);
            clients.add(socket);
        }
        assertTrue(busy.await(10, TimeUnit.SECONDS));
        await(() -> server.live.size() == 6, "every client is accepted");

        release.countDown();
        for (Socket socket : clients) {
            assertTrue(readResponse(socket.getInputStream()).endsWith("ok"));
        }
        assertEquals(2, server.largestPool());
    }

    @Test
    void platformThreads_oneAtATimeTraffic_keepsOneThread() throws Exception {
        start(EngineSettings.defaults().withThreads(false, 64), CapacityTest::ok);
        for (int i = 0; i < 20; i++) {
            try (Socket socket = open()) {
                write(socket, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                assertTrue(readToClose(socket).endsWith("ok"));
            }
        }

        // as work comes while no thread is idle, the pool makes up to its base, twice the cores (at least 4)
        assertTrue(server.largestPool() <= Math.max(4, 2 * Runtime.getRuntime().availableProcessors()),
                server.largestPool() + " threads");
    }

    @Test
    void platformThreads_growPastTheBase_whileTheirWorkWaits() throws Exception {
        int clients = 3 * Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch waiting = new CountDownLatch(clients);
        start(EngineSettings.defaults().withThreads(false, 256), exchange -> {
            waiting.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ok(exchange);
        });
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Socket socket = open();
            write(socket, GET);
            sockets.add(socket);
        }

        assertTrue(waiting.await(10, TimeUnit.SECONDS), "every handler runs at once: " + server.largestPool() + " threads");
        release.countDown();
        for (Socket socket : sockets) {
            assertTrue(readResponse(socket.getInputStream()).endsWith("ok"));
        }
    }

    @Test
    void priorityPaths_goAheadOfTheConnectionsWaitingForAThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> served = java.util.Collections.synchronizedList(new ArrayList<>());
        start(EngineSettings.defaults().withThreads(false, 1).withPriorityPaths(java.util.Set.of("/livez")), exchange -> {
            served.add(exchange.getRequestURI().getPath());
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ok(exchange);
        });
        Socket slow = open();
        write(slow, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
        await(() -> served.size() == 1, "the slow request runs");
        List<Socket> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Socket socket = open();
            write(socket, "GET /q" + i + " HTTP/1.1\r\nHost: x\r\n\r\n");
            queued.add(socket);
        }
        await(() -> server.queued() == 3, "three connections wait for the thread");

        Socket probe = open();
        write(probe, "GET /livez?full HTTP/1.1\r\nHost: x\r\n\r\n");
        await(() -> server.queued() == 4, "the probe waits too");
        release.countDown();

        assertTrue(readResponse(probe.getInputStream()).endsWith("ok"));
        for (Socket socket : queued) {
            assertTrue(readResponse(socket.getInputStream()).endsWith("ok"));
        }
        assertEquals(List.of("/slow", "/livez"), served.subList(0, 2));
        assertEquals(java.util.Set.of("/q0", "/q1", "/q2"), java.util.Set.copyOf(served.subList(2, 5)));
    }

    @Test
    void atTheCapWithEveryConnectionBusy_aHealthCheckStillGetsThrough() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(2);
        start(EngineSettings.defaults().withConnectionLimits(2, 2).withPriorityPaths(java.util.Set.of("/livez")), exchange -> {
            if (!exchange.getRequestURI().getPath().equals("/livez")) {
                busy.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ok(exchange);
        });
        Socket first = open();
        Socket second = open();
        write(first, GET);
        write(second, GET);
        assertTrue(busy.await(10, TimeUnit.SECONDS), "live " + server.live.size() + " queued " + server.queued()
                + " largest " + server.largestPool());

        Socket probe = open();
        write(probe, "GET /livez HTTP/1.1\r\nHost: x\r\n\r\n");
        Socket other = open();
        write(other, GET);

        String probed = readToClose(probe);
        assertTrue(probed.startsWith("HTTP/1.1 200 OK\r\n") && probed.contains("\r\nConnection: close\r\n")
                && probed.endsWith("ok"), probed);
        String refused = readToClose(other);
        assertTrue(refused.startsWith("HTTP/1.1 503 Service Unavailable\r\n") && refused.contains("\r\nRetry-After: 1\r\n")
                && refused.endsWith("{\"error\":\"Server is busy\"}"), refused);
        release.countDown();
        String a = readResponse(first.getInputStream());
        String b = readResponse(second.getInputStream());
        assertTrue(a.endsWith("ok") && b.endsWith("ok"), a + " / " + b);
    }

    @Test
    void headsWaitingForAThread_withinTheirBudget_theRestGet503() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        start(EngineSettings.defaults().withThreads(false, 1).withWaitingBytes(1500), exchange -> {
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                busy.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ok(exchange);
        });
        Socket slow = open();
        write(slow, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(busy.await(10, TimeUnit.SECONDS));
        String large = "GET / HTTP/1.1\r\nHost: x\r\nX-Pad: " + "p".repeat(600) + "\r\n\r\n"; // held in 1024 bytes
        Socket queued = open();
        write(queued, large);
        await(() -> server.queued() == 1, "the first large head waits for the thread");

        Socket refused = open();
        write(refused, large);

        String answer = readToClose(refused);
        assertTrue(answer.startsWith("HTTP/1.1 503 Service Unavailable\r\n") && answer.contains("\r\nRetry-After: 1\r\n"), answer);
        release.countDown();
        assertTrue(readResponse(queued.getInputStream()).endsWith("ok"));
        assertTrue(readResponse(slow.getInputStream()).endsWith("ok"));
    }
}
