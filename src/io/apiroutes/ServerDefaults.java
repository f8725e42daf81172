package io.apiroutes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JDK {@code HttpServer} properties a server of our own sets, each only where the user has
 * not set it. They are JVM-wide and read once, when the JDK creates its first server, so they
 * are set before that; an application that mounts the routes on its own server sets its own.
 * SECURITY.md gives the reason for each.
 */
final class ServerDefaults {
    private ServerDefaults() {}

    /** Property and value; the JDK reads the time limits in seconds although it documents milliseconds. */
    static Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sun.net.httpserver.nodelay", "true");              // Nagle + delayed ACK cost ~40 ms a request
        p.put("sun.net.httpserver.maxReqTime", "30");             // seconds to send headers and body
        p.put("sun.net.httpserver.idleInterval", "30");           // seconds an idle keep-alive connection stays
        int connections = ServerCapacity.jdkConnections(Runtime.getRuntime().maxMemory());
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
    static int jdkMaxConnections() {
        Integer set = Integer.getInteger("jdk.httpserver.maxConnections");
        return set != null && set > 0 ? set : ServerCapacity.jdkConnections(Runtime.getRuntime().maxMemory());
    }

    /** Sets each property the user has not set. */
    static void apply() {
        for (Map.Entry<String, String> property : properties().entrySet()) {
            if (System.getProperty(property.getKey()) == null) {
                System.setProperty(property.getKey(), property.getValue());
            }
        }
    }
}
