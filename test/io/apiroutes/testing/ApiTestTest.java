package io.apiroutes.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.apiroutes.ApiRoutes;
import io.apiroutes.json.JsonException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock(io.apiroutes.HostileLog.LOGGER) // tests that run at once must not log into each other's HostileLog
class ApiTestTest {
    record Todo(String title, boolean done) {}

    record Seen(String method, String contentType, String token, Object body) {}

    /** Answers with what it received: method, Content-Type, the X-Token header and the parsed body. */
    private static final ApiRoutes ECHO = ApiRoutes.builder()
            .route("/api/echo", (req, res) -> res.json(new Seen(req.method(), req.header("Content-Type"),
                    req.header("X-Token"), req.body())))
            .route("/api/todos", (req, res) -> res.status(201).setHeader("X-Count", "2")
                    .json(List.of(new Todo("milk", false), new Todo("bread", true))))
            .route("/api/old", (req, res) -> res.redirect("/api/new"))
            .route("/api/text", (req, res) -> res.send("plain text"))
            .build();

    @Test
    void cookies_setByTheServerGoBackUntilCleared() {
        ApiRoutes session = ApiRoutes.builder()
                .route("/api/login", (req, res) -> res.cookie("session", "s1").cookie("theme", "dark").end())
                .route("/api/me", (req, res) -> res.json(Map.of("session", String.valueOf(req.cookie("session")),
                        "theme", String.valueOf(req.cookie("theme")))))
                .route("/api/logout", (req, res) -> res.clearCookie("session").end())
                .build();
        try (ApiTest api = ApiTest.start(session); ApiTest other = ApiTest.start(session)) {
            assertEquals(Map.of("session", "null", "theme", "null"), api.get("/api/me").json());
            api.post("/api/login", null);

            assertEquals(Map.of("session", "s1", "theme", "dark"), api.get("/api/me").json());
            assertEquals(Map.of("session", "null", "theme", "null"), other.get("/api/me").json(), "one client's cookies only");
            api.post("/api/logout", null);
            assertEquals(Map.of("session", "null", "theme", "dark"), api.get("/api/me").json(), "a cookie cleared by Max-Age=0");
            api.clearCookies();
            assertEquals(Map.of("session", "null", "theme", "null"), api.get("/api/me").json());
        }
    }

    @Test
    void events_arriveOneByOneAsTheServerSendsThem() throws Exception {
        java.util.concurrent.CountDownLatch firstRead = new java.util.concurrent.CountDownLatch(1);
        ApiRoutes feed = ApiRoutes.builder()
                .route("/api/feed", (req, res) -> {
                    try (io.apiroutes.ServerSentEvents events = res.sse()) {
                        events.comment("hello").send("7", "change", Map.of("n", 1));
                        firstRead.await(); // the test holds the first event before the second is sent
                        events.send("two lines\nof text").send(null, "last", "from " + req.header("Last-Event-ID"));
                    }
                })
                .build();
        try (ApiTest api = ApiTest.start(feed); EventStream events = api.events("/api/feed", "Last-Event-ID", "6")) {
            assertEquals(200, events.status());
            assertEquals("text/event-stream; charset=utf-8", events.header("content-type"));

            assertEquals(new EventStream.Event("7", "change", "{\"n\":1}"), events.next());
            firstRead.countDown();
            assertEquals(new EventStream.Event("7", null, "two lines\nof text"), events.next()); // the id stays, as in EventSource
            assertEquals(new EventStream.Event("7", "last", "from 6"), events.next());
            assertNull(events.next());
            assertNull(events.next());
        }
    }

    @Test
    void get_givesStatusHeadersAndBody() {
        try (ApiTest api = ApiTest.start(ECHO)) {
            ApiTest.Response res = api.get("/api/todos");

            assertEquals(201, res.status());
            assertEquals("2", res.header("x-count"));
            assertEquals("application/json; charset=utf-8", res.header("Content-Type"));
            assertEquals(List.of("2"), res.headers().get("X-Count"));
            assertNull(res.header("X-Absent"));
            assertEquals("[{\"title\":\"milk\",\"done\":false},{\"title\":\"bread\",\"done\":true}]", res.body());
        }
    }

    @Test
    void json_parsesOrBindsTheBody() {
        try (ApiTest api = ApiTest.start(ECHO)) {
            ApiTest.Response res = api.get("/api/todos");

            Map<String, Object> first = new LinkedHashMap<>();
            first.put("title", "milk");
            first.put("done", false);
            assertEquals(first, ((List<?>) res.json()).get(0));
            assertEquals(List.of(new Todo("milk", false), new Todo("bread", true)), res.json(listOf(Todo.class)));
            assertEquals(new Todo("milk", false), res.json(Todo[].class)[0]);
            assertThrows(JsonException.class, () -> api.get("/api/text").json());
        }
    }

