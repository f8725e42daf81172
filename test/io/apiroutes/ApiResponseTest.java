package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apiroutes.http.ErrorBody;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock(HostileLog.LOGGER) // tests that run at once must not log into each other's HostileLog
class ApiResponseTest {

    @Test
    void json_sendsStatusHeadersAndExactLength() throws Exception {
        record Created(long id) {}
        try (TestServer server = TestServer.of("/api/x", (req, res) ->
                res.status(201).setHeader("X-Trace", "t1").json(new Created(7)))) {
            HttpResponse<String> response = server.get("/api/x");

            assertEquals(201, response.statusCode());
            assertEquals("{\"id\":7}", response.body());
            assertEquals("t1", response.headers().firstValue("X-Trace").orElseThrow());
            assertEquals("8", response.headers().firstValue("Content-Length").orElseThrow());
            assertFalse(response.headers().firstValue("Transfer-Encoding").isPresent());
        }
    }

    @Test
    void json_keepsAContentTypeTheHandlerSet() throws Exception {
        try (TestServer server = TestServer.of("/api/x", (req, res) ->
                res.setHeader("Content-Type", "application/problem+json").status(422).json(List.of("bad")))) {
            HttpResponse<String> response = server.get("/api/x");

            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("[\"bad\"]", response.body());
        }
    }

