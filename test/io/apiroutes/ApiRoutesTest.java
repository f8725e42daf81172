package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock(HostileLog.LOGGER) // tests that run at once must not log into each other's HostileLog
class ApiRoutesTest {
    @TempDir
    Path services;

    private ClassLoader listing(String... handlers) throws IOException {
        return Fixtures.listing(services, handlers);
    }

    @Test
    void discover_findsWhatTheContextClassLoadersServicesFileLists() throws IOException {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(listing("api.conventions.v2.Hello", "api.conventions.users._id.Posts"));
        Map<String, String> routes;
        try {
            routes = ApiRoutes.discover().routes();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }

        assertEquals(Map.of("/api/conventions/v2/hello", "api.conventions.v2.Hello",
                "/api/conventions/users/[id]/posts", "api.conventions.users._id.Posts"), routes);
    }

    /** The framework's tests run without api/ and its services file: nothing is listed, nothing is found. */
    @Test
    void discover_findsNoRouteWhenNoServicesFileListsOne() throws InterruptedException {
        try (HostileLog log = new HostileLog()) {
            assertEquals(Map.of(), ApiRoutes.discover(getClass().getClassLoader()).routes());
            assertNotNull(log.await("no handler found", 0), "the empty route table is logged");
        }
    }

    @Test
    void discover_servesADiscoveredHandler() throws Exception {
        try (TestServer server = new TestServer(ApiRoutes.discover(listing("api.conventions.v2.Hello")))) {
            HttpResponse<String> response = server.get("/api/conventions/v2/hello");

            assertEquals(200, response.statusCode());
            assertEquals("{\"handler\":\"api.conventions.v2.Hello\",\"query\":{}}", response.body());
            assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        }
    }

    @Test
    void discover_mapsEveryConventionRow() throws Exception {
        ApiRoutes routes = ApiRoutes.discover(listing(
                "api.conventions.Index", "api.conventions.UserProfile", "api.conventions.HTTPStatus",
                "api.conventions.v2.Hello", "api.conventions.users._id.Index", "api.conventions.users._id.Posts",
                "api.conventions.files.__path", "api.conventions.docs.___slug", "api.conventions.default_.X"));

        Map<String, String> table = routes.routes();
        assertEquals("api.conventions.Index", table.get("/api/conventions"));
        assertEquals("api.conventions.UserProfile", table.get("/api/conventions/user-profile"));
        assertEquals("api.conventions.HTTPStatus", table.get("/api/conventions/http-status"));
        assertEquals("api.conventions.v2.Hello", table.get("/api/conventions/v2/hello"));
        assertEquals("api.conventions.users._id.Index", table.get("/api/conventions/users/[id]"));
        assertEquals("api.conventions.users._id.Posts", table.get("/api/conventions/users/[id]/posts"));
        assertEquals("api.conventions.files.__path", table.get("/api/conventions/files/[...path]"));
        assertEquals("api.conventions.docs.___slug", table.get("/api/conventions/docs/[[...slug]]"));
        assertEquals("api.conventions.default_.X", table.get("/api/conventions/default/x"));

        try (TestServer server = new TestServer(routes)) {
            assertAnswer(server, "/api/conventions", "api.conventions.Index", "{}");
            assertAnswer(server, "/api/conventions/", "api.conventions.Index", "{}");
            assertAnswer(server, "/api/conventions/user-profile", "api.conventions.UserProfile", "{}");
            assertAnswer(server, "/api/conventions/v2/hello", "api.conventions.v2.Hello", "{}");
            assertAnswer(server, "/api/conventions/users/42", "api.conventions.users._id.Index", "{\"id\":[\"42\"]}");
            assertAnswer(server, "/api/conventions/users/42/posts", "api.conventions.users._id.Posts", "{\"id\":[\"42\"]}");
            assertAnswer(server, "/api/conventions/files/a/b%20c/d", "api.conventions.files.__path",
                    "{\"path\":[\"a\",\"b c\",\"d\"]}");
            assertAnswer(server, "/api/conventions/docs", "api.conventions.docs.___slug", "{}");
            assertAnswer(server, "/api/conventions/docs/x/y", "api.conventions.docs.___slug", "{\"slug\":[\"x\",\"y\"]}");
            assertAnswer(server, "/api/conventions/default/x", "api.conventions.default_.X", "{}");
            assertEquals(404, server.get("/api/conventions/files").statusCode());
            assertEquals(404, server.get("/api/conventions/UserProfile").statusCode());
        }
    }

