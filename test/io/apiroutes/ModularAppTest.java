package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/modular-app as a user builds and runs it: javac with the library on the module path and
 * its processor on the processor path, jar, then {@code java -p ... -m app} with nothing of the JDK
 * observable but what the modules require (java.base and jdk.httpserver).
 */
@Tag("slow") // javac, jar and a JVM of its own: seconds
class ModularAppTest {
    private static final Path LIBRARY = Path.of("build/apiroutes.jar");
    private static final Pattern READY = Pattern.compile("app ready on port (\\d+) .*");

    @TempDir
    Path dir;

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("examples/modular-app/src"))) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }

    private static String run(String tool, List<String> args) {
        StringWriter output = new StringWriter();
        PrintWriter out = new PrintWriter(output, true);
        int code = ToolProvider.findFirst(tool).orElseThrow().run(out, out, args.toArray(new String[0]));
        assertEquals(0, code, tool + " " + args + ":\n" + output);
        return output.toString();
    }

    private Path build() throws IOException {
        Path classes = dir.resolve("classes");
        List<String> javac = new ArrayList<>(List.of("--release", "17", "-Xlint:all", "-Werror", "-d", classes.toString(),
                "--module-path", LIBRARY.toString(), "-processorpath", LIBRARY.toString()));
        sources().forEach(source -> javac.add(source.toString()));
        run("javac", javac);
        Path jar = dir.resolve("app.jar");
        run("jar", List.of("--create", "--file", jar.toString(), "--main-class", "app.Main", "-C", classes.toString(), "."));
        return jar;
    }

    @Test
    void modularApp_buildsAndAnswersOnTheModulePathWithJavaBaseAndJdkHttpserverOnly() throws Exception {
        Path jar = build();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "--limit-modules", "app",
                "-p", LIBRARY + File.pathSeparator + jar, "-m", "app", "0")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return e.toString();
                }
            }).get(30, TimeUnit.SECONDS);
            Matcher ready = READY.matcher(first == null ? "" : first);
            assertTrue(ready.matches(), "first line: " + first);
            assertEquals("app ready on port " + ready.group(1) + " {/api/hello=api.Hello, /api/todos=api.todos.Index}", first);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI base = URI.create("http://127.0.0.1:" + ready.group(1));

            HttpResponse<String> hello = client.send(HttpRequest.newBuilder(base.resolve("/api/hello"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> todo = client.send(HttpRequest.newBuilder(base.resolve("/api/todos"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"milk\"}"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, hello.statusCode());
            assertEquals("{\"message\":\"Hello from a module!\"}", hello.body());
            assertEquals(201, todo.statusCode(), todo.body());
            assertEquals("{\"id\":1,\"title\":\"milk\"}", todo.body());
            assertTrue(process.isAlive());
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void modularApp_failsToCompileWhenAHandlerIsMissingFromProvides() throws IOException {
        Path src = dir.resolve("src");
        for (Path source : sources()) {
            Path copy = src.resolve(Path.of("examples/modular-app/src").relativize(source));
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, Files.readString(source).replace("with api.Hello, api.todos.Index;", "with api.Hello;"));
        }
        List<String> javac = new ArrayList<>(List.of("--release", "17", "-d", dir.resolve("classes").toString(),
                "--module-path", LIBRARY.toString(), "-processorpath", LIBRARY.toString()));
        try (Stream<Path> files = Files.walk(src)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> javac.add(f.toString()));
        }
        StringWriter output = new StringWriter();

        int code = ToolProvider.findFirst("javac").orElseThrow().run(new PrintWriter(output, true),
                new PrintWriter(output, true), javac.toArray(new String[0]));

        assertFalse(code == 0, output.toString());
        assertTrue(output.toString().contains("apiroutes: handler api.todos.Index is in module app, where "
                + "META-INF/services is not read: list it in module-info.java, provides io.apiroutes.ApiHandler "
                + "with api.todos.Index;"), output.toString());
    }
}
