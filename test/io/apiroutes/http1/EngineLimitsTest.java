package io.apiroutes.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.apiroutes.ApiRoutes;
import io.apiroutes.HostileLog;
import io.apiroutes.engine.EngineProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The engine's limits through sockets: time limits per server, idle and response limits, the connection count and cap, stalled clients, stop. */
@ResourceLock(HostileLog.LOGGER) // tests that run at once must not log into each other's HostileLog
class EngineLimitsTest {

    /** Time limits belong to a server: one of 1 s closes idle and stalled connections, one of defaults beside it does not. */
    @Test
    void timeouts_arePerServer() throws Exception {
        Http1Server quick = EngineTest.start(new EngineProvider().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1)), "/", EngineTest.ECHO);
        Http1Server patient = EngineTest.start(new EngineProvider(), "/", EngineTest.ECHO);
        try (Socket idle = EngineTest.open(quick); Socket stalled = EngineTest.open(quick); Socket other = EngineTest.open(patient)) {
            EngineTest.write(idle, "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            EngineTest.readHead(idle.getInputStream());
            EngineTest.write(stalled, "GET / HT");
            EngineTest.write(other, "GET / HT");
            other.setSoTimeout(700); // read once the quick server closed its two: past its 1 s limit and a tick

            assertEquals("", EngineTest.readToClose(idle));
            assertEquals("", EngineTest.readToClose(stalled));
            assertThrows(SocketTimeoutException.class, () -> other.getInputStream().read());
        } finally {
            quick.stop(0);
            patient.stop(0);
        }
    }

    /** A streamed (chunked) response lasts past the response time limit while it keeps writing: the limit is per write. */
    @Test
    @Tag("slow") // a stream written past the limit takes 1.8 s
    void responseLimit_boundsEachWriteOfAStream_notTheWholeStream() throws Exception {
        Http1Server server = EngineTest.start(new EngineProvider().withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(1),
                Duration.ofSeconds(30)), "/", exchange -> {
                    exchange.sendResponseHeaders(200, 0);
                    try {
                        for (int i = 0; i < 6; i++) { // 1.8 s in all, past the 1 s limit and its tick
                            exchange.getResponseBody().write(("piece " + i + "\n").getBytes(StandardCharsets.ISO_8859_1));
                            exchange.getResponseBody().flush();
                            Thread.sleep(300);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.close();
                });
        try (Socket socket = EngineTest.open(server)) {
            EngineTest.write(socket, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            String text = EngineTest.readToClose(socket);

            assertTrue(text.contains("piece 5\n") && text.endsWith("\r\n0\r\n\r\n"), text);
        } finally {
            server.stop(0);
        }
    }

    /** Past the idle limit a response says Connection: close, and its connection closes. */
    @Test
    void idleLimit_closesWithConnectionClose() throws Exception {
        Http1Server server = EngineTest.start(new EngineProvider().withConnectionLimits(100, 1), "/", EngineTest.ECHO);
        try (Socket first = EngineTest.open(server)) {
            EngineTest.write(first, "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            String kept = EngineTest.readHead(first.getInputStream());
            for (int i = 0; i < 1000 && server.idle.get() < 1; i++) {
                Thread.sleep(5);
            }
            String closed = EngineTest.exchangeOnce(server, "GET / HTTP/1.1\r\nHost: a\r\n\r\n");

            assertFalse(kept.contains("Connection: close"), kept);
            assertTrue(closed.contains("\r\nConnection: close\r\n"), closed);
        } finally {
            server.stop(0);
        }
    }

    /** A connection counts from accept to close and nothing else: clients that leave mid-body leave no slot taken. */
    @Test
    @Tag("slow") // 3 s of churn; make check runs it on both engines
    void connections_areCountedFromAcceptToCloseOnly() throws Exception {
        // a cap above the churn: a connection the client closed may still wait to be accepted
        Http1Server server = EngineTest.start(new EngineProvider().withConnectionLimits(250, 250), "/", EngineTest.ECHO);
        try {
            for (int i = 0; i < 200; i++) {
                try (Socket socket = EngineTest.open(server)) {
                    EngineTest.write(socket, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\nabc");
                }
            }
            for (int i = 0; i < 1000 && !server.live.isEmpty(); i++) {
                Thread.sleep(5);
            }

            assertEquals(0, server.live.size());
            String answer = EngineTest.exchangeOnce(server, "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 200 OK"), "[" + answer + "] refused " + server.refused + " evicted "
                    + server.evicted + " queuedBytes " + server.queuedBytes + " live " + server.live.size());
        } finally {
            server.stop(0);
        }
    }

    /** At the connection cap the server stops accepting, and serves the waiting client once a connection closes. */
    @Test
    void connectionCap_aNewConnectionIsClosedAtOnce_whileTheOthersHaveJustCome() throws Exception {
        Http1Server server = EngineTest.start(new EngineProvider().withConnectionLimits(3, 3), "/", EngineTest.ECHO);
        server.evictAfterNanos = TimeUnit.MINUTES.toNanos(1); // none has waited long enough to make room
        List<Socket> held = new ArrayList<>();
        try (Socket refused = new Socket()) {
            for (int i = 0; i < 3; i++) {
                held.add(EngineTest.open(server));
                EngineTest.write(held.get(i), "GET / HT");
            }
            for (int i = 0; i < 1000 && server.live.size() < 3; i++) {
                Thread.sleep(5);
            }
            refused.connect(server.getAddress(), 5000);
            refused.setSoTimeout(10_000);
            EngineTest.write(refused, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

            assertEquals("", EngineTest.readToClose(refused));
            assertEquals(1, server.refused.get());
            EngineTest.write(held.get(0), "TP/1.1\r\nHost: a\r\n\r\n");
            assertTrue(EngineTest.readHead(held.get(0).getInputStream()).startsWith("HTTP/1.1 200 OK"));
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
            server.stop(0);
        }
    }

    /** 1000 clients stalled mid-request-line: normal requests are still answered, on either kind of thread. */
    @Tag("slow") // 1000 stalled connections: tens of seconds
    @Test
    void stalledClients_doNotStopTheOthers() throws Exception {
        List<EngineProvider> providers = new ArrayList<>(List.of(new EngineProvider().withVirtualThreads(false)));
        if (Runtime.version().feature() >= 21) {
            providers.add(new EngineProvider().withVirtualThreads(true));
        }
        for (EngineProvider provider : providers) {
            Http1Server server = EngineTest.start(provider, "/", EngineTest.ECHO);
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 1000; i++) {
                    Socket socket = EngineTest.open(server);
                    stalled.add(socket);
                    EngineTest.write(socket, "GET / HT");
                }
                for (int i = 0; i < 5; i++) {
                    assertTrue(EngineTest.exchangeOnce(server, "GET / HTTP/1.1\r\nHost: a\r\n\r\n").startsWith("HTTP/1.1 200 OK"),
                            server.toString());
                }
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
                server.stop(0);
            }
        }
    }

    /** stop(delay): idle connections close at once, the exchange in flight finishes and says Connection: close. */
    @Test
    void stop_closesIdleConnectionsAndLetsTheExchangeInFlightFinish() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        Http1Server server = EngineTest.start(new EngineProvider(), "/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                entered.countDown();
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            EngineTest.ECHO.handle(exchange);
        });
        try (Socket idle = EngineTest.open(server); Socket busy = EngineTest.open(server)) {
            EngineTest.write(idle, "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            EngineTest.readHead(idle.getInputStream());
            EngineTest.write(busy, "GET /slow HTTP/1.1\r\nHost: a\r\n\r\n");
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> server.stop(10));

            assertEquals("", EngineTest.readToClose(idle));
            String answer = EngineTest.readToClose(busy);
            stopped.get(10, TimeUnit.SECONDS);

            assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n") && answer.contains("\r\nConnection: close\r\n"), answer);
            assertTrue(server.live.isEmpty());
        } finally {
            server.stop(0);
        }
    }
}
