package io.apiroutes.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The annotation processor, run by the JDK's javac over handlers written to a temporary folder. */
class HandlerProcessorTest {
    private static final String HANDLER_BODY = """
             implements io.apiroutes.ApiHandler {
                @Override
                public void handle(io.apiroutes.ApiRequest req, io.apiroutes.ApiResponse res) {
                    res.end();
                }
            }
            """;

    @TempDir
    Path dir;

    private record Compiled(boolean ok, List<String> errors, List<String> warnings, Path out) {
        String services() throws IOException {
            Path file = out.resolve("META-INF/services/io.apiroutes.ApiHandler");
            return Files.exists(file) ? Files.readString(file) : null;
        }
    }

    /** Writes a source file under dir/src; {@code path} is relative, e.g. {@code api/Hello.java}. */
    private void source(String path, String text) throws IOException {
        Path file = dir.resolve("src").resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void handler(String path, String pkg, String className) throws IOException {
        source(path, "package " + pkg + ";\n\npublic final class " + className + HANDLER_BODY);
    }

    /** Compiles every source under dir/src with the processor into dir/out (kept between calls). */
    private Compiled compile(boolean explicitProcessor, String... options) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(dir.resolve("src"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        return compile(sources, explicitProcessor, options);
    }

    private Compiled compile(List<Path> sources, boolean explicitProcessor, String... options) throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", out.toString()));
        args.addAll(List.of(options));
        if (!args.contains("-cp") && !args.contains("--module-path")) {
            args.addAll(List.of("-cp", "build/classes" + java.io.File.pathSeparator + out));
        }
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, args, null,
                    files.getJavaFileObjectsFromPaths(sources));
            if (explicitProcessor) {
                task.setProcessors(List.of(new HandlerProcessor()));
            }
            boolean ok = task.call();
            List<String> errors = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    errors.add(d.getMessage(Locale.ROOT));
                } else if (d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
                    warnings.add(d.getMessage(Locale.ROOT));
                }
            }
            return new Compiled(ok, errors, warnings, out);
        }
    }

    /** The compilation failed with this one error. */
    private static void assertError(Compiled result, String message) {
        assertFalse(result.ok());
        assertEquals(List.of(message), result.errors());
    }

    /** The compilation failed with one error that contains this text. */
    private static void assertErrorContaining(Compiled result, String text) {
        assertFalse(result.ok());
        assertEquals(1, result.errors().size(), result.errors().toString());
        assertTrue(result.errors().get(0).contains(text), result.errors().toString());
    }

    @Test
    void process_listsPublicConcreteTopLevelHandlersOnly() throws IOException {
        handler("api/shop/Index.java", "api.shop", "Index");
        source("api/shop/Base.java", "package api.shop;\n\npublic abstract class Base" + HANDLER_BODY);
        source("api/shop/_id.java", "package api.shop;\n\npublic final class _id extends Base {}\n");
        source("api/shop/Routed.java", "package api.shop;\n\npublic interface Routed extends io.apiroutes.ApiHandler {}\n");
        source("api/shop/ViaInterface.java", """
                package api.shop;

                public class ViaInterface implements Routed {
                    public static final class Nested extends Base {}

                    @Override
                    public void handle(io.apiroutes.ApiRequest req, io.apiroutes.ApiResponse res) {
                        res.end();
                    }
                }
                """);
        source("api/shop/Item.java", "package api.shop;\n\npublic record Item(String sku) {}\n");
        source("api/shop/Hidden.java", "package api.shop;\n\nfinal class Hidden" + HANDLER_BODY);
        handler("com/acme/Custom.java", "com.acme", "Custom");

        Compiled result = compile(true);

        assertTrue(result.ok(), result.errors().toString());
        assertEquals("api.shop.Index\napi.shop.ViaInterface\napi.shop._id\n", result.services());
        assertEquals(1, result.warnings().size(), result.warnings().toString());
        assertTrue(result.warnings().get(0).contains("api.shop.Hidden implements ApiHandler but is not public"),
                result.warnings().toString());
    }

    @Test
    void process_listsTheApplicationClassBesideTheHandlers() throws IOException {
        handler("api/Hello.java", "api", "Hello");
        source("api/App.java", "package api;\n\npublic final class App implements io.apiroutes.ApiApp {}\n");
        source("api/Quiet.java", "package api;\n\nfinal class Quiet implements io.apiroutes.ApiApp {}\n");

        Compiled result = compile(true);

        assertTrue(result.ok(), result.errors().toString());
        assertEquals("api.Hello\n", result.services());
        assertEquals("api.App\n", Files.readString(result.out().resolve("META-INF/services/io.apiroutes.ApiApp")));
        assertTrue(result.warnings().toString().contains("api.Quiet implements ApiApp but is not public: not run"),
                result.warnings().toString());
    }

    @Test
    void process_reportsTwoApplicationClassesNamingBoth() throws IOException {
        source("api/App.java", "package api;\n\npublic final class App implements io.apiroutes.ApiApp {}\n");
        source("api/admin/Other.java", "package api.admin;\n\npublic final class Other implements io.apiroutes.ApiApp {}\n");

        Compiled result = compile(true);

        assertErrorContaining(result, "two application classes, api.App and api.admin.Other");
    }

    @Test
    void process_reportsAnApplicationClassWithoutAPublicConstructorWithoutParameters() throws IOException {
        source("api/App.java", """
                package api;

                public final class App implements io.apiroutes.ApiApp {
                    public App(String config) {}
                }
                """);

        assertErrorContaining(compile(true), "application class api.App needs a public constructor without parameters");
    }

    @Test
    void process_reportsTwoHandlersForOneRouteNamingBoth() throws IOException {
        handler("api/clash/_id.java", "api.clash", "_id");
        handler("api/clash/_name.java", "api.clash", "_name");

        Compiled result = compile(true);

        assertError(result, "apiroutes: route conflict: /api/clash/[id] (api.clash._id) and /api/clash/[name] "
                + "(api.clash._name): different param names for the same dynamic segment ('id' and 'name')");
        assertEquals(null, result.services());
    }

    @Test
    void process_reportsAnOptionalCatchAllBesideItsParentsRoute() throws IOException {
        handler("api/docs/Index.java", "api.docs", "Index");
        handler("api/docs/___slug.java", "api.docs", "___slug");

        Compiled result = compile(true);

        assertErrorContaining(result, "(api.docs.Index) and /api/docs/[[...slug]] (api.docs.___slug)");
    }

    @Test
    void process_reportsANameTheConventionCannotRead() throws IOException {
        handler("api/Snake_Case.java", "api", "Snake_Case");

        Compiled result = compile(true);

        assertError(result, "apiroutes: cannot map handler api.Snake_Case to a route: 'Snake_Case' has a character "
                + "the convention cannot map: '_' (use letters and digits: UserProfile becomes user-profile)");
    }

    @Test
    void process_reportsAHandlerWithoutAPublicConstructorWithoutParameters() throws IOException {
        source("api/NeedsArgs.java", """
                package api;

                public final class NeedsArgs implements io.apiroutes.ApiHandler {
                    public NeedsArgs(String greeting) {}

                    @Override
                    public void handle(io.apiroutes.ApiRequest req, io.apiroutes.ApiResponse res) {
                        res.end();
                    }
                }
                """);

        Compiled result = compile(true);

        assertError(result, "apiroutes: handler api.NeedsArgs needs a public constructor without parameters, "
                + "so ServiceLoader can create it");
    }

    @Test
    void process_reportsAPackageThatDoesNotMatchItsFolderFromJava18() throws IOException {
        handler("api/todos/Stats.java", "api", "Stats");

        Compiled result = compile(true);

        if (Runtime.version().feature() >= 18) {
            assertError(result, "apiroutes: handler api.Stats is in folder api/todos/ but declares package api, "
                    + "so its route would be /api/stats: the route comes from the package; make the package match "
                    + "the folder");
        } else {
            // javac 17 cannot tell an element's source file (Elements.getFileObjectOf is from 18): no check
            assertTrue(result.ok(), result.errors().toString());
            assertEquals("api.Stats\n", result.services());
        }
    }

    @Test
    void process_reportsAHandlerInAFolderApiOutsidePackageApiFromJava18() throws IOException {
        handler("api/todos/Stats.java", "todos", "Stats");

        Compiled result = compile(true);

        if (Runtime.version().feature() >= 18) {
            assertError(result, "apiroutes: handler todos.Stats is in folder api/todos/ but declares package todos, "
                    + "so it would be no route: the route comes from the package; make the package match the folder");
        } else {
            assertTrue(result.ok(), result.errors().toString());
            assertEquals(null, result.services());
        }
    }

    @Test
    void process_reportsAHandlerOfANamedModuleMissingFromProvides() throws IOException {
        source("module-info.java", "module app {\n    requires io.apiroutes;\n    provides io.apiroutes.ApiHandler with api.Listed;\n}\n");
        handler("api/Listed.java", "api", "Listed");
        handler("api/Unlisted.java", "api", "Unlisted");

        Compiled result = compile(true, "--module-path", "build/classes");

        assertError(result, "apiroutes: handler api.Unlisted is in module app, where META-INF/services is not read: "
                + "list it in module-info.java, provides io.apiroutes.ApiHandler with api.Unlisted;");
    }

    @Test
    void process_acceptsANamedModuleThatProvidesEachHandler() throws IOException {
        source("module-info.java", "module app {\n    requires io.apiroutes;\n"
                + "    provides io.apiroutes.ApiHandler with api.Listed, api.users._id;\n}\n");
        handler("api/Listed.java", "api", "Listed");
        handler("api/users/_id.java", "api.users", "_id");

        Compiled result = compile(true, "--module-path", "build/classes");

        assertTrue(result.ok(), result.errors().toString());
        assertEquals("api.Listed\napi.users._id\n", result.services());
    }

    @Test
    void process_mergesTheServicesFileWhenOnlySomeFilesAreRecompiled() throws IOException {
        handler("api/A.java", "api", "A");
        handler("api/B.java", "api", "B");
        handler("api/C.java", "api", "C");
        assertTrue(compile(true).ok());

        // an IDE recompiles B alone, the output folder on its class path
        Compiled one = compile(List.of(dir.resolve("src/api/B.java")), true);
        assertTrue(one.ok(), one.errors().toString());
        assertEquals("api.A\napi.B\napi.C\n", one.services());

        // B stops being a handler, and C's class file is deleted
        source("api/B.java", "package api;\n\npublic final class B {}\n");
        Files.delete(dir.resolve("out/api/C.class"));
        Compiled two = compile(List.of(dir.resolve("src/api/B.java")), true);
        assertTrue(two.ok(), two.errors().toString());
        assertEquals("api.A\n", two.services());
    }

    @Test
    void process_checksRecompiledHandlersAgainstThoseListedBefore() throws IOException {
        handler("api/clash/_id.java", "api.clash", "_id");
        assertTrue(compile(true).ok());
        handler("api/clash/_name.java", "api.clash", "_name");

        Compiled result = compile(List.of(dir.resolve("src/api/clash/_name.java")), true);

        assertErrorContaining(result, "(api.clash._id) and /api/clash/[name] (api.clash._name)");
    }

    @Test
    void libraryJar_registersTheProcessorForTheProcessorPath() throws IOException {
        handler("api/Hello.java", "api", "Hello");

        Compiled result = compile(false, "-cp", "build/apiroutes.jar", "-processorpath", "build/apiroutes.jar");

        assertTrue(result.ok(), result.errors().toString());
        assertEquals("api.Hello\n", result.services());
    }

    @Test
    void libraryJar_onTheClassPathRunsOnlyBeforeJdk23OrWithProcFull() throws IOException {
        handler("api/Hello.java", "api", "Hello");

        Compiled implicit = compile(false, "-cp", "build/apiroutes.jar");
        String implicitServices = implicit.services();
        Files.deleteIfExists(dir.resolve("out/META-INF/services/io.apiroutes.ApiHandler"));
        Compiled full = compile(false, "-cp", "build/apiroutes.jar", "-proc:full");

        assertTrue(implicit.ok(), implicit.errors().toString());
        // JDK 23 turned off the processors javac finds on the class path unless asked (JDK-8321314)
        assertEquals(Runtime.version().feature() >= 23 ? null : "api.Hello\n", implicitServices);
        assertTrue(full.ok(), full.errors().toString());
        assertEquals("api.Hello\n", full.services());
    }
}
