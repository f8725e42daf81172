package io.apiroutes;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A build step, not part of serving: lists every public concrete top-level class under a
 * folder of compiled handlers that implements {@link ApiHandler}, and writes them to
 * {@code META-INF/services/io.apiroutes.ApiHandler}. Helper classes, records, interfaces,
 * abstract classes and nested types are left out. Classes are loaded without being initialized,
 * so no handler code runs at build time.
 *
 * <p>{@code java -cp build/classes io.apiroutes.ServicesFileGenerator build/api}
 */
final class ServicesFileGenerator {
    private ServicesFileGenerator() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ServicesFileGenerator <folder of compiled handlers>");
            System.exit(2);
        }
        try {
            List<String> handlers = write(Path.of(args[0]));
            System.out.println("found " + handlers.size() + " handler(s) under " + args[0]);
        } catch (IllegalStateException e) {
            System.err.println("apiroutes: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Writes the services file under {@code classes} and returns the handler names it lists. */
    static List<String> write(Path classes) throws IOException {
        List<String> handlers = find(classes);
        Path services = classes.resolve("META-INF/services/" + ApiHandler.class.getName());
        Files.createDirectories(services.getParent());
        StringBuilder text = new StringBuilder();
        for (String handler : handlers) {
            text.append(handler).append('\n');
        }
        Files.writeString(services, text, StandardCharsets.UTF_8);
        return handlers;
    }

    /**
     * The handlers under {@code classes}, checked as the server will check them at start-up:
     * each name must map to a route and no two may claim one.
     *
     * @throws IllegalStateException naming the class(es) when that check fails
     */
    static List<String> find(Path classes) throws IOException {
        List<String> handlers = scan(classes);
        RouteTable.Builder table = new RouteTable.Builder();
        ApiHandler placeholder = (req, res) -> res.end();
        for (String handler : handlers) {
            try {
                table.add(Route.of(RouteNaming.patternOf(handler), placeholder, handler));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return handlers;
    }

    private static List<String> scan(Path classes) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> !f.contains("$") && !f.equals("module-info.class") && !f.startsWith("META-INF/"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .forEach(names::add);
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ServicesFileGenerator.class.getClassLoader())) {
            return handlers(names, loader);
        }
    }

    /**
     * The handlers among top-level classes, loaded without being initialized (the build's rule,
     * also dev mode's over the classes it compiled in memory).
     *
     * @throws IllegalStateException naming the class, when one cannot be loaded or a handler has
     *     no public constructor without parameters
     */
    static List<String> handlers(List<String> names, ClassLoader loader) {
        List<String> handlers = new ArrayList<>();
        for (String name : names) {
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot load " + name + ": " + e, e);
            }
            if (isHandler(type)) {
                handlers.add(name);
            }
        }
        return handlers;
    }

    private static boolean isHandler(Class<?> type) {
        int modifiers = type.getModifiers();
        if (!ApiHandler.class.isAssignableFrom(type) || Modifier.isAbstract(modifiers) || type.isInterface()
                || type.getEnclosingClass() != null) {
            return false;
        }
        if (!Modifier.isPublic(modifiers)) {
            System.err.println("apiroutes: " + type.getName() + " implements ApiHandler but is not public: not a route");
            return false;
        }
        try {
            if (!Modifier.isPublic(type.getConstructor().getModifiers())) {
                throw new NoSuchMethodException();
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("handler " + type.getName()
                    + " needs a public constructor without parameters, so ServiceLoader can create it");
        }
        return true;
    }
}
