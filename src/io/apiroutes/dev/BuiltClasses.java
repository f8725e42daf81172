package io.apiroutes.dev;

import io.apiroutes.ApiApp;
import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRoutes;
import io.apiroutes.processor.HandlerProcessor;
import io.apiroutes.routing.RouteNaming;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handlers and the application class of one dev-mode compilation, created from its class
 * loader by the rules of the build's annotation processor, so that dev mode serves what a build
 * would list.
 */
final class BuiltClasses {
    private BuiltClasses() {}

    /**
     * The handlers among the top-level classes of package {@code api}, by route, by the rule of the
     * build's annotation processor ({@link HandlerProcessor}): the public, concrete classes that
     * implement {@link ApiHandler}, each created with its public constructor without parameters.
     *
     * @throws IllegalArgumentException or IllegalStateException naming the classes, as {@link ApiRoutes#discover()}
     */
    static Map<String, ApiHandler> handlers(List<String> names, ClassLoader loader) {
        Map<String, ApiHandler> handlers = new LinkedHashMap<>();
        Map<String, String> classes = new HashMap<>();
        for (String name : names) {
            try {
                Class<?> type = loader.loadClass(name);
                int modifiers = type.getModifiers();
                if (ApiHandler.class.isAssignableFrom(type) && Modifier.isPublic(modifiers) && !Modifier.isAbstract(modifiers)) {
                    String pattern = RouteNaming.patternOf(name).toString();
                    String other = classes.putIfAbsent(pattern, name);
                    if (other != null) { // two files of one route (users/_id.java, users/_id/Index.java): as the table says it
                        throw new IllegalArgumentException("route conflict: " + pattern + " (" + other + ") and " + pattern
                                + " (" + name + "): two handlers for one route");
                    }
                    handlers.put(pattern, (ApiHandler) type.getConstructor().newInstance());
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IllegalStateException("cannot create handler " + name + ": "
                        + (e.getCause() != null ? e.getCause() : e), e);
            }
        }
        return handlers;
    }

    /**
     * The application class among the top-level classes of package {@code api} (public, concrete,
     * implementing {@link ApiApp}), created anew, or null; two are refused naming both, as the
     * build's processor refuses them.
     */
    static ApiApp app(List<String> names, ClassLoader loader) {
        ApiApp app = null;
        for (String name : names) {
            try {
                Class<?> type = loader.loadClass(name);
                int modifiers = type.getModifiers();
                if (ApiApp.class.isAssignableFrom(type) && Modifier.isPublic(modifiers) && !Modifier.isAbstract(modifiers)) {
                    if (app != null) {
                        throw new IllegalStateException("two application classes, " + app.getClass().getName() + " and "
                                + name + ": a server runs one ApiApp; keep one");
                    }
                    app = (ApiApp) type.getConstructor().newInstance();
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IllegalStateException("cannot create application class " + name + ": "
                        + (e.getCause() != null ? e.getCause() : e), e);
            }
        }
        return app;
    }
}
