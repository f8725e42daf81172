package io.apiroutes.jdk;


import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JDK {@code HttpServer} properties a server of our own sets, each only where the user has
 * not set it. They are JVM-wide and read once, when the JDK creates its first server, so they
 * are set before that; an application that mounts the routes on its own server sets its own.
 * docs/security.md gives the reason for each.
 */
public final class ServerDefaults {
    private ServerDefaults() {}

    /** Property and value; the JDK reads the time limits in seconds although it documents milliseconds. */
    public static Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sun.net.httpserver.nodelay", "true");              // Nagle + delayed ACK cost ~40 ms a request
        p.put("sun.net.httpserver.maxReqTime", "30");             // seconds to send headers and body
        p.put("sun.net.httpserver.idleInterval", "30");           // seconds an idle keep-alive connection stays
        int connections = jdkConnections(Runtime.getRuntime().maxMemory());
        p.put("jdk.httpserver.maxConnections", Integer.toString(connections));   // from the heap: ~30 KB of buffers each
        p.put("sun.net.httpserver.maxIdleConnections", Integer.toString(connections)); // past it the JDK closes keep-alive without saying so
        p.put("sun.net.httpserver.drainAmount", "0");             // unread body: close, do not wait for it
        p.put("sun.net.httpserver.maxReqHeaderSize", "65536");    // the JDK's own cap, above our 16 KB 431
        return p;
    }

    /**
     * The JDK engine's connection cap in this JVM: the property as set, which the JDK reads once,
     * when its first server is created.
     */
    public static int jdkMaxConnections() {
        Integer set = Integer.getInteger("jdk.httpserver.maxConnections");
        return set != null && set > 0 ? set : jdkConnections(Runtime.getRuntime().maxMemory());
    }

    /** What the JDK's engine holds per connection: its parser's and writer's buffers, kept for the connection's life. */
    static final long HEAP_PER_CONNECTION = 128 * 1024;

    /** The connection cap of the JDK's engine for a heap: a connection per 128 KiB of it (512 under 64 MB), from 64 to 4096. */
    public static int jdkConnections(long heap) {
        return (int) Math.max(64, Math.min(4096, heap / HEAP_PER_CONNECTION));
    }

    /** Sets each property the user has not set. */
    public static void apply() {
        for (Map.Entry<String, String> property : properties().entrySet()) {
            if (System.getProperty(property.getKey()) == null) {
                System.setProperty(property.getKey(), property.getValue());
            }
        }
    }
}
