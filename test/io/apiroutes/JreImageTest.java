package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production path needs {@code java.base} and {@code jdk.httpserver} only: {@code java -jar}
 * serves on a Java runtime made of those two modules with jlink, where {@code dev} says it needs
 * a JDK; and no class of api.jar refers to {@code javax.tools}: dev mode is in the library jar.
 */
@Tag("slow") // jlink builds a runtime: seconds
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class JreImageTest {
    private static final Set<String> DEV_CLASSES = Set.of("io/apiroutes/dev/DevMode.class", "io/apiroutes/dev/ClassFile.class");

    @TempDir
    Path temp;

    @Test
    void jar_servesOnARuntimeOfJavaBaseAndHttpServerWhereDevSaysItNeedsAJdk() throws Exception {
        Path image = temp.resolve("runtime");
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        Process link = new ProcessBuilder(jlink.toString(), "--add-modules", "java.base,jdk.httpserver",
                "--no-header-files", "--no-man-pages", "--output", image.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("jlink.log").toFile()).start();
        if (!link.waitFor(120, TimeUnit.SECONDS)) {
            link.destroyForcibly();
            throw new AssertionError("jlink took over 120 s");
        }
        assertEquals(0, link.exitValue(), Files.readString(temp.resolve("jlink.log")));
        String java = image.resolve("bin/java").toString();
        Path jar = jar(temp.resolve("api.jar"));

        try (ChildServer server = ChildServer.start(new ProcessBuilder(java, "-jar", jar.toString(),
                "--port", "0", "--host", "127.0.0.1"), null)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + "/api/child/hello"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("{\"message\":\"hello\"}", response.body());
        }

        Process dev = new ProcessBuilder(java, "-jar", jar.toString(), "dev", "--port", "0")
                .redirectErrorStream(true).redirectOutput(temp.resolve("dev.log").toFile()).start();
        if (!dev.waitFor(60, TimeUnit.SECONDS)) {
            dev.destroyForcibly();
            throw new AssertionError("dev mode on a runtime without a compiler did not exit");
        }
        assertEquals(1, dev.exitValue());
        assertEquals("apiroutes: dev mode needs a JDK: it compiles the sources with the JDK's compiler "
                + "(module jdk.compiler), which this Java runtime does not have\n", Files.readString(temp.resolve("dev.log")));
    }

    @Test
    void apiJar_refersToNoJavaxTools_devModeIsInTheLibraryJar() throws IOException {
        // Both built by make test, as MainTest's version test reads api.jar.
        assertEquals(Set.of(), referringToJavaxTools("api.jar"));
        assertEquals(new TreeSet<>(DEV_CLASSES), referringToJavaxTools("build/apiroutes.jar"));
    }

    private static Set<String> referringToJavaxTools(String file) throws IOException {
        Set<String> referring = new TreeSet<>();
        try (JarFile jar = new JarFile(file)) {
            for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                if (entry.getName().endsWith(".class") && !entry.getName().contains("HandlerProcessor")
                        && new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1)
                                .contains("javax/tools/")) {
                    referring.add(entry.getName());
                }
            }
        }
        return referring;
    }

    /** The folder of compiled classes that holds {@code type}. */
    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A jar of the server's classes, dev mode's too (as api.jar and the library jar its manifest
     * names), with the fixture route {@code api.child.Hello}.
     */
    private static Path jar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.apiroutes.cli.Main");
        Path classes = locationOf(ApiServer.class);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> walk = Files.walk(classes.resolve("io"))) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                add(out, classes.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
            }
            for (String name : List.of("api/child/Hello.class")) {
                add(out, name, Files.readAllBytes(locationOf(JreImageTest.class).resolve(name)));
            }
            add(out, "META-INF/services/io.apiroutes.ApiHandler", "api.child.Hello\n".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static void add(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
