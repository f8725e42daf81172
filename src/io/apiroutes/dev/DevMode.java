package io.apiroutes.dev;

import io.apiroutes.ApiApp;
import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRoutes;
import io.apiroutes.ApiServer;
import io.apiroutes.routing.RouteNaming;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Dev mode, {@code java -jar api.jar dev}: serves the handlers compiled in memory from the sources
 * under a folder, and when a file there is saved, added or deleted, compiles them all again into
 * a fresh {@link DevClassLoader} whose route table serves from the next request on. The JDK's
 * compiler and this, its file manager (which keeps class files in memory), serve every
 * compilation, so the platform's classes are read once.
 *
 * <p>When the sources do not compile, or their route table cannot be built (a route conflict),
 * the last good routes keep serving, except the routes of the broken files, which answer 500 with
 * the diagnostics: a route whose class has an error or uses (directly or not) a class with an
 * error, and the route a new file with an error would have by the naming convention. A helper
 * with an error that no route uses makes no route fail; the console shows its errors. Paths in
 * them are relative to the working directory, or to the folder's parent when it is elsewhere.
 *
 * <p>Only the {@code dev} command loads this class, which with its {@code ClassFile} is the only
 * one that refers to {@code javax.tools}.
 */
public final class DevMode extends ForwardingJavaFileManager<StandardJavaFileManager> {
    /** The Makefile's options for handlers, without annotation processing, which only slows a compilation down. */
    private static final List<String> OPTIONS = List.of("--release", "17", "-encoding", "UTF-8",
            "-XDstringConcat=inline", "-proc:none");

    /** How long the folder must stay quiet before a compilation, so that saving many files compiles once. */
    private static final long QUIET_MILLIS = 50;

    /** The longest a stream of changes may put a compilation off: 1 s. */
    private static final long MAX_DELAY_NANOS = 1_000_000_000;

    private final Path dir;
    /** What the paths shown are relative to: the working directory when the folder is in it, else the folder's parent. */
    private final Path base;
    private final PrintStream out;
    private final JavaCompiler javac;
    private final WatchService watcher;
    private final List<ClassFile> output = new ArrayList<>();

    /** The last routes that compiled and built, null before, and their class files by binary name. */
    private ApiRoutes good;
    /** The handlers of {@link #good}, by route. */
    private Map<String, ApiHandler> goodHandlers = Map.of();
    private ApiApp goodApp;
    private Map<String, byte[]> goodClasses = Map.of();

    /**
     * Prepares to compile and watch the folder of package {@code api}, against the server's classes
     * and this JVM's class path (which a launcher such as JUnit's may not put them on).
     *
     * @throws IllegalStateException if there is no such folder
     */
    public DevMode(Path dir, PrintStream out) throws IOException {
        this(ToolProvider.getSystemJavaCompiler(), dir, out);
    }

