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

/**
 * Dev mode through real HTTP: sources written into a temporary {@code api/} folder, the watcher
 * compiling them on its own thread, a client polling until the new code answers (20 s at most:
 * the machine may be busy; nothing here depends on how fast a compilation is).
 */
class DevModeTest extends DevModeFixture {
    @Test
    void watch_servesASavedChangeFromTheNextRequest() throws Exception {
        write("Hello.java", handler("api.Hello", "res.send(\"v1\");"));
        start();
        assertEquals("v1", server.get("/api/hello").body());

        write("Hello.java", handler("api.Hello", "res.send(\"v2\");"));

        await("/api/hello", answers(200, "v2"));
        assertTrue(console().contains("apiroutes: compiled 1 files in "), console());
    }

    private static String app(String version) {
        return "package api;\n\nimport io.apiroutes.*;\n\n"
                + "public final class App implements ApiApp {\n"
                + "    public static volatile String state = \"not started\";\n"
                + "    public void start(ApiServer server) { state = \"started " + version + "\"; }\n"
                + "    public void stop() { System.setProperty(\"apiroutes.devtest.stopped\", \"" + version + "\"); }\n"
                + "}\n";
    }

    @Test
    void watch_aSavedApplicationClassIsStoppedAndTheNewOneStarted() throws Exception {
        System.clearProperty("apiroutes.devtest.stopped");
        try {
            write("App.java", app("v1"));
            write("Hello.java", handler("api.Hello", "res.send(App.state);"));
            start();
            assertEquals("started v1", server.get("/api/hello").body(), "started before the first request");

            write("App.java", app("v2"));

            await("/api/hello", answers(200, "started v2"));
            assertEquals("v1", System.getProperty("apiroutes.devtest.stopped"), "the old application was stopped");
        } finally {
            System.clearProperty("apiroutes.devtest.stopped");
        }
    }

    /** A request with this {@code Host}, which java.net.http will not set, on a connection of its own. */
    private HostileSockets.Answer withHost(String path, String host) throws IOException {
        return HostileSockets.send(server.server.port(), "GET " + path + " HTTP/1.1\r\nHost: " + host
                + "\r\nConnection: close\r\n\r\n");
    }

