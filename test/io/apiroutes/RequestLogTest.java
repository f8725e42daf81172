package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** {@code --log}: one line per request, through the {@code io.apiroutes} logger. */
@ResourceLock(HostileLog.LOGGER) // tests that run at once must not log into each other's HostileLog
class RequestLogTest {
    private static ApiServer start(boolean log) throws Exception {
        return ApiServer.builder().host("127.0.0.1").port(0).shutdownGrace(Duration.ZERO).requestLog(log)
                .routes(ApiRoutes.builder().route("/api/users/[id]", (req, res) -> res.status(201).send("user " + req.query("id"))).build())
                .start();
    }

    @Test
    void requestLog_on_logsMethodPathStatusBytesAndMillis() throws Exception {
        try (HostileLog log = new HostileLog(); ApiServer server = start(true)) {
            HostileSockets.Answer answer = HostileSockets.send(server.port(),
                    "GET /api/users/42?x=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

            assertEquals(201, answer.status());
            LogRecord line = log.await("GET /api/users/42 201 7 ", 2000);
            assertNotNull(line, "no request line logged");
            assertTrue(line.getMessage().matches("GET /api/users/42 201 7 \\d+\\.\\dms"), line.getMessage());
            assertEquals(java.util.logging.Level.INFO, line.getLevel());
        }
    }

    @Test
    void requestLog_off_logsNothingPerRequest() throws Exception {
        try (HostileLog log = new HostileLog(); ApiServer server = start(false)) {
            HostileSockets.send(server.port(), "GET /api/users/7 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

            assertNull(log.await("GET /api/users/7", 300));
        }
    }
}
