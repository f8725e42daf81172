package io.apiroutes.dev;

import io.apiroutes.routing.RouteNaming;
import java.util.Map;

/**
 * The classes of one compilation in dev mode, defined from memory. Each compilation gets a
 * loader of its own, which nothing keeps once the routes it made stop serving, so its classes
 * are unloaded. Package {@code api} comes only from here, never from the parent: the class path
 * may hold compiled copies of the same handlers (api.jar's own), which would otherwise win.
 */
final class DevClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    /** The loader of {@code classes} (binary name to class file), with the server's classes from {@code parent}. */
    DevClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
        super("apiroutes-dev", parent);
        this.classes = classes;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null && !name.startsWith(RouteNaming.ROOT_PACKAGE + ".")) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type != null) {
                return type;
            }
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