    @Test
    void dev_refusesAForeignHostOnEveryPathWithJson403() throws Exception {
        write("Broken.java", handler("api.Broken", "res.send(undefined);"));
        start();
        int port = server.server.port();

        for (String path : List.of("/api/broken", "/api/nothing", "/livez", "/")) {
            HostileSockets.Answer answer = withHost(path, "evil.example:" + port);

            assertEquals(403, answer.status(), path + ": " + answer);
            assertEquals("{\"error\":\"Host evil.example is not allowed (DNS rebinding protection); to allow it: "
                    + "--allowed-hosts evil.example\"}", answer.body(), path);
        }
        for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port)) {
            HostileSockets.Answer answer = withHost("/api/broken", host);

            assertEquals(500, answer.status(), host + ": " + answer);
            assertTrue(answer.body().startsWith("{\"error\":\"Compilation failed\",\"diagnostics\":[{\"file\":\""
                    + Path.of("api", "Broken.java") + "\",\"line\":7,"), answer.body());
        }
    }

    @Test
    void dev_allowedHostsAddsNames() throws Exception {
        write("Hello.java", handler("api.Hello", "res.send(\"hello\");"));
        start("--allowed-hosts", "a.example,B.example");
        int port = server.server.port();

        assertEquals("hello", withHost("/api/hello", "a.example:" + port).body());
        assertEquals("hello", withHost("/api/hello", "b.example").body());
        assertEquals(403, withHost("/api/hello", "c.example").status());
    }

    @Test
    void watch_addsAndRemovesRoutesAlsoInFoldersMadeLater() throws Exception {
        write("Hello.java", handler("api.Hello", "res.send(\"hello\");"));
        start();

        write("users/_id.java", handler("api.users._id", "res.send(\"user \" + req.query(\"id\"));"));
        await("/api/users/42", answers(200, "user 42"));
        write("v2/deep/Thing.java", handler("api.v2.deep.Thing", "res.send(\"thing\");"));
        await("/api/v2/deep/thing", answers(200, "thing"));
        Files.delete(api().resolve("users/_id.java"));
        await("/api/users/42", status(404));
        Files.delete(api().resolve("v2/deep/Thing.java"));
        Files.delete(api().resolve("v2/deep"));
        Files.delete(api().resolve("v2"));
        await("/api/v2/deep/thing", status(404));

        assertTrue(console().contains("  + /api/users/[id] -> api.users._id\n"), console());
        assertTrue(console().contains("  + /api/v2/deep/thing -> api.v2.deep.Thing\n"), console());
        assertTrue(console().contains("  - /api/users/[id] -> api.users._id\n"), console());
        assertEquals("hello", server.get("/api/hello").body());
    }

    @Test
    void watch_aRequestInFlightFinishesOnTheOldCode() throws Exception {
        Path gate = project.resolve("gate");
        write("Slow.java", "package api;\n\nimport io.apiroutes.*;\nimport java.nio.file.*;\n\n"
                + "public final class Slow implements ApiHandler {\n"
                + "    public void handle(ApiRequest req, ApiResponse res) throws Exception {\n"
                + "        Files.writeString(Path.of(req.query(\"gate\") + \".entered\"), \"\");\n"
                + "        for (int i = 0; i < 2000 && !Files.exists(Path.of(req.query(\"gate\"))); i++) {\n"
                + "            Thread.sleep(10);\n"
                + "        }\n"
                + "        res.send(\"old\");\n"
                + "    }\n}\n");
        start();
        var inFlight = CLIENT.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server.port()
                + "/api/slow?gate=" + gate)).build(), HttpResponse.BodyHandlers.ofString());
        long start = System.nanoTime();
        while (!Files.exists(project.resolve("gate.entered")) && System.nanoTime() - start < DEADLINE_NANOS) {
            Thread.sleep(10);
        }
        assertTrue(Files.exists(project.resolve("gate.entered")), "the request never reached the handler");

        write("Slow.java", handler("api.Slow", "res.send(\"new\");"));
        Path open = Files.writeString(project.resolve("open"), "open"); // the old code answers at once meanwhile
        await("/api/slow?gate=" + open, answers(200, "new"));
        Files.writeString(gate, "open");

        assertEquals("old", inFlight.get(20, TimeUnit.SECONDS).body());
    }

    @Test
    void watch_otherFilesInTheFolderAreNotCompiled() throws Exception {
        write("Hello.java", handler("api.Hello", "res.send(\"hello\");"));
        write("notes.txt", "not a source");
        start();

        write("notes.txt", "still not a source");
        write("Hello.java~", "an editor's backup");
        write("Hello.java", handler("api.Hello", "res.send(\"hello again\");"));

        await("/api/hello", answers(200, "hello again"));
    }

    @Test
    void reload_packageApiComesFromTheSourcesNeverFromTheClassPath() throws Exception {
        // The class path of these tests holds compiled fixtures in package api, as api.jar holds its examples.
        assertNotNull(Class.forName("api.child.Text", false, DevModeTest.class.getClassLoader()));
        write("child/Hello.java", handler("api.child.Hello", "res.send(\"from the sources\");"));
        start();
        assertEquals("from the sources", server.get("/api/child/hello").body());

        write("Uses.java", handler("api.Uses", "res.json(new api.child.Text());"));

        Failure failure = Json.read(await("/api/uses", status(500)).body(), Failure.class);
        assertTrue(failure.diagnostics().get(0).message().startsWith("cannot find symbol"), failure.toString());
    }

    @Tag("slow") // waits for the collector to drop old class loaders
    @Test
    void reload_dropsTheClassLoadersOfOldRoutes() throws Exception {
        // What a handler may do that could keep its loader: a record and a lambda through the
        // JSON layer (ClassValue caches), the server's logger, a static field.
        write("Leak.java", "package api;\n\nimport io.apiroutes.*;\nimport java.util.function.Supplier;\n\n"
                + "public final class Leak implements ApiHandler {\n"
                + "    record Answer(int round, String text) {}\n"
                + "    static final Supplier<String> TEXT = () -> \"round\";\n"
                + "    public void handle(ApiRequest req, ApiResponse res) {\n"
                + "        System.getLogger(\"api.Leak\").log(System.Logger.Level.DEBUG, \"answering\");\n"
                + "        res.json(new Answer(ROUND, TEXT.get()));\n"
                + "    }\n"
                + "    static final int ROUND = 0;\n}\n");
        dev = new DevMode(api(), new PrintStream(console, true, StandardCharsets.UTF_8));
        server = new TestServer(dev.reload());
        watching = new Thread(() -> { }, "not-watching");
        List<WeakReference<ClassLoader>> old = new ArrayList<>();
        for (int round = 1; round <= 100; round++) {
            old.add(new WeakReference<>(loaderOf(dev)));
            String source = Files.readString(api().resolve("Leak.java"));
            Files.writeString(api().resolve("Leak.java"), source.replaceAll("ROUND = \\d+", "ROUND = " + round));

            server.server.replaceRoutes(dev.reload());

            assertEquals("{\"round\":" + round + ",\"text\":\"round\"}", server.get("/api/leak").body());
        }
        ClassLoader current = loaderOf(dev);
        assertNotNull(current);

        long start = System.nanoTime();
        int alive;
        do {
            System.gc();
            Thread.sleep(50);
            alive = 0;
            for (WeakReference<ClassLoader> loader : old) {
                alive += loader.get() != null ? 1 : 0;
            }
        } while (alive > 0 && System.nanoTime() - start < DEADLINE_NANOS);
        assertEquals(0, alive, "class loaders of old routes still reachable, of 100");
    }

    private static ClassLoader loaderOf(DevMode dev) {
        return dev.handlers().get("/api/leak").getClass().getClassLoader();
    }

    @Test
    void main_dev_servesTheFolderOnLoopbackToLoopbackNamesAndLogsEachRequest() throws Exception {
        write("Hello.java", handler("api.Hello", "res.send(\"v1\");"));
        // The server's classes alone: dev mode needs no handler compiled before.
        String server = Path.of(ApiServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dapiroutes.engine=" + System.getProperty("apiroutes.engine", "jdk"),
                "-cp", server, "io.apiroutes.cli.Main", "dev", "--dir", "api", "--port", "0").directory(project.toFile());
        command.environment().put("HOST", "0.0.0.0"); // production's setting: dev mode stays on loopback

        try (ChildServer child = ChildServer.start(command, null)) {
            assertTrue(child.output().matches("(?s)apiroutes \\S+ ready on http://127\\.0\\.0\\.1:.*"), child.output());
            await(child.port, "/api/hello", answers(200, "v1"));
            write("Hello.java", handler("api.Hello", "res.send(\"v2\");"));
            await(child.port, "/api/hello", answers(200, "v2"));
            assertEquals(403, HostileSockets.send(child.port, "GET /api/hello HTTP/1.1\r\nHost: evil.example\r\n"
                    + "Connection: close\r\n\r\n").status());

            String logLine = " io.apiroutes: GET /api/hello 200 2 ";
            long start = System.nanoTime();
            while (!child.output().contains(logLine) && System.nanoTime() - start < DEADLINE_NANOS) {
                Thread.sleep(20);
            }
            assertTrue(child.output().contains(logLine), child.output());
        }
    }

    @Test
    void new_refusesAMissingFolder() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new DevMode(project.resolve("nothing"), new PrintStream(console, true, StandardCharsets.UTF_8)));

        assertEquals("no folder " + project.resolve("nothing") + ": create it, or name the folder of package api with --dir",
                e.getMessage());
    }
}
