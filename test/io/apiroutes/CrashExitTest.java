package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
