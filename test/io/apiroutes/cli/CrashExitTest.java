package io.apiroutes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apiroutes.ChildServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A JVM whose thread died of an {@code Error} exits non-zero, so that a supervisor restarts it. */
class CrashExitTest {
    @Test
    void main_aThreadDiesOfAnError_exitsWith70() throws Exception {
        try (ChildServer server = ChildServer.start()) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + "/api/child/crash"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, answer.statusCode());
            assertEquals(70, server.awaitExit(30), server.output());
            assertTrue(server.output().contains("thread doomed died of java.lang.OutOfMemoryError"), server.output());
        }
    }

    /** Threads that serve one request or connection are replaced by their pool: their Error is logged, not an exit. */
    @Test
    void runsExchanges_namesTheThreadsOfOneRequestOrConnection_only() {
        for (String name : new String[] {"", "apiroutes-1", "apiroutes-512", "apiroutes-engine-worker", "apiroutes-heartbeat", "apiroutes-timeout"}) {
            assertTrue(Main.runsExchanges(new Thread(() -> { }, name)), name);
        }
        for (String name : new String[] {"apiroutes-engine-8080", "apiroutes-watchdog", "apiroutes-pool-watchdog", "HTTP-Dispatcher", "doomed"}) {
            assertFalse(Main.runsExchanges(new Thread(() -> { }, name)), name);
        }
    }
}