    private static void assertAnswer(TestServer server, String path, String handler, String query) throws Exception {
        HttpResponse<String> response = server.get(path);

        assertEquals(200, response.statusCode(), path);
        assertEquals("{\"handler\":\"" + handler + "\",\"query\":" + query + "}", response.body(), path);
    }

    @Test
    void discover_failsNamingBothClassesOfOneRoute() throws IOException {
        ClassLoader loader = listing("api.clash._id", "api.clash._name");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ApiRoutes.discover(loader));

        assertTrue(e.getMessage().contains("api.clash._id") && e.getMessage().contains("api.clash._name"), e.getMessage());
    }

    @Test
    void discover_failsNamingAClassTheConventionCannotRead() throws IOException {
        ClassLoader loader = listing("api.unreadable.Snake_Case");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ApiRoutes.discover(loader));

        assertTrue(e.getMessage().contains("api.unreadable.Snake_Case"), e.getMessage());
    }

    @Test
    void discover_failsSayingWhyAHandlersConstructorThrew() throws IOException {
        ClassLoader loader = listing("api.ctorthrows.NeedsEnv");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ApiRoutes.discover(loader));

        assertTrue(e.getMessage().contains("api.ctorthrows.NeedsEnv")
                && e.getMessage().contains("java.lang.IllegalStateException: DATABASE_URL is not set"), e.getMessage());
    }

    @Test
    void discover_failsOnAHandlerOutsidePackageApi() throws IOException {
        ClassLoader loader = listing("io.apiroutes.ApiRoutesTest$Outside");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ApiRoutes.discover(loader));

        assertTrue(e.getMessage().contains("not in package api"), e.getMessage());
    }

    /** A handler outside package api. */
    public static final class Outside implements ApiHandler {
        @Override
        public void handle(ApiRequest req, ApiResponse res) {
            res.end();
        }
    }

    @Test
    void builder_rejectsTwoHandlersForOneRouteNamingBoth() {
        ApiHandler first = (req, res) -> res.end();
        ApiHandler second = (req, res) -> res.end();
        ApiRoutes.Builder builder = ApiRoutes.builder().route("/api/a/[id]", first);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.route("/api/a/[id]", second));

        assertTrue(e.getMessage().contains(first.getClass().getName()), e.getMessage());
        assertTrue(e.getMessage().contains(second.getClass().getName()), e.getMessage());
    }

    @Test
    void builder_rejectsAnOptionalCatchAllBesideItsParentRoute() {
        ApiRoutes.Builder builder = ApiRoutes.builder().route("/api/docs", (req, res) -> res.end());

        assertThrows(IllegalArgumentException.class, () -> builder.route("/api/docs/[[...slug]]", (req, res) -> res.end()));
    }

    @Test
    void builder_rejectsPathsOutsideApiAndBadSegments() {
        ApiRoutes.Builder builder = ApiRoutes.builder();

        assertThrows(IllegalArgumentException.class, () -> builder.route("/apiary", (req, res) -> res.end()));
        assertThrows(IllegalArgumentException.class, () -> builder.route("/api/[...a]/b", (req, res) -> res.end()));
        assertThrows(IllegalArgumentException.class, () -> builder.route("/api/[a]/[a]", (req, res) -> res.end()));
        assertThrows(IllegalArgumentException.class, () -> builder.route("/api/../x", (req, res) -> res.end()));
    }

    record Named(String name, Map<String, List<String>> query) {}

    private static ApiHandler named(String name) {
        return (req, res) -> res.json(new Named(name, req.query()));
    }

    @Test
    void match_followsNextJsPrecedenceSegmentBySegment() throws Exception {
        ApiRoutes routes = ApiRoutes.builder()
                .route("/api/p/static", named("static"))
                .route("/api/p/[id]", named("dynamic"))
                .route("/api/p/[...rest]", named("catchAll"))
                .route("/api/b/me", named("me"))
                .route("/api/b/[id]/x", named("idX"))
                .route("/api/o/[[...opt]]", named("optional"))
                .route("/api/o/fixed", named("fixed"))
                .build();
        try (TestServer server = new TestServer(routes)) {
            assertEquals("{\"name\":\"static\",\"query\":{}}", (server.get("/api/p/static").body()));
            assertEquals("{\"name\":\"dynamic\",\"query\":{\"id\":[\"other\"]}}", (server.get("/api/p/other").body()));
            assertEquals("{\"name\":\"catchAll\",\"query\":{\"rest\":[\"a\",\"b\"]}}", (server.get("/api/p/a/b").body()));
            assertEquals("{\"name\":\"idX\",\"query\":{\"id\":[\"me\"]}}", (server.get("/api/b/me/x").body()));
            assertEquals("{\"name\":\"me\",\"query\":{}}", (server.get("/api/b/me").body()));
            assertEquals("{\"name\":\"optional\",\"query\":{}}", (server.get("/api/o").body()));
            assertEquals("{\"name\":\"fixed\",\"query\":{}}", (server.get("/api/o/fixed").body()));
            assertEquals("{\"name\":\"optional\",\"query\":{\"opt\":[\"fixed\",\"more\"]}}",
                    (server.get("/api/o/fixed/more").body()));
            assertEquals(404, server.get("/api/p").statusCode());
        }
    }

    @Test
    void routes_listsEachRouteWithItsHandlerInPrecedenceOrder() {
        ApiHandler handler = (req, res) -> res.end();
        ApiRoutes routes = ApiRoutes.builder()
                .route("/api/x/[...all]", handler)
                .route("/api/x/[id]", handler)
                .route("/api/x/a", handler)
                .route("/api", handler)
                .build();

        assertEquals(List.of("/api", "/api/x/a", "/api/x/[id]", "/api/x/[...all]"), List.copyOf(routes.routes().keySet()));
    }

    /** A class loader that sees apiroutes but no services file (not even the examples'). */
    private static URLClassLoader withoutServices() throws IOException {
        return new URLClassLoader(new URL[] {Path.of("build/classes").toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    @Test
    void discover_withNoHandlerLogsAWarningSayingWhatToCheck() throws Exception {
        try (HostileLog log = new HostileLog(); URLClassLoader empty = withoutServices()) {
            ApiRoutes routes = ApiRoutes.discover(empty);

            assertTrue(routes.routes().isEmpty());
            java.util.logging.LogRecord warning = log.await("no handler found", 0);
            assertTrue(warning != null, "no warning logged");
            assertEquals(java.util.logging.Level.WARNING, warning.getLevel());
            assertTrue(warning.getMessage().contains("META-INF/services/io.apiroutes.ApiHandler")
                    && warning.getMessage().contains("-proc:full")
                    && warning.getMessage().contains("provides io.apiroutes.ApiHandler with"), warning.getMessage());
        }
    }

    @Test
    void apiServer_discoveringNoHandlerLogsTheWarningAndAnswers404() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (HostileLog log = new HostileLog(); URLClassLoader empty = withoutServices()) {
            thread.setContextClassLoader(empty);
            try (ApiServer server = ApiServer.builder().host("127.0.0.1").port(0).start()) { // routes discovered
                assertTrue(log.await("no handler found", 0) != null, "no warning logged");
                assertTrue(server.routes().routes().isEmpty());
            }
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Test
    void builder_withNoRouteLogsNoWarning() throws Exception {
        try (HostileLog log = new HostileLog()) {
            ApiRoutes.builder().build();

            assertEquals(null, log.await("no handler found", 0));
        }
    }
}