    @Test
    void send_stringBytesNullAndObjects() throws Exception {
        try (TestServer server = new TestServer(ApiRoutes.builder()
                .route("/api/text", (req, res) -> res.send("h\u00e9llo"))
                .route("/api/bytes", (req, res) -> res.send(new byte[] {1, 2, 3}))
                .route("/api/null", (req, res) -> res.status(202).send(null))
                .route("/api/object", (req, res) -> res.send(List.of(1, 2)))
                .build())) {
            HttpResponse<String> text = server.get("/api/text");
            HttpResponse<byte[]> bytes = server.getBytes("/api/bytes");
            HttpResponse<String> empty = server.get("/api/null");
            HttpResponse<String> object = server.get("/api/object");

            assertEquals("h\u00e9llo", text.body());
            assertEquals("text/plain; charset=utf-8", text.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("6", text.headers().firstValue("Content-Length").orElseThrow());
            assertEquals(List.of((byte) 1, (byte) 2, (byte) 3), List.of(bytes.body()[0], bytes.body()[1], bytes.body()[2]));
            assertEquals("application/octet-stream", bytes.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(202, empty.statusCode());
            assertEquals("", empty.body());
            assertEquals("0", empty.headers().firstValue("Content-Length").orElseThrow());
            assertEquals("[1,2]", object.body());
            assertEquals("application/json; charset=utf-8", object.headers().firstValue("Content-Type").orElseThrow());
        }
    }

    @Test
    void redirect_is307ByDefaultAndTakesAStatus() throws Exception {
        try (TestServer server = new TestServer(ApiRoutes.builder()
                .route("/api/r", (req, res) -> res.redirect("/api/elsewhere?x=1"))
                .route("/api/r308", (req, res) -> res.redirect(308, "https://example.com/a"))
                .build())) {
            HttpResponse<String> temporary = server.get("/api/r");
            HttpResponse<String> permanent = server.get("/api/r308");

            assertEquals(307, temporary.statusCode());
            assertEquals("/api/elsewhere?x=1", temporary.headers().firstValue("Location").orElseThrow());
            assertEquals(308, permanent.statusCode());
            assertEquals("https://example.com/a", permanent.headers().firstValue("Location").orElseThrow());
        }
    }

    @Test
    void redirect_refusesOpenRedirectAndInjectionTargets() throws Exception {
        for (String target : List.of("//evil.com", "/\\evil.com", "javascript:alert(1)", "/a\r\nSet-Cookie: x=1",
                "/a\u0000", "ftp://host/x", "evil.com", "https://")) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            try (TestServer server = TestServer.of("/api/r", (req, res) -> {
                try {
                    res.redirect(target);
                } catch (IllegalArgumentException e) {
                    thrown.set(e);
                    res.status(400).json(new ErrorBody("refused"));
                }
            })) {
                HttpResponse<String> response = server.get("/api/r");

                assertEquals(400, response.statusCode(), target);
                assertTrue(thrown.get() instanceof IllegalArgumentException, target);
                assertFalse(response.headers().firstValue("Location").isPresent(), target);
            }
        }
    }

    @Test
    void setHeader_refusesHeaderInjection() throws Exception {
        List<String[]> attempts = List.of(new String[] {"X-A", "v\r\nSet-Cookie: evil=1"}, new String[] {"X-A", "v\nx"},
                new String[] {"X-A", "nul\u0000"}, new String[] {"X A", "v"}, new String[] {"X-A:", "v"},
                new String[] {"", "v"}, new String[] {"X-A", "\u2028"}, new String[] {"Content-Length", "5"});
        for (String[] attempt : attempts) {
            try (TestServer server = TestServer.of("/api/h", (req, res) -> {
                try {
                    res.setHeader(attempt[0], attempt[1]);
                    res.send("accepted");
                } catch (IllegalArgumentException e) {
                    res.status(400).send("refused");
                }
            })) {
                HttpResponse<String> response = server.get("/api/h");

                assertEquals("refused", response.body(), attempt[0] + ": " + attempt[1]);
                assertFalse(response.headers().firstValue("Set-Cookie").isPresent());
            }
        }
    }

    @Test
    void appendHeader_keepsEveryValue() throws Exception {
        try (TestServer server = TestServer.of("/api/c", (req, res) ->
                res.appendHeader("Set-Cookie", "a=1").appendHeader("Set-Cookie", "b=2").end())) {
            HttpResponse<String> response = server.get("/api/c");

            assertEquals(List.of("a=1", "b=2"), response.headers().allValues("Set-Cookie"));
        }
    }

    @Test
    void sendTwice_isAnIllegalStateExceptionInTheHandler() throws Exception {
        CompletableFuture<Throwable> second = new CompletableFuture<>();
        try (TestServer server = TestServer.of("/api/twice", (req, res) -> {
            res.json("first");
            try {
                res.json("second");
                second.complete(null);
            } catch (IllegalStateException e) {
                second.complete(e);
            }
        })) {
            HttpResponse<String> response = server.get("/api/twice");

            assertEquals("\"first\"", response.body());
            assertTrue(second.get(5, TimeUnit.SECONDS) instanceof IllegalStateException);
        }
    }

    @Test
    void unanswered_getsItsStatusAndAnEmptyBody() throws Exception {
        try (HostileLog log = new HostileLog(); TestServer server = TestServer.of("/api/silent", (req, res) -> res.status(204))) {
            HttpResponse<String> response = server.get("/api/silent");

            assertEquals(204, response.statusCode());
            assertEquals("", response.body());
            assertNotNull(log.await("returned without sending a response", 2000), "the forgotten answer is logged");
        }
    }

    @Test
    void head_hasTheLengthOfGetAndNoBody() throws Exception {
        try (TestServer server = TestServer.of("/api/h", (req, res) -> res.json("12345"))) {
            String answer = server.raw("HEAD /api/h HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

            assertEquals(200, TestServer.status(answer));
            assertTrue(answer.toLowerCase().contains("content-length: 7\r\n"), answer);
            assertEquals("", TestServer.body(answer));
        }
    }

    @Test
    void status_outOfRangeIsRefused() throws Exception {
        try (TestServer server = TestServer.of("/api/s", (req, res) -> {
            try {
                res.status(99);
            } catch (IllegalArgumentException e) {
                res.status(200).send("refused");
            }
        })) {
            assertEquals("refused", server.send(HttpRequest.newBuilder(server.uri("/api/s"))).body());
        }
    }
}
