package io.apiroutes.engine;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import com.sun.net.httpserver.spi.HttpServerProvider;
import io.apiroutes.http1.EngineSettings;
import io.apiroutes.http1.Http1Server;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * apiroutes' own HTTP/1.1 engine behind the JDK's {@code com.sun.net.httpserver} API: strict
 * request parsing (every malformed request gets a JSON 400 and its connection closed), keep-alive
 * and pipelining, limits and time limits per server, and each exchange run on the thread that
 * read it. An instance holds the settings of the servers it creates; it reads no system property.
 *
 * <pre>{@code
 * HttpServer server = new EngineProvider().createHttpServer(new InetSocketAddress(8080), 1024);
 * // or, for every HttpServer.create of a JVM:
 * //   java -Dcom.sun.net.httpserver.HttpServerProvider=io.apiroutes.engine.EngineProvider ...
 * }</pre>
 *
 * <p>HTTPS is not supported: {@link #createHttpsServer} throws. Terminate TLS in front of the
 * server, or use the JDK's engine for HTTPS.
 */
public final class EngineProvider extends HttpServerProvider {
    final EngineSettings settings;

    /**
     * Creates a provider with the default settings: 30 s to send a request, 60 s to take a response
     * (of a streamed response, each write), 30 s idle keep-alive; a connection cap from the heap the
     * JVM may grow to, a connection per 16 KiB of it (4096 under a 64 MB heap), from 256 to 16384;
     * request lines up to 8 KiB, 200 header lines and 64 KiB of request head; a virtual thread per
     * busy connection on Java 21 and later, else a pool of at most 256 platform threads.
     */
    public EngineProvider() {
        this(EngineSettings.defaults());
    }

    EngineProvider(EngineSettings settings) {
        this.settings = settings;
    }

    /**
     * Returns a provider with other time limits.
     *
     * @param request how long a client may take to send a request (head and body)
     * @param response how long a client may take to receive a response of known length; for a
     *     streamed one (chunked), how long each write may wait on the client
     * @param idle how long a keep-alive connection may wait for its next request
     * @return a provider with these time limits and the other settings of this one
     * @throws IllegalArgumentException if a duration is not positive
     */
    public EngineProvider withTimeouts(Duration request, Duration response, Duration idle) {
        return new EngineProvider(settings.withTimeouts(nanos(request), nanos(response), nanos(idle)));
    }

    /**
     * Returns a provider with other connection limits. At {@code max} open connections a new one
     * takes the place of the one that has waited longest for a request (an idle keep-alive
     * connection, or a request head that stalled); when every connection is busy, the new one is
     * closed at once. Past {@code maxIdle} idle ones, responses say {@code Connection: close} and
     * their connections close.
     *
     * @param max the most connections open at once
     * @param maxIdle the most keep-alive connections waiting for a request at once
     * @return a provider with these limits and the other settings of this one
     * @throws IllegalArgumentException if a limit is below 1
     */
    public EngineProvider withConnectionLimits(int max, int maxIdle) {
        return new EngineProvider(settings.withConnectionLimits(positive(max), positive(maxIdle)));
    }

    /**
     * Returns a provider with other request head limits: a longer request line gets 414, more header
     * lines or bytes get 431.
     *
     * @param maxRequestLine the longest request line, in bytes
     * @param maxHeaderCount the most header lines
     * @param maxHeaderBytes the most bytes of request line and headers together
     * @return a provider with these limits and the other settings of this one
     * @throws IllegalArgumentException if a limit is below 1
     */
    public EngineProvider withRequestLimits(int maxRequestLine, int maxHeaderCount, int maxHeaderBytes) {
        return new EngineProvider(settings.withRequestLimits(positive(maxRequestLine), positive(maxHeaderCount),
                positive(maxHeaderBytes)));
    }

    /**
     * Returns a provider that serves each busy connection on a virtual thread (Java 21 and later),
     * or on platform threads from a pool. Either way a connection waiting for its next request
     * holds no thread.
     *
     * @param virtual true for virtual threads
     * @return a provider with this choice and the other settings of this one
     * @throws UnsupportedOperationException if {@code virtual} is true before Java 21
     */
    public EngineProvider withVirtualThreads(boolean virtual) {
        if (virtual && Runtime.version().feature() < 21) {
            throw new UnsupportedOperationException("virtual threads need Java 21 or later");
        }
        return new EngineProvider(settings.withThreads(virtual, settings.maxThreads()));
    }

    /**
     * Returns a provider whose pool of platform threads has at most {@code max} threads (when it
     * does not use virtual threads): busy connections past it wait in a queue for a thread.
     *
     * @param max the most platform threads
     * @return a provider with this limit and the other settings of this one
     * @throws IllegalArgumentException if {@code max} is below 1
     */
    public EngineProvider withMaxThreads(int max) {
        return new EngineProvider(settings.withThreads(settings.virtualThreads(), positive(max)));
    }

    /**
     * Returns a provider whose servers serve requests for these paths (health checks) ahead of the
     * connections that wait for a pool thread: a probe is answered within one request's time
     * however many clients wait. Only the exact path counts, not its query.
     *
     * @param paths absolute paths, e.g. {@code /livez}
     * @return a provider with these paths and the other settings of this one
     * @throws IllegalArgumentException if a path does not start with {@code /}
     */
    public EngineProvider withPriorityPaths(String... paths) {
        java.util.Set<String> set = new java.util.HashSet<>();
        for (String path : paths) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("a path starts with /, not '" + path + "'");
            }
            set.add(path);
        }
        return new EngineProvider(settings.withPriorityPaths(java.util.Set.copyOf(set)));
    }

    /**
     * Returns the most connections the servers of this provider keep open at once.
     *
     * @return the connection cap
     */
    public int maxConnections() {
        return settings.maxConnections();
    }

    /**
     * Returns the most threads that may serve requests at once: the pool's size, or with virtual
     * threads the connection cap.
     *
     * @return the thread limit
     */
    public int maxThreads() {
        return usesVirtualThreads() ? settings.maxConnections() : settings.maxThreads();
    }

    /**
     * Tells whether busy connections are served on virtual threads rather than a pool.
     *
     * @return true for virtual threads
     */
    public boolean usesVirtualThreads() {
        return settings.virtualThreads();
    }

    /**
     * Creates a server with this provider's settings.
     *
     * @param address the address to bind to, or null to bind later
     * @param backlog connections the OS may queue; 0 or less for its default
     * @return the server, not started
     * @throws IOException if the address cannot be bound
     */
    @Override
    public HttpServer createHttpServer(InetSocketAddress address, int backlog) throws IOException {
        Http1Server server = new Http1Server(settings);
        if (address != null) {
            server.bind(address, backlog);
        }
        return server;
    }

    /**
     * Not supported: this engine speaks plain HTTP only.
     *
     * @param address ignored
     * @param backlog ignored
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public HttpsServer createHttpsServer(InetSocketAddress address, int backlog) {
        throw new UnsupportedOperationException("the apiroutes engine does not serve HTTPS: terminate TLS in front"
                + " of it, or use the JDK's engine");
    }

    private static long nanos(Duration d) {
        long millis = Objects.requireNonNull(d, "duration").toMillis();
        if (millis <= 0) {
            throw new IllegalArgumentException("a time limit must be positive, not " + d);
        }
        return millis * 1_000_000;
    }

    private static int positive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a limit must be at least 1, not " + limit);
        }
        return limit;
    }
}
