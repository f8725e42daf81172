package io.apiroutes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apiroutes.Fixtures;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up loads only what the first request needs: a server started from the command line, with
 * every class load logged by the JVM, answers a GET without loading dev mode, the annotation
 * processor, the test client, TLS, the JSON reader and binder, or the engine it does not serve on;
 * the reader loads when a request body needs it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StartupClassesTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern READY = Pattern.compile("apiroutes \\S+ ready on http://127\\.0\\.0\\.1:(\\d+) in -?\\d+ ms .*");
    /** Packages and classes no GET of a JSON answer needs, whichever engine serves. */
    private static final List<String> NEVER_FOR_A_GET = List.of("io.apiroutes.dev.", "io.apiroutes.processor.",
            "io.apiroutes.testing.", "io.apiroutes.tls.", "javax.net.ssl.", "io.apiroutes.json.JsonReader",
            "io.apiroutes.json.JsonBinder");

    @TempDir
    Path folder;

    @Test
    void aGetLoadsNoneOfWhatItDoesNotUse_aBodyLoadsTheReader() throws Exception {
        // the engine the run tests, else the server's default, apiroutes' own
        String engine = System.getProperty("apiroutes.engine", "apiroutes");
        Path log = folder.resolve("classes.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(java, "-Dapiroutes.engine=" + engine, "-Xlog:class+load:file=" + log,
                "-cp", String.join(File.pathSeparator, "build/classes", "build/test",
                        Fixtures.servicesFile(folder.resolve("services"), "api.conventions.v2.Hello", "api.child.Echo").toString()),
                "io.apiroutes.cli.Main", "--host", "127.0.0.1", "--port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String first = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine();
            Matcher ready = READY.matcher(first == null ? "" : first);
            assertTrue(ready.matches(), "first line: " + first);
            String base = "http://127.0.0.1:" + ready.group(1);

            HttpResponse<String> hello = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/conventions/v2/hello")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, hello.statusCode(), hello.body());
            assertTrue(hello.body().contains("\"handler\":\"api.conventions.v2.Hello\""), hello.body());
            List<String> loaded = loaded(log);
            List<String> notUsed = new java.util.ArrayList<>(NEVER_FOR_A_GET);
            // the JDK's engine is its server and exchange; Headers, the API both engines share, may load
            // helpers of sun.net.httpserver (Java 21+)
            notUsed.addAll(engine.equals("jdk") ? List.of("io.apiroutes.http1.")
                    : List.of("sun.net.httpserver.ServerImpl", "sun.net.httpserver.HttpServerImpl", "sun.net.httpserver.ExchangeImpl"));
            List<String> unneeded = loaded.stream().filter(name -> notUsed.stream().anyMatch(name::startsWith)).collect(Collectors.toList());
            assertEquals(List.of(), unneeded, "loaded by the first GET on the " + engine + " engine");
            assertTrue(loaded.contains("io.apiroutes.json.JsonWriter"), "the log lists what loaded: " + loaded.size() + " classes");

            HttpResponse<String> echo = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/child/echo"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"a\":[1,true]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("{\"a\":[1,true]}", echo.body());
            assertTrue(loaded(log).contains("io.apiroutes.json.JsonReader"), "a body to parse loads the reader");
        } finally {
            server.destroy();
            assertTrue(server.waitFor(60, TimeUnit.SECONDS));
        }
    }

    /** The class names the JVM's log lists as loaded so far ({@code [..][info][class,load] NAME source: ...}). */
    private static List<String> loaded(Path log) throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .map(line -> line.replaceFirst("^(\\[[^]]*\\])+\\s*", ""))
                .map(line -> line.split(" ", 2)[0])
                .collect(Collectors.toList());
    }
}