    @Test
    void post_putAndPatch_sendTheValueAsJson() {
        try (ApiTest api = ApiTest.start(ECHO)) {
            for (String method : List.of("POST", "PUT", "PATCH")) {
                Todo todo = new Todo("milk \"2%\"", true);
                ApiTest.Response res = switch (method) {
                    case "POST" -> api.post("/api/echo", todo);
                    case "PUT" -> api.put("/api/echo", todo);
                    default -> api.patch("/api/echo", todo);
                };

                assertEquals(200, res.status(), res.toString());
                assertEquals("{\"method\":\"" + method + "\",\"contentType\":\"application/json\",\"token\":null,"
                        + "\"body\":{\"title\":\"milk \\\"2%\\\"\",\"done\":true}}", res.body());
            }
        }
    }

    @Test
    void getAndDelete_sendNoBody() {
        try (ApiTest api = ApiTest.start(ECHO)) {
            assertEquals("{\"method\":\"GET\",\"contentType\":null,\"token\":null,\"body\":null}", api.get("/api/echo").body());
            assertEquals("{\"method\":\"DELETE\",\"contentType\":null,\"token\":null,\"body\":null}",
                    api.delete("/api/echo").body());
        }
    }

    @Test
    void headers_areSentAsNameValuePairs() {
        try (ApiTest api = ApiTest.start(ECHO)) {
            Seen seen = api.post("/api/echo", List.of(1, 2), "X-Token", "secret", "Accept", "application/json")
                    .json(Seen.class);

            assertEquals(new Seen("POST", "application/json", "secret", List.of(1L, 2L)), seen);
            assertEquals("secret", api.get("/api/echo", "X-Token", "secret").json(Seen.class).token());
            assertThrows(IllegalArgumentException.class, () -> api.get("/api/echo", "X-Token"));
        }
    }

    @Test
    void send_sendsABodyAsItIs() {
        try (ApiTest api = ApiTest.start(ECHO)) {
            ApiTest.Response res = api.send("POST", "/api/echo", "application/x-www-form-urlencoded",
                    "a=1&a=2&b=%20".getBytes(StandardCharsets.UTF_8));

            assertEquals("{\"method\":\"POST\",\"contentType\":\"application/x-www-form-urlencoded\",\"token\":null,"
                    + "\"body\":{\"a\":[\"1\",\"2\"],\"b\":\" \"}}", res.body());
            assertEquals(400, api.send("POST", "/api/echo", "application/json", "{\"a\":1,}".getBytes(StandardCharsets.UTF_8))
                    .status());
        }
    }

    @Test
    void redirects_areNotFollowed() {
        try (ApiTest api = ApiTest.start(ECHO)) {
            ApiTest.Response res = api.get("/api/old");

            assertEquals(307, res.status());
            assertEquals("/api/new", res.header("Location"));
        }
    }

    @Test
    void unknownPath_isTheServersJson404() {
        try (ApiTest api = ApiTest.start(ECHO)) {
            ApiTest.Response res = api.get("/api/nothing?x=1");

            assertEquals(404, res.status());
            assertEquals(Map.of("error", "Not Found"), res.json());
            assertEquals("404 {\"error\":\"Not Found\"}", res.toString());
        }
    }

    @Test
    void uri_namesTheServerAndRefusesARelativePath() {
        try (ApiTest api = ApiTest.start(ECHO)) {
            assertEquals("http://127.0.0.1:" + api.port() + "/api/echo?q=1", api.uri("/api/echo?q=1").toString());
            assertThrows(IllegalArgumentException.class, () -> api.uri("api/echo"));
        }
    }

    @Test
    void close_stopsTheServer() {
        ApiTest api = ApiTest.start(ECHO);
        int port = api.port();
        assertEquals(201, api.get("/api/todos").status());

        api.close();

        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void start_servesTheHandlersTheServicesFileLists(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services/io.apiroutes.ApiHandler");
        Files.createDirectories(services.getParent());
        Files.writeString(services, "api.conventions.UserProfile\n");
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            thread.setContextClassLoader(loader);
            try (ApiTest api = ApiTest.start()) {
                ApiTest.Response res = api.get("/api/conventions/user-profile");

                assertEquals(200, res.status());
                assertEquals("{\"handler\":\"api.conventions.UserProfile\",\"query\":{}}", res.body());
            }
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Test
    void get_toAStoppedServerIsAnUncheckedIOException() {
        ApiTest api = ApiTest.start(ECHO);
        api.close();

        assertThrows(UncheckedIOException.class, () -> api.get("/api/todos"));
    }

    private static Type listOf(Type element) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return new Type[] {element};
            }

            @Override
            public Type getRawType() {
                return List.class;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }
        };
    }

    /** A close right after the last answer is no stop with requests in flight: nothing is logged as one. */
    @Test
    void close_afterAnsweredRequests_warnsOfNothing() throws Exception {
        try (io.apiroutes.HostileLog log = new io.apiroutes.HostileLog()) {
            for (int i = 0; i < 30; i++) {
                try (ApiTest api = ApiTest.start(ECHO)) {
                    api.get("/api/echo?i=" + i);
                    api.post("/api/echo", Map.of("i", i));
                }
            }
            assertEquals(List.of(), log.records().stream()
                    .filter(r -> r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
                    .map(java.util.logging.LogRecord::getMessage).toList());
        }
    }
}
