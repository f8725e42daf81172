package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Middleware: around every request under /api, in order, with the route's params, able to answer or fail. */
@ResourceLock(HostileLog.LOGGER) // tests that run at once must not log into each other's HostileLog
class MiddlewareTest {
    private final List<String> seen = new CopyOnWriteArrayList<>();

    /** Users: GET only, a RouteHandler, so the server answers 405 and OPTIONS itself. */
    public static final class Users implements RouteHandler {
        @Override
        public void get(ApiRequest req, ApiResponse res) {
            res.status(200).json(Map.of("id", req.query("id")));
        }
    }

    private TestServer server(Middleware... chain) throws IOException {
        ApiServer.Builder builder = ApiServer.builder()
                .routes(ApiRoutes.builder().route("/api/users/[id]", new Users())
                        .route("/api/fail", (req, res) -> { throw new IllegalStateException("handler"); }).build())
                .cors(Cors.allow("https://app.example.com"));
        for (Middleware middleware : chain) {
            builder.middleware(middleware);
        }
        return new TestServer(builder);
    }

    /** Waits until the middleware's code after {@code next.run()} ran: the answer reaches the client before it. */
    private List<String> seen(int count) throws InterruptedException {
        for (int i = 0; i < 500 && seen.size() < count; i++) {
            Thread.sleep(10);
        }
        return seen;
    }

    private Middleware named(String name) {
        return (req, res, next) -> {
            seen.add(name + " before " + req.path() + " id=" + req.query("id"));
            res.setHeader("X-" + name, "1");
            next.run();
            seen.add(name + " after " + res.statusCode());
        };
    }

    @Test
    void middleware_runsInOrderAroundTheHandlerAndSeesTheParams() throws Exception {
        try (TestServer server = server(named("a"), named("b"))) {
            HttpResponse<String> response = server.get("/api/users/42");

            assertEquals(200, response.statusCode());
            assertEquals("{\"id\":\"42\"}", response.body());
            assertEquals("1", response.headers().firstValue("X-a").orElse(null));
            assertEquals("1", response.headers().firstValue("X-b").orElse(null));
            assertEquals(List.of("a before /api/users/42 id=42", "b before /api/users/42 id=42", "b after 200", "a after 200"), seen(4));
        }
    }

    @Test
    void middleware_runsFor404And405TooWithTheirAnswers() throws Exception {
        try (TestServer server = server(named("a"))) {
            HttpResponse<String> missing = server.get("/api/nothing/here");
            seen(2);
            HttpResponse<String> wrongMethod = server.post("/api/users/7", "application/json", "{}");

            assertEquals(404, missing.statusCode());
            assertEquals("{\"error\":\"Not Found\"}", missing.body());
            assertEquals("1", missing.headers().firstValue("X-a").orElse(null), "headers set before next stay on the 404");
            assertEquals(405, wrongMethod.statusCode());
            assertEquals("GET, HEAD, OPTIONS", wrongMethod.headers().firstValue("Allow").orElse(null));
            assertEquals(List.of("a before /api/nothing/here id=null", "a after 404", "a before /api/users/7 id=7", "a after 405"),
                    seen(4), "the 404 and the 405 are sent when next.run() returns");
        }
    }

    @Test
    void middleware_mayAnswerItselfWithoutTheHandler() throws Exception {
        Middleware auth = (req, res, next) -> {
            if (req.header("Authorization") == null) {
                res.status(401).json(Map.of("error", "Sign in first"));
                return;
            }
            next.run();
        };
        try (TestServer server = server(auth, named("after-auth"))) {
            HttpResponse<String> refused = server.get("/api/users/1");
            HttpResponse<String> allowed = server.send(HttpRequest.newBuilder(server.uri("/api/users/1")).header("Authorization", "Bearer x"));

            assertEquals(401, refused.statusCode());
            assertEquals("{\"error\":\"Sign in first\"}", refused.body());
            assertEquals(200, allowed.statusCode());
            assertEquals(List.of("after-auth before /api/users/1 id=1", "after-auth after 200"), seen(2), "the chain stopped at auth");
        }
    }

    @Test
    void middleware_thatNeitherAnswersNorGoesOn_endsTheAnswerEmpty() throws Exception {
        try (TestServer server = server((req, res, next) -> res.status(204))) {
            HttpResponse<String> response = server.get("/api/users/1");

            assertEquals(204, response.statusCode());
            assertEquals("", response.body());
        }
    }

    @Test
    void middleware_exceptionsAreAnsweredAsAHandlersAre() throws Exception {
        Middleware thrower = (req, res, next) -> {
            if (req.path().endsWith("/403")) {
                throw new ApiException(403, "Not yours");
            }
            throw new IOException("middleware broke");
        };
        try (TestServer server = server(thrower); HostileLog log = new HostileLog()) {
            HttpResponse<String> forbidden = server.get("/api/users/403");
            HttpResponse<String> broken = server.get("/api/users/1");

            assertEquals(403, forbidden.statusCode());
            assertEquals("{\"error\":\"Not yours\"}", forbidden.body());
            assertEquals(500, broken.statusCode());
            assertTrue(broken.body().matches("\\{\"error\":\"Internal Server Error\",\"id\":\"[0-9a-f]{16}\"}"), broken.body());
            String id = broken.body().substring(broken.body().indexOf("\"id\":\"") + 6, broken.body().length() - 2);
            var record = log.await("error " + id, 5000);
            assertTrue(record != null && record.getThrown() instanceof IOException, "the failure is logged with its cause");
        }
    }

    @Test
    void middleware_seesAHandlersFailureAsTheSent500() throws Exception {
        try (TestServer server = server(named("a")); HostileLog log = new HostileLog()) {
            HttpResponse<String> response = server.get("/api/fail");

            assertEquals(500, response.statusCode());
            assertEquals(List.of("a before /api/fail id=null", "a after 500"), seen(2), "answered when next.run() returns");
            assertTrue(log.await("error ", 5000) != null, "the handler's failure is logged");
        }
    }

    @Test
    void corsPreflightsAndHealthAnswers_areAnsweredBeforeTheMiddleware() throws Exception {
        Middleware refuseAll = (req, res, next) -> res.status(401).json(Map.of("error", "no"));
        try (TestServer server = server(refuseAll)) {
            HttpResponse<String> preflight = server.send(HttpRequest.newBuilder(server.uri("/api/users/1"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://app.example.com").header("Access-Control-Request-Method", "GET"));
            HttpResponse<String> live = server.get("/livez");

            assertEquals(204, preflight.statusCode());
            assertEquals("https://app.example.com", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertEquals(200, live.statusCode());
            assertEquals(401, server.get("/api/users/1").statusCode());
        }
    }
}
