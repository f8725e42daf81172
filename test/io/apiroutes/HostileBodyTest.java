package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.apiroutes.http.LingeringClose;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile bodies, each against a real server on loopback: past the limits, malformed, too deep, abandoned mid-way. */
@ResourceLock(HostileLog.LOGGER) // tests that run at once must not log into each other's HostileLog
class HostileBodyTest {
    @Test
    void body_deeplyNestedJsonIs400() throws Exception {
        try (TestServer server = HostileRequestTest.echoServer()) {
            HttpResponse<String> response = server.post("/api/echo", "application/json", "[".repeat(100_000));

            assertEquals(400, response.statusCode());
            assertTrue(response.body().startsWith("{\"error\":\"Invalid JSON: Nesting too deep"), response.body());
            server.assertAlive();
        }
    }

    @Test
    void body_malformedFormEscapeIs400() throws Exception {
        try (TestServer server = HostileRequestTest.echoServer()) {
            HttpResponse<String> response = server.post("/api/echo", "application/x-www-form-urlencoded", "a=%ZZ");

            assertEquals(400, response.statusCode());
            assertEquals("{\"error\":\"Malformed form body: malformed percent-escape '%ZZ'\"}", response.body());
            server.assertAlive();
        }
    }

    @Test
    void body_tooManyFormFieldsIs413() throws Exception {
        StringBuilder form = new StringBuilder("f0=0");
        for (int i = 1; i <= 1000; i++) {
            form.append("&f").append(i).append('=').append(i);
        }
        try (TestServer server = HostileRequestTest.echoServer()) {
            HttpResponse<String> response = server.post("/api/echo", "application/x-www-form-urlencoded", form.toString());

            assertEquals(413, response.statusCode());
            assertEquals("{\"error\":\"Too many fields in the form body (at most 1000)\"}", response.body());
            server.assertAlive();
        }
    }

    @Test
    void body_tenTimesTheLimitIs413BeforeTheBodyIsSent() throws Exception {
        try (TestServer server = HostileRequestTest.echoServer()) {
            HostileSockets.Answer answer = HostileRequestTest.send(server, "POST /api/echo HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: " + 10 * RouteConfig.DEFAULT_BODY_SIZE_LIMIT + "\r\n\r\n");

            HostileRequestTest.assertRefused(answer, 413, "{\"error\":\"Body exceeded 1mb limit\"}");
            assertTrue(answer.firstByteMillis() < HostileSockets.PROMPT_MILLIS, answer.toString());
            assertTrue(answer.closeMillis() < LingeringClose.MAX_MILLIS + HostileSockets.PROMPT_MILLIS, answer.toString());
            server.assertAlive();
        }
    }

    /** The JDK answers 100 Continue before any handler or filter runs; the 413 follows at once. */
    @Test
    void body_tenTimesTheLimitWithExpectContinueIs413() throws Exception {
        try (TestServer server = HostileRequestTest.echoServer()) {
            HostileSockets.Answer answer = HostileRequestTest.send(server, "POST /api/echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                    + "Content-Length: " + 10 * RouteConfig.DEFAULT_BODY_SIZE_LIMIT + "\r\n\r\n");
            List<String> responses = HostileSockets.responses(answer.text(), false);

            // apiroutes' engine sends 100 Continue only when the handler reads the body: here, never.
            assertEquals(TestServer.OUR_ENGINE ? 1 : 2, responses.size(), answer.toString());
            if (!TestServer.OUR_ENGINE) {
                assertEquals(100, TestServer.status(responses.get(0)));
            }
            HostileSockets.Answer last = new HostileSockets.Answer(responses.get(responses.size() - 1), answer.closed(),
                    answer.firstByteMillis(), answer.closeMillis());
            HostileRequestTest.assertRefused(last, 413, "{\"error\":\"Body exceeded 1mb limit\"}");
            assertTrue(answer.closeMillis() < LingeringClose.MAX_MILLIS + HostileSockets.PROMPT_MILLIS, answer.toString());
            server.assertAlive();
        }
    }

    @Test
    void body_chunkedPastTheLimitIs413AndTheRestIsNotRead() throws Exception {
        try (TestServer server = HostileRequestTest.echoServer(); Socket socket = HostileSockets.open(server.server.port())) {
            long start = System.nanoTime();
            AtomicLong sent = new AtomicLong();
            // Its own thread, not the common pool: LingeringClose's cut-off runs there.
            CompletableFuture<IOException> writer = new CompletableFuture<>();
            Thread writing = new Thread(() -> writer.complete(writeChunksUntilRefused(socket, start, sent)), "chunked-writer");
            writing.setDaemon(true);
            writing.start();

            HostileSockets.Answer answer = HostileSockets.readUntilClosed(socket.getInputStream(), start);

            HostileRequestTest.assertRefused(answer, 413, "{\"error\":\"Body exceeded 1mb limit\"}");
            assertNotNull(writer.get(WRITE_MILLIS + HostileSockets.PROMPT_MILLIS, TimeUnit.MILLISECONDS),
                    "the server read a body that never ends for " + WRITE_MILLIS + " ms: "
                    + sent.get() + " bytes");
            assertTrue(sent.get() > RouteConfig.DEFAULT_BODY_SIZE_LIMIT, sent.get() + " bytes");
            server.assertAlive();
        }
    }

    /** How long the endless body is sent: the server stops it after 1 MiB and a lingering close. */
    private static final long WRITE_MILLIS = 2 * HostileSockets.PROMPT_MILLIS;

    /** Sends an endless chunked body for up to {@link #WRITE_MILLIS}; returns how the server stopped it, or null if it did not. */
    private static IOException writeChunksUntilRefused(Socket socket, long start, AtomicLong sent) {
        byte[] chunk = ("4000\r\n" + "a".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        try {
            OutputStream out = socket.getOutputStream();
            out.write("POST /api/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            while (HostileSockets.millisSince(start) < WRITE_MILLIS) {
                out.write(chunk);
                sent.addAndGet(chunk.length);
            }
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    @Test
    void body_clientGoneMidBodyIsLoggedAndTheHandlerNeverRuns() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (HostileLog log = new HostileLog();
             TestServer server = TestServer.of("/api/upload", (req, res) -> {
                 calls.incrementAndGet();
                 res.end();
             })) {
            try (Socket socket = HostileSockets.open(server.server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + "a".repeat(1000))
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }

            assertNotNull(log.await("client went away during POST /api/upload", HostileSockets.PROMPT_MILLIS));
            assertEquals(0, calls.get());
            server.assertAlive();
        }
    }

    @Test
    void response_clientGoneMidResponseIsLoggedAndTheHandlerReturns() throws Exception {
        byte[] big = new byte[32 * 1024 * 1024];
        CountDownLatch handlerDone = new CountDownLatch(1);
        try (HostileLog log = new HostileLog();
             TestServer server = TestServer.of("/api/big", (req, res) -> {
                 try {
                     res.send(big);
                 } finally {
                     handlerDone.countDown();
                 }
             })) {
            try (Socket socket = HostileSockets.open(server.server.port())) {
                socket.getOutputStream().write("GET /api/big HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                InputStream in = socket.getInputStream();
                assertEquals(4096, in.readNBytes(4096).length);
                socket.setSoLinger(true, 0); // a reset, as a client that crashed
            }

            assertTrue(handlerDone.await(HostileSockets.PROMPT_MILLIS, TimeUnit.MILLISECONDS), "the handler is still writing to a client that left");
            assertNotNull(log.await("client went away during GET /api/big", HostileSockets.PROMPT_MILLIS));
            server.assertAlive();
        }
    }
}
