package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Streamed answers and server-sent events: each piece reaches the client as it is sent. */
@ResourceLock(HostileLog.LOGGER) // tests that run at once must not log into each other's HostileLog
class StreamingTest {
    private static ApiHandler withStreamLimit(Duration limit, ApiHandler handler) {
        return new ApiHandler() {
            @Override
            public void handle(ApiRequest req, ApiResponse res) throws Exception {
                handler.handle(req, res);
            }

            @Override
            public RouteConfig config() {
                return RouteConfig.defaults().withStreamTimeLimit(limit);
            }
        };
    }

    @Test
    void stream_piecesArriveBeforeTheStreamEnds() throws Exception {
        CountDownLatch firstRead = new CountDownLatch(1);
        try (TestServer server = TestServer.of("/api/rows", (req, res) -> {
            OutputStream out = res.stream("application/x-ndjson");
            out.write("{\"row\":1}\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            firstRead.await(20, TimeUnit.SECONDS);
            out.write("{\"row\":2}\n".getBytes(StandardCharsets.UTF_8));
            // not closed: the server ends the stream when the handler returns
        })) {
            HttpResponse<java.util.stream.Stream<String>> response = server.send(
                    HttpRequest.newBuilder(server.uri("/api/rows")), HttpResponse.BodyHandlers.ofLines());

            assertEquals(200, response.statusCode());
            assertEquals("application/x-ndjson", response.headers().firstValue("Content-Type").orElse(""));
            assertEquals("chunked", response.headers().firstValue("Transfer-Encoding").orElse(""));
            var lines = response.body().iterator();
            assertEquals("{\"row\":1}", lines.next());
            firstRead.countDown();
            assertEquals("{\"row\":2}", lines.next());
            assertFalse(lines.hasNext());
        }
    }

    @Test
    void sse_eventsArriveOneByOne_withIdEventAndRetry() throws Exception {
        CountDownLatch firstRead = new CountDownLatch(1);
        try (HostileLog log = new HostileLog(); TestServer server = TestServer.of("/api/events", (req, res) -> {
            ServerSentEvents events = res.sse();
            events.retry(Duration.ofSeconds(3)).send("hello");
            firstRead.await(20, TimeUnit.SECONDS);
            events.send("7", "update", Map.of("n", 1)).send("two\nlines");
            events.close();
        })) {
            HttpResponse<java.util.stream.Stream<String>> response = server.send(
                    HttpRequest.newBuilder(server.uri("/api/events")), HttpResponse.BodyHandlers.ofLines());

            assertEquals("text/event-stream; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
            assertEquals("no-cache", response.headers().firstValue("Cache-Control").orElse(""));
            var lines = response.body().iterator();
            assertEquals(List.of("retry: 3000", "", "data: hello", ""), take(lines, 4));
            firstRead.countDown();
            assertEquals(List.of("id: 7", "event: update", "data: {\"n\":1}", "", "data: two", "data: lines", ""),
                    take(lines, 7));
            assertFalse(lines.hasNext());
            assertNull(log.await("returned without sending", 300));
        }
    }

    private static List<String> take(java.util.Iterator<String> lines, int n) {
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            taken.add(lines.next());
        }
        return taken;
    }

    @Tag("slow") // waits for the 15 s heartbeat
    @Test
    void sse_heartbeatComment_whileNothingIsSent() throws Exception {
        try (TestServer server = TestServer.of("/api/quiet", (req, res) -> {
            ServerSentEvents events = res.sse();
            Thread.sleep(ServerSentEvents.HEARTBEAT_NANOS / 1_000_000 + 3000);
            events.send("done");
        })) {
            try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write("GET /api/quiet HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                List<String> seen = new ArrayList<>();
                String line;
                while ((line = in.readLine()) != null && !line.equals("data: done")) {
                    seen.add(line);
                }

                assertTrue(seen.contains(":"), "no heartbeat comment before the event: " + seen);
            }
        }
    }

    @Test
    void sse_clientThatLeaves_endsTheHandlersLoop_withoutAnErrorInTheLog() throws Exception {
        AtomicReference<String> ended = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        try (HostileLog log = new HostileLog(); TestServer server = TestServer.of("/api/ticks", (req, res) -> {
            ServerSentEvents events = res.sse();
            try {
                for (int i = 0; i < 10_000 && events.open(); i++) {
                    events.send(i);
                    Thread.sleep(20);
                }
                ended.set(events.open() ? "loop ran out" : "open() went false");
            } catch (java.io.UncheckedIOException e) {
                ended.set("send threw");
                throw e;
            } finally {
                done.countDown();
            }
        })) {
            try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
                socket.getOutputStream().write("GET /api/ticks HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                socket.getInputStream().read(new byte[200]);
            }

            assertTrue(done.await(20, TimeUnit.SECONDS), "the handler did not notice the client left");
            assertTrue(ended.get().equals("send threw") || ended.get().equals("open() went false"), ended.get());
            for (LogRecord record : new ArrayList<>(log.records())) {
                assertTrue(record.getLevel().intValue() < Level.WARNING.intValue(), record.getLevel() + " " + record.getMessage());
            }
            server.assertAlive();
        }
    }

    @Test
    void stream_pastItsRoutesTimeLimit_isCutOff_andTheHandlerStops() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        try (TestServer server = TestServer.of("/api/endless", withStreamLimit(Duration.ofSeconds(1), (req, res) -> {
            ServerSentEvents events = res.sse();
            try {
                while (events.open()) {
                    events.send("tick");
                    Thread.sleep(50);
                }
            } finally {
                stopped.countDown();
            }
        }))) {
            try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write("GET /api/endless HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                String text = TestServer.readAll(socket.getInputStream());

                assertTrue(text.contains("data: tick"), text);
                assertFalse(text.endsWith("0\r\n\r\n"), "a cut-off stream must not end like a complete one");
            }
            assertTrue(stopped.await(20, TimeUnit.SECONDS));
        }
    }

