package io.apiroutes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar api.jar} as a user runs it, in a JVM of its own with run.sh's heap
 * ({@code -XX:+UseSerialGC -Xms16m -Xmx64m}): {@code io.apiroutes.cli.Main} on 127.0.0.1, port 0,
 * serving the fixture handlers of {@code test/fixtures/api/child}. For what only a separate process shows:
 * running out of memory, exit codes, JVM-wide limits.
 */
public final class ChildServer implements AutoCloseable {
    private static final List<String> HANDLERS = List.of("api.child.Hello", "api.child.Echo", "api.child.Bytes",
            "api.child.Text", "api.child.Shared", "api.child.Slow", "api.child.Crash");
    private static final Pattern READY = Pattern.compile("ready on http://127\\.0\\.0\\.1:(\\d+) ");

    public final Process process;
    public final int port;
    private final StringBuffer output;
    private final Path services;

    private ChildServer(Process process, int port, StringBuffer output, Path services) {
        this.process = process;
        this.port = port;
        this.output = output;
        this.services = services;
    }

    /** Starts the server with run.sh's JVM options, then {@code extraJvmOptions}, and waits until it is ready. */
    public static ChildServer start(String... extraJvmOptions) throws IOException {
        Path services = Files.createTempDirectory("apiroutes-child");
        Path file = services.resolve("META-INF/services/io.apiroutes.ApiHandler");
        Files.createDirectories(file.getParent());
        Files.write(file, HANDLERS);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xms16m", "-Xmx64m", "-Dapiroutes.engine=" + System.getProperty("apiroutes.engine", "apiroutes")));
        command.addAll(List.of(extraJvmOptions));
        command.addAll(List.of("-cp", classPath(services), "io.apiroutes.cli.Main", "--port", "0", "--host", "127.0.0.1"));
        return start(new ProcessBuilder(command), services);
    }

    /**
     * Starts a server with a command line of its own, and waits until it says it is ready on 127.0.0.1.
     *
     * @param services a folder to delete when the server is closed, or null
     */
    public static ChildServer start(ProcessBuilder command, Path services) throws IOException {
        Process process = command.redirectErrorStream(true).start();
        StringBuffer output = new StringBuffer();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.append(line).append('\n');
                    Matcher ready = READY.matcher(line);
                    if (ready.find()) {
                        port.complete(Integer.parseInt(ready.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            port.completeExceptionally(new IOException("the server ended before it was ready:\n" + output));
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ChildServer(process, port.get(30, TimeUnit.SECONDS), output, services);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("the child server did not start: " + e.getMessage() + "\n" + output, e);
        }
    }

    /** What the server printed so far (its start-up lines at least). */
    public String output() {
        return output.toString();
    }

    /** Waits up to five seconds for the server to print {@code text}; true when it did. */
    public boolean awaitOutput(String text) throws InterruptedException {
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); System.nanoTime() - end < 0; Thread.sleep(20)) {
            if (output.indexOf(text) >= 0) {
                return true;
            }
        }
        return output.indexOf(text) >= 0;
    }

    /** Waits for the process to end by itself, and returns its exit code, or -1 when it is still running. */
    public int awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (services == null) {
            return;
        }
        Files.deleteIfExists(services.resolve("META-INF/services/io.apiroutes.ApiHandler"));
        Files.deleteIfExists(services.resolve("META-INF/services"));
        Files.deleteIfExists(services.resolve("META-INF"));
        Files.deleteIfExists(services);
    }

    /** The server's classes, the test classes (which hold the fixtures), and the services file. */
    private static String classPath(Path services) {
        try {
            String server = Path.of(ApiServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            String tests = Path.of(ChildServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            return String.join(java.io.File.pathSeparator, server, tests, services.toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
