package io.apiroutes.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apiroutes.ApiServer;
import io.apiroutes.ChildServer;
import io.apiroutes.HostileSockets;
import io.apiroutes.TestServer;
import io.apiroutes.cli.CommandLine;
import io.apiroutes.cli.Main;
import io.apiroutes.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What dev mode answers when the sources do not build: compile errors, broken helpers, new files with errors, route conflicts, handlers that cannot be created. */
class DevModeErrorsTest extends DevModeFixture {
    @Test
    void watch_aCompileErrorAnswers500WithItsDiagnosticsOnTheBrokenRouteOnly() throws Exception {
        write("Hello.java", handler("api.Hello", "res.send(\"v1\");"));
        write("Other.java", handler("api.Other", "res.send(\"other\");"));
        start();

        write("Hello.java", handler("api.Hello", "res.send(\"v2\")"));

        HttpResponse<String> broken = await("/api/hello", status(500));
        assertEquals("application/json; charset=utf-8", broken.headers().firstValue("Content-Type").orElse(null));
        Failure failure = Json.read(broken.body(), Failure.class);
        assertEquals("Compilation failed", failure.error());
        String file = Path.of("api", "Hello.java").toString(); // relative: the answer may reach a page elsewhere
        assertEquals(List.of(new Diagnostic(file, 7L, 23L, "';' expected")), failure.diagnostics());
        assertFalse(broken.body().contains(project.toString()), broken.body());
        assertEquals("other", server.get("/api/other").body(), "a route without errors keeps serving");
        assertTrue(console().contains("  " + file + ":7:23: ';' expected\n"), console());
        assertFalse(console().contains(project.toString()), console());

        write("Hello.java", handler("api.Hello", "res.send(\"v3\");"));

        await("/api/hello", answers(200, "v3"));
    }

    @Test
    void watch_aBrokenHelperFailsTheRoutesThatUseIt() throws Exception {
        write("Util.java", "package api;\n\nfinal class Util {\n    static String name() { return \"util\"; }\n}\n");
        write("Hello.java", handler("api.Hello", "res.send(Nested.name());"));
        write("Nested.java", "package api;\n\nfinal class Nested {\n    static String name() { return Util.name(); }\n}\n");
        write("Other.java", handler("api.Other", "res.send(\"other\");"));
        start();
        assertEquals("util", server.get("/api/hello").body());

        write("Util.java", "package api;\n\nfinal class Util {\n    static String name() { return 42; }\n}\n");

        Failure failure = Json.read(await("/api/hello", status(500)).body(), Failure.class);
        assertEquals(Path.of("api", "Util.java").toString(), failure.diagnostics().get(0).file());
        assertTrue(failure.diagnostics().get(0).message().startsWith("incompatible types"), failure.toString());
        assertEquals("other", server.get("/api/other").body(), "a route that does not use the helper keeps serving");
    }

    @Test
    void watch_aNewFileWithErrorsAnswers500AtItsRoute() throws Exception {
        write("Hello.java", handler("api.Hello", "res.send(\"hello\");"));
        start();
        assertEquals(404, server.get("/api/fresh").statusCode());

        write("Fresh.java", handler("api.Fresh", "res.send(undefined);"));

        Failure failure = Json.read(await("/api/fresh", status(500)).body(), Failure.class);
        assertEquals(7L, failure.diagnostics().get(0).line());
        assertTrue(failure.diagnostics().get(0).message().startsWith("cannot find symbol"), failure.toString());
        assertEquals("hello", server.get("/api/hello").body());
    }

    @Test
    void watch_aRouteConflictKeepsTheLastTableAndAnswers500OnTheRoute() throws Exception {
        write("users/_id.java", handler("api.users._id", "res.send(\"user \" + req.query(\"id\"));"));
        start();

        write("users/_name.java", handler("api.users._name", "res.send(\"name \" + req.query(\"name\"));"));

        Failure failure = Json.read(await("/api/users/7", status(500)).body(), Failure.class);
        assertEquals("Cannot build the route table", failure.error());
        String conflict = "route conflict: /api/users/[id] (api.users._id) and /api/users/[name] (api.users._name): "
                + "different param names for the same dynamic segment ('id' and 'name')";
        assertEquals(List.of(new Diagnostic(null, null, null, conflict)), failure.diagnostics());
        assertTrue(console().contains("apiroutes: cannot build the route table (the last good routes still serve)\n  "
                + conflict + "\n"), console());

        Files.delete(api().resolve("users/_name.java"));

        await("/api/users/7", answers(200, "user 7"));
    }

    @Test
    void watch_aHandlerThatCannotBeCreatedAnswers500() throws Exception {
        write("Hello.java", handler("api.Hello", "res.send(\"hello\");"));
        start();

        Path database = api().resolve("data/db");
        write("Hello.java", handler("api.Hello", "res.send(\"hello\");").replace("public void handle",
                "public Hello() { throw new IllegalStateException(\"no database at " + database + "\"); }\n    public void handle"));

        HttpResponse<String> broken = await("/api/hello", status(500));
        Failure failure = Json.read(broken.body(), Failure.class);
        assertEquals("Cannot build the route table", failure.error());
        assertEquals("cannot create handler api.Hello: java.lang.IllegalStateException: no database at "
                + Path.of("api", "data", "db"), failure.diagnostics().get(0).message());
        assertFalse(broken.body().contains(project.toString()), broken.body());
    }
}
