package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apiroutes.testing.ApiTest;
import io.apiroutes.testing.EventStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** One topic of server-sent events for many clients, through real HTTP. */
@ResourceLock(HostileLog.LOGGER) // tests that run at once must not log into each other's HostileLog
class EventChannelTest {
    private final EventChannel channel = new EventChannel(3);
    private final CountDownLatch ended = new CountDownLatch(1);

    private ApiTest serve() {
        return ApiTest.start(ApiRoutes.builder().route("/api/changes", (req, res) -> {
            try {
                channel.join(req, res);
            } finally {
                ended.countDown();
            }
        }).build());
    }

    /** Waits until {@code n} streams joined: a client's headers arrive before its handler registers. */
    private void awaitStreams(int n) throws InterruptedException {
        for (int i = 0; i < 1000 && channel.streams() != n; i++) {
            Thread.sleep(10);
        }
        assertEquals(n, channel.streams());
    }

    @Test
    void publish_reachesEveryOpenStreamWithItsIdInOrder() throws Exception {
        try (ApiTest api = serve(); EventStream a = api.events("/api/changes"); EventStream b = api.events("/api/changes")) {
            assertEquals(200, a.status());
            awaitStreams(2);

            assertEquals(1, channel.publish("todo", Map.of("title", "milk")));
            assertEquals(2, channel.publish(null, "plain\ntext"));

            for (EventStream events : List.of(a, b)) {
                assertEquals(new EventStream.Event("1", "todo", "{\"title\":\"milk\"}"), events.next());
                assertEquals(new EventStream.Event("2", null, "plain\ntext"), events.next());
            }
        }
    }

    @Test
    void join_withLastEventId_replaysWhatWasMissedFromTheBuffer() throws Exception {
        for (int i = 1; i <= 5; i++) {
            channel.publish("n", i); // the buffer keeps the last 3: ids 3, 4, 5
        }
        try (ApiTest api = serve();
             EventStream resumed = api.events("/api/changes", "Last-Event-ID", "3");
             EventStream tooOld = api.events("/api/changes", "Last-Event-ID", "1");
             EventStream fresh = api.events("/api/changes")) {
            awaitStreams(3);
            channel.publish("n", 6);

            assertEquals(List.of("4", "5", "6"), List.of(resumed.next().id(), resumed.next().id(), resumed.next().id()));
            assertEquals(List.of("3", "4", "5", "6"),
                    List.of(tooOld.next().id(), tooOld.next().id(), tooOld.next().id(), tooOld.next().id()),
                    "an id older than the buffer gets all it keeps");
            assertEquals("6", fresh.next().id(), "a new client gets only what comes");
        }
    }

    @Test
    void aClientThatDoesNotRead_isDroppedWithoutSlowingTheOthers() throws Exception {
        String big = "x".repeat(64 * 1024);
        try (ApiTest api = serve(); EventStream reader = api.events("/api/changes");
             Socket stalled = new Socket("127.0.0.1", api.port())) {
            stalled.setReceiveBufferSize(4096);
            OutputStream out = stalled.getOutputStream();
            out.write("GET /api/changes HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitStreams(2);

            int count = EventChannel.QUEUE + 200;
            for (int i = 1; i <= count; i++) {
                channel.publish("big", big); // never waits for the stalled client
                assertEquals(String.valueOf(i), reader.next().id(), "the reading client keeps up");
            }

            awaitStreams(1); // the stalled one fell a queue behind and was dropped
        }
    }

    @Test
    void streams_endCleanlyWhenTheServerStops() throws Exception {
        try (HostileLog log = new HostileLog()) {
            ApiTest api = serve();
            EventStream events = api.events("/api/changes");
            awaitStreams(1);

            api.close();

            assertTrue(ended.await(10, TimeUnit.SECONDS), "the handler returned");
            assertEquals(0, channel.streams());
            events.close();
            assertTrue(log.records().stream().noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()),
                    "no warning or error for a stream the stop ended: " + log.records().stream().map(r -> r.getLevel() + " " + r.getMessage() + " " + r.getThrown()).toList());
        }
    }

    @Test
    void streams_endWhenTheServerServesNewRoutes() throws Exception {
        ApiRoutes routes = ApiRoutes.builder().route("/api/changes", (req, res) -> {
            try {
                channel.join(req, res);
            } finally {
                ended.countDown();
            }
        }).build();
        try (TestServer server = new TestServer(routes)) {
            var response = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/api/changes")),
                    java.net.http.HttpResponse.BodyHandlers.ofLines());
            awaitStreams(1);

            server.server.replaceRoutes(ApiRoutes.builder().route("/api/changes", (req, res) -> res.end()).build());

            assertTrue(ended.await(10, TimeUnit.SECONDS), "the old code's stream ended, for the client to reconnect");
            assertEquals(0, response.body().filter(line -> line.startsWith("data:")).count(), "and its client saw the end");
        }
    }

    @Test
    void newChannel_refusesANegativeReplay() {
        assertThrows(IllegalArgumentException.class, () -> new EventChannel(-1));
    }
}