    private DevMode(JavaCompiler javac, Path dir, PrintStream out) throws IOException {
        super(javac.getStandardFileManager(null, null, StandardCharsets.UTF_8));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no folder " + dir + ": create it, or name the folder of package "
                    + RouteNaming.ROOT_PACKAGE + " with --dir");
        }
        this.dir = dir.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        this.base = this.dir.startsWith(cwd) || this.dir.getParent() == null ? cwd : this.dir.getParent();
        this.out = out;
        this.javac = javac;
        List<Path> classPath = new ArrayList<>();
        classPath.add(Path.of(URI.create(ApiHandler.class.getProtectionDomain().getCodeSource().getLocation().toString())));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(Path.of(entry));
        }
        fileManager.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
        this.watcher = dir.getFileSystem().newWatchService();
    }

    /**
     * Compiles every source under the folder, and returns the routes to serve: the new ones, or
     * when they fail, the last good ones with the routes of the broken files answering 500.
     */
    public ApiRoutes reload() throws IOException {
        long start = System.nanoTime();
        List<Path> sources = sources();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        output.clear();
        boolean compiled = javac.getTask(null, this, diagnostics, OPTIONS, null,
                fileManager.getJavaFileObjectsFromPaths(sources)).call();
        Map<String, byte[]> classes = new HashMap<>();
        for (ClassFile file : output) {
            classes.put(file.name, file.bytes.toByteArray());
        }
        output.clear();
        if (!compiled) {
            return compileFailed(diagnostics);
        }
        List<String> names = new ArrayList<>();
        for (String name : classes.keySet()) {
            if (name.indexOf('$') < 0 && name.startsWith(RouteNaming.ROOT_PACKAGE + ".")) {
                names.add(name);
            }
        }
        names.sort(null);
        ApiRoutes routes;
        Map<String, ApiHandler> handlers;
        ApiApp app;
        try {
            DevClassLoader loader = new DevClassLoader(classes, DevMode.class.getClassLoader());
            handlers = BuiltClasses.handlers(names, loader);
            app = BuiltClasses.app(names, loader);
            routes = routes(handlers).app(app).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            out.println("apiroutes: cannot build the route table (the last good routes still serve)");
            Set<String> named = new HashSet<>();
            for (String name : names) {
                if (ClassFile.mentions(e.getMessage(), name)) {
                    named.add(name);
                }
            }
            return failing("Cannot build the route table", List.of(diagnostic(null, -1, -1, shown(e.getMessage()))), named);
        }
        if (good != null) {
            out.println("apiroutes: compiled " + sources.size() + " files in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            printChanges(good.routes(), routes.routes());
        }
        good = routes;
        goodApp = app;
        goodHandlers = handlers;
        goodClasses = classes;
        return routes;
    }

    /** The handlers of the last good compilation, by route. */
    Map<String, ApiHandler> handlers() {
        return goodHandlers;
    }

    /** The routes of these handlers, by the table's rules: a conflict names both classes. */
    private static ApiRoutes.Builder routes(Map<String, ApiHandler> handlers) {
        ApiRoutes.Builder routes = ApiRoutes.builder();
        handlers.forEach(routes::route);
        return routes;
    }

    /** Prints the errors, and returns the routes to serve with the compiler's diagnostics. */
    private ApiRoutes compileFailed(DiagnosticCollector<JavaFileObject> found) {
        out.println("apiroutes: compilation failed (the last good routes still serve)");
        List<Object> diagnostics = new ArrayList<>();
        Set<String> broken = new HashSet<>();
        for (Diagnostic<? extends JavaFileObject> d : found.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                Path file = d.getSource() == null ? null : Path.of(d.getSource().getName()).toAbsolutePath();
                if (file != null && file.startsWith(dir)) { // api/users/_id.java: api.users._id
                    String relative = dir.relativize(file).toString();
                    broken.add(RouteNaming.ROOT_PACKAGE + "."
                            + relative.substring(0, relative.length() - 5).replace(File.separatorChar, '.'));
                }
                diagnostics.add(diagnostic(file == null ? null : shown(file), d.getLineNumber(), d.getColumnNumber(),
                        shown(d.getMessage(null))));
            }
        }
        return failing("Compilation failed", diagnostics, broken);
    }

    /** The last good routes, with those of {@code broken} classes and of their users answering 500 with the diagnostics. */
    private ApiRoutes failing(String error, List<Object> diagnostics, Set<String> broken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("diagnostics", diagnostics);
        ApiHandler answer = new BrokenRoute(body);
        Set<String> stale = users(broken);
        ApiRoutes.Builder routes = ApiRoutes.builder();
        if (good != null) {
            good.routes().forEach((pattern, name) -> routes.route(pattern, stale.contains(name) ? answer : goodHandlers.get(pattern)));
        }
        for (String name : broken) {
            if (!goodClasses.containsKey(name)) {
                try {
                    routes.route(RouteNaming.patternOf(name).toString(), answer);
                } catch (IllegalArgumentException e) {
                    // A new file with no route by the convention, or a route a good handler holds: the console says it.
                }
            }
        }
        return routes.app(goodApp).build(); // the running application goes on
    }

    /** {@code broken}, and the top-level classes of the last good build that use one of them, directly or not. */
    private Set<String> users(Set<String> broken) {
        Set<String> stale = new HashSet<>(broken);
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Map.Entry<String, byte[]> type : goodClasses.entrySet()) {
                String name = type.getKey();
                String topLevel = name.indexOf('$') < 0 ? name : name.substring(0, name.indexOf('$'));
                if (!stale.contains(topLevel) && ClassFile.usesAny(new String(type.getValue(), StandardCharsets.ISO_8859_1), stale)) {
                    stale.add(topLevel);
                    grew = true;
                }
            }
        }
        return stale;
    }

    /**
     * A path as the console and the 500 answers show it, relative: an answer may reach a page that
     * should not learn the machine's folders, and the relative path is the one a developer reads.
     */
    private String shown(Path path) {
        String shown = path.startsWith(base) ? base.relativize(path).toString() : String.valueOf(path.getFileName());
        return shown.isEmpty() ? "." : shown;
    }

    /** A compiler's message or an error's, with the paths under the base made relative. */
    private String shown(String text) {
        return text.replace(base.toString() + File.separator, "");
    }

    /** A diagnostic as the 500 answers show it, printed on the console as it is made. */
    private Map<String, Object> diagnostic(String file, long line, long column, String message) {
        Map<String, Object> diagnostic = new LinkedHashMap<>();
        diagnostic.put("file", file);
        diagnostic.put("line", line > 0 ? line : null);
        diagnostic.put("column", line > 0 ? column : null);
        diagnostic.put("message", message);
        out.println("  " + (file == null ? "" : file + (line > 0 ? ":" + line + ":" + column : "") + ": ") + message);
        return diagnostic;
    }

    private void printChanges(Map<String, String> before, Map<String, String> after) {
        for (Map.Entry<String, String> route : after.entrySet()) {
            String was = before.get(route.getKey());
            if (was == null) {
                out.println("  + " + route.getKey() + " -> " + route.getValue());
            } else if (!was.equals(route.getValue())) {
                out.println("  ~ " + route.getKey() + " -> " + route.getValue() + " (was " + was + ")");
            }
        }
        for (Map.Entry<String, String> route : before.entrySet()) {
            if (!after.containsKey(route.getKey())) {
                out.println("  - " + route.getKey() + " -> " + route.getValue());
            }
        }
    }

    /** The sources under the folder, in order; every folder on the way is watched, new ones too. */
    private List<Path> sources() throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted().toList();
        }
        List<Path> sources = new ArrayList<>();
        for (Path path : paths) {
            String name = path.getFileName().toString();
            if (Files.isDirectory(path)) {
                path.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
            } else if (name.endsWith(".java") && !name.startsWith(".")) { // not an editor's lock file, .#Hello.java
                sources.add(path);
            }
        }
        return sources;
    }

    /**
     * Compiles and serves again after each change under the folder, until {@link #close()}. A change
     * waits for the folder to be quiet for {@value #QUIET_MILLIS} ms (1 s at most), so that an
     * editor's save of many files compiles once; changes made meanwhile compile next.
     */
    public void watch(ApiServer server) {
        try {
            while (true) {
                if (!changed(watcher.take())) {
                    continue;
                }
                long deadline = System.nanoTime() + MAX_DELAY_NANOS;
                WatchKey more;
                while (System.nanoTime() - deadline < 0 && (more = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    changed(more);
                }
                try {
                    ApiApp before = goodApp;
                    server.replaceRoutes(reload());
                    if (goodApp != before) {
                        restart(before, goodApp, server);
                    }
                } catch (ClosedWatchServiceException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    out.println("apiroutes: cannot compile " + shown(dir) + ": " + shown(e.toString()));
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: dev mode is over
        }
    }

    /**
     * Whether the events of a folder touch a source or a folder: a name without a dot, as packages
     * have (not an editor's swap or backup file, {@code .Hello.java.swp}, {@code Hello.java~}).
     */
    private static boolean changed(WatchKey key) {
        boolean changed = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            String name = String.valueOf(event.context()); // "null" when events were lost
            changed |= name.endsWith(".java") || name.indexOf('.') < 0;
        }
        key.reset();
        return changed;
    }

    /**
     * Package {@code api} is the sources' alone: compiled copies on the class path (api.jar's) must
     * not stand in for a deleted file.
     */
    @Override
    public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
                                         boolean recurse) throws IOException {
        boolean api = packageName.equals(RouteNaming.ROOT_PACKAGE) || packageName.startsWith(RouteNaming.ROOT_PACKAGE + ".");
        return api && location == StandardLocation.CLASS_PATH ? List.of() : super.list(location, packageName, kinds, recurse);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                               FileObject sibling) {
        ClassFile file = new ClassFile(className, kind);
        output.add(file);
        return file;
    }

    /** Stops watching, so {@link #watch} returns, and closes the compiler's files. */
    @Override
    public void close() throws IOException {
        watcher.close();
        super.close();
    }

    /**
     * Stops the application of the old routes and starts the new one, as a save changes its class
     * (each build makes new objects): the server serves the new routes already.
     */
    private void restart(ApiApp before, ApiApp after, ApiServer server) {
        try {
            if (before != null) {
                before.stop();
            }
            if (after != null) {
                after.start(server);
            }
        } catch (Exception e) {
            out.println("apiroutes: the application's restart failed: " + shown(e.toString()));
        }
    }
}
