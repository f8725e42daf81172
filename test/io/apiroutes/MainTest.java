package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run as a user runs it: a JVM of its own, stopped with SIGTERM. */
class MainTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern READY = Pattern.compile("apiroutes ready on http://127\\.0\\.0\\.1:(\\d+) in -?\\d+ ms .*");

    @TempDir
    Path services;

    /** A server process on the built classes, the example routes and the slow test route. */
    private Process start(String... args) throws IOException {
        Path file = services.resolve("META-INF/services/io.apiroutes.ApiHandler");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "api.slow.Sleep\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Dapiroutes.engine=" + System.getProperty("apiroutes.engine", "jdk"), "-cp",
                String.join(File.pathSeparator, "build/classes", "build/api", "build/test", services.toString()),
                "io.apiroutes.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private record Started(Process process, int port, List<String> lines) {}

    private Started startAndRead(String... args) throws IOException {
        Process process = start(args);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        Matcher ready = READY.matcher(first == null ? "" : first);
        assertTrue(ready.matches(), "first line: " + first);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            lines.add(out.readLine());
        }
        return new Started(process, Integer.parseInt(ready.group(1)), lines);
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void main_printsTheRouteTableAndServes() throws Exception {
        Started server = startAndRead("--port", "0", "--host", "127.0.0.1");
        try {
            assertEquals(List.of("  /api/echo -> api.Echo", "  /api/hello -> api.Hello", "  /api/slow/sleep -> api.slow.Sleep",
                    "  /api/users/[id] -> api.users._id"), server.lines());
            assertEquals("{\"message\":\"Hello from Java!\"}", get(server.port(), "/api/hello").body());
        } finally {
            server.process().destroyForcibly();
        }
    }

    @Test
    void sigterm_letsTheRequestInFlightFinishThenExits() throws Exception {
        Started server = startAndRead("--port=0", "--host=127.0.0.1");
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return get(server.port(), "/api/slow/sleep?ms=1000");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);

        server.process().destroy(); // SIGTERM

        HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("\"slept\"", response.body());
        assertTrue(server.process().waitFor(10, TimeUnit.SECONDS));
        assertEquals(143, server.process().exitValue());
    }

    @Test
    void sigterm_stopsAnIdleServerAtOnce() throws Exception {
        Started server = startAndRead("--port", "0", "--host", "127.0.0.1");
        get(server.port(), "/api/hello");
        long start = System.nanoTime();

        server.process().destroy();

        assertTrue(server.process().waitFor(10, TimeUnit.SECONDS));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 3000, "an idle server took " + millis + " ms to exit");
    }

    @Test
    void main_refusesABadPortWithExitCode2() throws Exception {
        Process process = start("--port", "http");
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
    }
}
