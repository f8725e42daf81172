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

/** Dev mode on a temporary project folder, served on loopback, and a client that polls until the new code answers. */
abstract class DevModeFixture {
    /** A compile error's answer, as a client reads it. */
    record Failure(String error, List<Diagnostic> diagnostics) {}

    record Diagnostic(String file, Long line, Long column, String message) {}

    static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(20);
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path project;

    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    DevMode dev;
    TestServer server;
    Thread watching;

    Path api() throws IOException {
        return Files.createDirectories(project.resolve("api"));
    }

    void write(String file, String source) throws IOException {
        Path path = api().resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, source);
    }

    /** A handler class in its package, whose {@code handle} body is {@code body} (on line 7). */
    static String handler(String className, String body) {
        int dot = className.lastIndexOf('.');
        return "package " + className.substring(0, dot) + ";\n\nimport io.apiroutes.*;\n\n"
                + "public final class " + className.substring(dot + 1) + " implements ApiHandler {\n"
                + "    public void handle(ApiRequest req, ApiResponse res) {\n"
                + "        " + body + "\n"
                + "    }\n}\n";
    }

    /** Dev mode on the folder, served as {@code dev} serves it, with these options besides. */
    void start(String... options) throws IOException {
        dev = new DevMode(api(), new PrintStream(console, true, StandardCharsets.UTF_8));
        List<String> args = new ArrayList<>(List.of("dev", "--dir", api().toString()));
        args.addAll(List.of(options));
        server = new TestServer(Main.builder(CommandLine.parse(args.toArray(String[]::new), Map.of()), dev.reload())
                .requestLog(false));
        watching = new Thread(() -> dev.watch(server.server), "dev-watch");
        watching.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (dev != null) {
            dev.close();
            watching.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(watching.isAlive(), "the watcher did not stop when closed");
            server.close();
        }
    }

    HttpResponse<String> await(String path, Predicate<HttpResponse<String>> check) throws Exception {
        return await(server.server.port(), path, check);
    }

    /** Polls the path until its answer passes the check; returns that answer, or fails at the deadline. */
    HttpResponse<String> await(int port, String path, Predicate<HttpResponse<String>> check) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response;
        do {
            response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (check.test(response)) {
                return response;
            }
            Thread.sleep(20);
        } while (System.nanoTime() - start < DEADLINE_NANOS);
        throw new AssertionError("no such answer from " + path + " within 20 s; last: " + response.statusCode() + " "
                + response.body() + "\nconsole:\n" + console());
    }

    static Predicate<HttpResponse<String>> answers(int status, String body) {
        return r -> r.statusCode() == status && r.body().equals(body);
    }

    static Predicate<HttpResponse<String>> status(int status) {
        return r -> r.statusCode() == status;
    }

    String console() {
        return console.toString(StandardCharsets.UTF_8);
    }
}
