package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application class: found beside the handlers, configured, started before the first request, stopped after the last. */
class ApiAppTest {
    @TempDir
    Path services;

    /** An application that records what happens to it, in order. */
    static final class Recording implements ApiApp {
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile int startedPort = -1;
        volatile Exception failStart;

        @Override
        public void configure(ApiServer.Builder server) {
            events.add("configure");
            server.middleware((req, res, next) -> {
                res.setHeader("X-Configured", "yes");
                next.run();
            });
        }

        @Override
        public void start(ApiServer server) throws Exception {
            startedPort = server.port();
            events.add("start");
            if (failStart != null) {
                throw failStart;
            }
        }

        @Override
        public void stop() {
            events.add("stop");
        }
    }

    private static ApiRoutes routesOf(Recording app) {
        return ApiRoutes.builder().route("/api/work", (req, res) -> {
            app.events.add("request " + req.query("ms"));
            Thread.sleep(Long.parseLong(req.query("ms")));
            res.status(200).json(List.of("done"));
        }).app(app).build();
    }

    @Test
    void server_configuresStartsServesAndStopsInThatOrder() throws Exception {
        Recording app = new Recording();
        HttpResponse<String> response;
        try (TestServer server = new TestServer(routesOf(app))) {
            assertEquals(List.of("configure", "start"), app.events, "started before the first request");
            assertEquals(server.server.port(), app.startedPort, "start sees the bound port");
            response = server.get("/api/work?ms=0");
        }

        assertEquals(200, response.statusCode());
        assertEquals("yes", response.headers().firstValue("X-Configured").orElse(null), "configure's middleware runs");
        assertEquals(List.of("configure", "start", "request 0", "stop"), app.events);
    }

    @Test
    void stop_runsAfterTheRequestInFlightEnded() throws Exception {
        Recording app = new Recording();
        TestServer server = new TestServer(routesOf(app));
        var inFlight = server.getAsync("/api/work?ms=200");
        for (int i = 0; i < 200 && !app.events.contains("request 200"); i++) {
            Thread.sleep(10);
        }
        server.server.stop(Duration.ofSeconds(5));

        assertEquals(200, inFlight.get().statusCode());
        assertEquals(List.of("configure", "start", "request 200", "stop"), app.events);
    }

    @Test
    void start_thatThrows_failsTheStartWithItsCauseAndFreesThePort() throws Exception {
        Recording app = new Recording();
        app.failStart = new IOException("cannot reach the database");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ApiServer.builder().routes(routesOf(app)).host("127.0.0.1").port(0).start());

        assertInstanceOf(IOException.class, e.getCause());
        assertTrue(e.getMessage().contains("cannot reach the database"), e.getMessage());
        assertEquals(List.of("configure", "start", "stop"), app.events, "stop runs, to close what start opened");
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", app.startedPort)); // the failed server let go of it
        }
    }

    @Test
    void stop_afterReplaceRoutes_stopsTheApplicationOfTheRoutesServed() throws Exception {
        Recording first = new Recording();
        Recording second = new Recording();
        try (TestServer server = new TestServer(routesOf(first))) {
            server.server.replaceRoutes(routesOf(second)); // dev mode starts the new one itself
            assertEquals(200, server.get("/api/work?ms=0").statusCode());
        }
        assertEquals(List.of("configure", "start"), first.events);
        assertEquals(List.of("request 0", "stop"), second.events);
    }

    @Test
    void discover_findsTheApplicationClassTheBuildListed() throws Exception {
        Fixtures.servicesFile(services, "api.conventions.v2.Hello");
        Path apps = services.resolve("META-INF/services/" + ApiApp.class.getName());
        Files.writeString(apps, "api.lifecycle.App\n");

        ApiRoutes routes = ApiRoutes.discover(new java.net.URLClassLoader(new java.net.URL[] {services.toUri().toURL()},
                getClass().getClassLoader()));

        assertEquals("api.lifecycle.App", routes.app().getClass().getName());
        try (TestServer server = new TestServer(routes)) {
            HttpResponse<String> response = server.get("/api/conventions/v2/hello");
            assertEquals(200, response.statusCode());
            assertEquals("lifecycle", response.headers().firstValue("X-App").orElse(null));
        }
    }

    @Test
    void discover_withoutAnApplicationClass_hasNone() throws Exception {
        assertNull(ApiRoutes.discover(Fixtures.listing(services, "api.conventions.v2.Hello")).app());
    }
}
