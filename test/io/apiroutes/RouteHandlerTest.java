package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Method handlers: a method per HTTP method, 405 with Allow for the others, HEAD from get, OPTIONS answered. */
class RouteHandlerTest {
    /** Answers GET and POST only. */
    public static final class Todos implements RouteHandler {
        @Override
        public void get(ApiRequest req, ApiResponse res) {
            res.json(List.of("a", "b"));
        }

        @Override
        public void post(ApiRequest req, ApiResponse res) {
            res.status(201).json(req.body());
        }
    }

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(ApiRoutes.builder().route("/api/todos", new Todos()).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(String method, String body) throws Exception {
        return server.send(HttpRequest.newBuilder(server.uri("/api/todos")).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void implementedMethods_runTheirMethod() throws Exception {
        HttpResponse<String> get = send("GET", null);
        HttpResponse<String> post = send("POST", "{\"title\":\"x\"}");

        assertEquals(200, get.statusCode());
        assertEquals("[\"a\",\"b\"]", get.body());
        assertEquals(201, post.statusCode());
        assertEquals("{\"title\":\"x\"}", post.body());
    }

    @Test
    void otherMethods_get405WithAllow() throws Exception {
        for (String method : List.of("PUT", "PATCH", "DELETE", "TRACE")) {
            HttpResponse<String> response = send(method, null);

            assertEquals(405, response.statusCode(), method);
            assertEquals("GET, HEAD, POST, OPTIONS", response.headers().firstValue("Allow").orElse(""), method);
            assertEquals("{\"error\":\"Method Not Allowed\"}", response.body(), method);
        }
    }

    @Test
    void head_runsGetWithoutTheBody() throws Exception {
        HostileSockets.Answer answer = HostileSockets.send(server.server.port(),
                "HEAD /api/todos HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertEquals(200, answer.status(), answer.toString());
        assertTrue(answer.head().toLowerCase().contains("content-length: 9"), answer.toString());
        assertEquals("", answer.body());
    }

    @Test
    void options_is204WithAllow() throws Exception {
        HttpResponse<String> response = send("OPTIONS", null);

        assertEquals(204, response.statusCode());
        assertEquals("GET, HEAD, POST, OPTIONS", response.headers().firstValue("Allow").orElse(""));
        assertEquals("", response.body());
    }

    @Test
    void routeTable_showsTheMethods() {
        assertEquals(List.of("/api/todos GET POST -> " + Todos.class.getName()),
                ApiRoutes.builder().route("/api/todos", new Todos()).build().describe());
        assertEquals(List.of("/api/any -> " + NamedLambda.class.getName()),
                ApiRoutes.builder().route("/api/any", new NamedLambda()).build().describe());
    }

    /** A plain handler: it answers every method itself, and the table lists none. */
    static final class NamedLambda implements ApiHandler {
        @Override
        public void handle(ApiRequest req, ApiResponse res) {
            res.end();
        }
    }

    @Test
    void plainHandler_stillGetsEveryMethod() throws Exception {
        try (TestServer plain = TestServer.of("/api/x", (req, res) -> res.send(req.method()))) {
            HttpResponse<String> options = plain.send(HttpRequest.newBuilder(plain.uri("/api/x"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

            assertEquals(200, options.statusCode());
            assertEquals("OPTIONS", options.body());
        }
    }
}
