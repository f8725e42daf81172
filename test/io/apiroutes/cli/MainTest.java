package io.apiroutes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.apiroutes.Fixtures;
import io.apiroutes.HostileSockets;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line, run as a user runs it: a JVM of its own, stopped with SIGTERM. Its routes are
 * fixture handlers listed in a services file of the test's own, never the examples of api/.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MainTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern READY = Pattern.compile("apiroutes \\S+ ready on http://127\\.0\\.0\\.1:(\\d+) in -?\\d+ ms .*");
    /** How long a process may take to start, answer or exit: far more than it takes on a loaded machine. */
    private static final long PATIENCE_SECONDS = 60;
    private static final List<String> HANDLERS = List.of("api.conventions.v2.Hello", "api.conventions.users._id.Posts",
            "api.slow.WaitForStdin");

    @TempDir
    Path services;

    /** A server process on the built classes, with a services file that lists {@code handlers}. */
    private Process start(List<String> handlers, String... args) throws IOException {
        return new ProcessBuilder(command(handlers, args)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private List<String> command(List<String> handlers, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Dapiroutes.engine=" + System.getProperty("apiroutes.engine", "jdk"),
                "-cp", String.join(File.pathSeparator, "build/classes", "build/test",
                Fixtures.servicesFile(services, handlers.toArray(String[]::new)).toString()), "io.apiroutes.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /** A started server, its port, the route lines it printed, and the rest of its output. */
    private record Started(Process process, int port, List<String> routes, BufferedReader out) {}

    private Started startAndRead(List<String> handlers, String... args) throws IOException {
        Process process = start(handlers, args);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        Matcher ready = READY.matcher(first == null ? "" : first);
        assertTrue(ready.matches(), "first line: " + first);
        List<String> routes = new ArrayList<>();
        for (int i = 0; i < Math.max(1, handlers.size()); i++) {
            routes.add(out.readLine());
        }
        return new Started(process, Integer.parseInt(ready.group(1)), routes, out);
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(PATIENCE_SECONDS)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void main_printsTheRouteTableAndServes() throws Exception {
        Started server = startAndRead(HANDLERS, "--port", "0", "--host", "127.0.0.1");
        try {
            assertEquals(List.of("  /api/conventions/users/[id]/posts -> api.conventions.users._id.Posts",
                    "  /api/conventions/v2/hello -> api.conventions.v2.Hello",
                    "  /api/slow/wait-for-stdin -> api.slow.WaitForStdin"), server.routes());
            assertEquals("{\"handler\":\"api.conventions.v2.Hello\",\"query\":{}}", get(server.port(), "/api/conventions/v2/hello").body());
        } finally {
            server.process().destroyForcibly();
        }
    }

    @Test
    void main_saysSoWhenNoHandlerIsListed() throws Exception {
        Started server = startAndRead(List.of(), "--port", "0", "--host", "127.0.0.1");
        try {
            assertEquals(List.of("  no routes: no handler was found (see stderr)"), server.routes());
            assertEquals(404, get(server.port(), "/api/conventions/v2/hello").statusCode());
        } finally {
            server.process().destroyForcibly();
        }
    }

    /** The request is held in its handler until the server has begun to stop, whatever the machine's speed. */
    @Test
    void sigterm_letsTheRequestInFlightFinishThenExits() throws Exception {
        Started server = startAndRead(HANDLERS, "--port=0", "--host=127.0.0.1", "--shutdown-grace=" + PATIENCE_SECONDS);
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return get(server.port(), "/api/slow/wait-for-stdin");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals("entered /api/slow/wait-for-stdin", server.out().readLine());

        server.process().toHandle().destroy(); // SIGTERM; Process.destroy() would also close its stdin
        boolean refused = HostileSockets.awaitConnectionRefused(server.port(), PATIENCE_SECONDS);
        OutputStream stdin = server.process().getOutputStream();
        stdin.write('\n');
        stdin.flush();

        HttpResponse<String> response = inFlight.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertTrue(refused, "new connections are refused once the stop began");
        assertEquals(200, response.statusCode());
        assertEquals("\"released\"", response.body());
        assertTrue(server.process().waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertEquals(143, server.process().exitValue());
    }

    /** A grace period of an hour, and the idle server is gone long before: it did not wait for it. */
    @Test
    void sigterm_stopsAnIdleServerAtOnce() throws Exception {
        Started server = startAndRead(HANDLERS, "--port", "0", "--host", "127.0.0.1", "--shutdown-grace", "3600");
        get(server.port(), "/api/conventions/v2/hello");

        server.process().destroy();

        assertTrue(server.process().waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS), "an idle server waited for its grace period");
        assertEquals(143, server.process().exitValue());
    }

    @Test
    void version_printsTheVersionInTheJarsManifest() throws Exception {
        String expected;
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile("api.jar")) {
            expected = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-jar", "api.jar", "--version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
        assertTrue(expected.matches("\\d+\\.\\d+\\.\\d+.*"), expected);
        assertEquals("apiroutes " + expected + "\n", output);
    }

    @Test
    void main_withoutHandlersSaysSoOnStderrAndWhatToCheck() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", "build/classes", "io.apiroutes.cli.Main", "--port", "0",
                "--host", "127.0.0.1").start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            String second = out.readLine();
            List<String> warning = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                warning.add(err.readLine());
            }

            assertTrue(READY.matcher(first).matches(), first);
            assertTrue(first.startsWith("apiroutes dev ready on "), first); // from classes: no jar, no version
            assertEquals("  no routes: no handler was found (see stderr)", second);
            assertTrue(warning.get(0).endsWith(" WARNING io.apiroutes: no handler found, so every request gets 404. Check:"),
                    warning.get(0));
            assertTrue(warning.get(1).contains("annotation processor") && warning.get(1).contains("-proc:full"), warning.get(1));
            assertTrue(warning.get(3).contains("provides io.apiroutes.ApiHandler with"), warning.get(3));
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    @Tag("slow") // sleeps 2 s before the JVM starts, as run.sh after make
    void main_readyTimeCountsFromTheJvmNotFromTheShellThatExecedIt() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux only");
        List<String> command = new ArrayList<>(List.of("sh", "-c", "sleep 2; exec \"$0\" \"$@\"")); // as run.sh does, after make
        command.addAll(command(HANDLERS, "--port", "0", "--host", "127.0.0.1"));
        long spawned = System.nanoTime();
        Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String first = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine();
            long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - spawned);

            Matcher ready = Pattern.compile("apiroutes \\S+ ready on .* in (-?\\d+) ms .*").matcher(first == null ? "" : first);
            assertTrue(ready.matches(), "first line: " + first);
            long printed = Long.parseLong(ready.group(1));
            // Counted from the JVM's start, after the shell's 2 s: at most the wall time less 2 s (and /proc's 10 ms ticks).
            assertTrue(printed >= 0 && printed + 2000 <= wall + 30, "printed " + printed + " ms, " + wall + " ms since the shell started");
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void main_refusesABadPortWithExitCode2() throws Exception {
        Process process = start(HANDLERS, "--port", "http");
        assertTrue(process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
    }
}