    /** HEAD answers an event stream's headers, and the handler's loop ends at once instead of running for nothing. */
    @Test
    void head_ofAnEventStream_endsTheHandlersLoop_andTheConnectionGoesOn() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<String> ended = new AtomicReference<>("not yet");
        try (HostileLog log = new HostileLog(); TestServer server = TestServer.of("/api/feed", (req, res) -> {
            ServerSentEvents events = res.sse();
            try {
                while (events.open()) {
                    events.send("tick");
                    Thread.sleep(50);
                }
                ended.set("open() went false");
            } catch (java.io.UncheckedIOException e) {
                ended.set("send threw");
            } finally {
                stopped.countDown();
            }
        })) {
            try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write("HEAD /api/feed HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                String head = HostileSockets.readResponse(socket.getInputStream());

                assertTrue(head.startsWith("HTTP/1.1 200"), head);
                assertTrue(head.contains("text/event-stream"), head);
                assertTrue(stopped.await(20, TimeUnit.SECONDS), "the handler's loop went on after the HEAD answer");
                assertTrue(ended.get().equals("open() went false") || ended.get().equals("send threw"), ended.get());
                out.write("GET /api/feed2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                assertTrue(TestServer.readAll(socket.getInputStream()).startsWith("HTTP/1.1 404"));
            }
            for (LogRecord record : new ArrayList<>(log.records())) {
                assertTrue(record.getLevel().intValue() < Level.WARNING.intValue(), record.getLevel() + " " + record.getMessage());
            }
        }
    }

    /**
     * A quiet stream whose handler waits for an event that never comes is still cut off at its
     * limit, and the handler interrupted; what it throws then is no error in the log.
     */
    @Test
    @Tag("slow") // waits out a stream limit, 2 s
    void stream_quietPastItsLimit_interruptsTheWaitingHandler() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        try (HostileLog log = new HostileLog(); TestServer server = TestServer.of("/api/waits", withStreamLimit(Duration.ofSeconds(1), (req, res) -> {
            res.sse().send("first");
            try {
                new CountDownLatch(1).await(); // an event queue that stays empty
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw new ApiException(503, "stream stopped");
            }
        }))) {
            try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write("GET /api/waits HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                String text = TestServer.readAll(socket.getInputStream());

                assertTrue(text.contains("data: first"), text);
                assertFalse(text.endsWith("0\r\n\r\n"), "a cut-off stream must not end like a complete one");
            }
            assertTrue(interrupted.await(20, TimeUnit.SECONDS), "the handler was not interrupted");
            server.assertAlive();
            assertTrue(server.server.stop(Duration.ofSeconds(10)), "the handler did not end"); // then its failure is logged, if at all
            for (LogRecord record : new ArrayList<>(log.records())) {
                assertTrue(record.getLevel().intValue() < Level.WARNING.intValue(), record.getLevel() + " " + record.getMessage());
            }
        }
    }

    /** A HEAD to an event stream whose handler only waits: the handler is still interrupted at the stream time limit. */
    @Test
    void head_ofAQuietEventStream_interruptsTheWaitingHandlerAtItsLimit() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        try (TestServer server = TestServer.of("/api/quiet", withStreamLimit(Duration.ofSeconds(1), (req, res) -> {
            res.sse();
            try {
                new CountDownLatch(1).await(); // an event queue that stays empty
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        }))) {
            HostileSockets.Answer answer = HostileSockets.send(server.server.port(),
                    "HEAD /api/quiet HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

            assertEquals(200, answer.status(), answer.toString());
            assertTrue(interrupted.await(20, TimeUnit.SECONDS), "the waiting handler was never interrupted");
            server.assertAlive();
        }
    }

    /** The headers of an event stream reach the client before its first event, so that an EventSource opens at once. */
    @Test
    void sse_headersArriveBeforeTheFirstEvent() throws Exception {
        CountDownLatch headSeen = new CountDownLatch(1);
        try (TestServer server = TestServer.of("/api/later", (req, res) -> {
            ServerSentEvents events = res.sse();
            headSeen.await(20, TimeUnit.SECONDS);
            events.send("first");
        })) {
            try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("GET /api/later HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                String head = HostileSockets.readResponse(socket.getInputStream()); // up to the empty line: chunked has no length

                assertTrue(head.startsWith("HTTP/1.1 200"), head);
                assertTrue(head.contains("text/event-stream"), head);
                headSeen.countDown();
                assertTrue(TestServer.readAll(socket.getInputStream()).contains("data: first"));
            }
        }
    }

    @Test
    void head_ofAStream_sendsHeadersOnly() throws IOException {
        try (TestServer server = TestServer.of("/api/s", (req, res) -> {
            OutputStream out = res.stream("text/plain");
            out.write("body".getBytes(StandardCharsets.UTF_8));
        })) {
            HostileSockets.Answer answer = HostileSockets.send(server.server.port(),
                    "HEAD /api/s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

            assertEquals(200, answer.status(), answer.toString());
            assertEquals("", answer.body());
        }
    }
}
