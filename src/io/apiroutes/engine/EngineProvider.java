package io.apiroutes.engine;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import com.sun.net.httpserver.spi.HttpServerProvider;
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
    final long requestNanos;
    final long responseNanos;
    final long idleNanos;
    final int maxConnections;
    final int maxIdleConnections;
    final int maxRequestLine;
    final int maxHeaderCount;
    final int maxHeaderBytes;
    /** True: a virtual thread per connection; false: platform threads that hand idle connections to a selector. */
    final boolean virtualThreads;

    /**
     * Creates a provider with the default settings: 30 s to send a request, 60 s to take a response
     * (of a streamed response, each write),
     * 30 s idle keep-alive, 4096 connections of which at most 1024 idle, request lines up to 8 KiB,
     * 200 header lines and 64 KiB of request head; a virtual thread per connection on Java 21 and later.
     */
    public EngineProvider() {
        this(30_000, 60_000, 30_000, 4096, 1024, 8192, 200, 65536, Runtime.version().feature() >= 21);
    }

    private EngineProvider(long requestMillis, long responseMillis, long idleMillis, int maxConnections,
                           int maxIdleConnections, int maxRequestLine, int maxHeaderCount, int maxHeaderBytes,
                           boolean virtualThreads) {
        this.requestNanos = requestMillis * 1_000_000;
        this.responseNanos = responseMillis * 1_000_000;
        this.idleNanos = idleMillis * 1_000_000;
        this.maxConnections = maxConnections;
        this.maxIdleConnections = maxIdleConnections;
        this.maxRequestLine = maxRequestLine;
        this.maxHeaderCount = maxHeaderCount;
        this.maxHeaderBytes = maxHeaderBytes;
        this.virtualThreads = virtualThreads;
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
        return new EngineProvider(millis(request), millis(response), millis(idle), maxConnections,
                maxIdleConnections, maxRequestLine, maxHeaderCount, maxHeaderBytes, virtualThreads);
    }

    /**
     * Returns a provider with other connection limits. Past {@code max} open connections the server
     * stops accepting until one closes; past {@code maxIdle} idle ones, responses say
     * {@code Connection: close} and their connections close.
     *
     * @param max the most connections open at once
     * @param maxIdle the most keep-alive connections waiting for a request at once
     * @return a provider with these limits and the other settings of this one
     * @throws IllegalArgumentException if a limit is below 1
     */
    public EngineProvider withConnectionLimits(int max, int maxIdle) {
        return new EngineProvider(requestNanos / 1_000_000, responseNanos / 1_000_000, idleNanos / 1_000_000,
                positive(max), positive(maxIdle), maxRequestLine, maxHeaderCount, maxHeaderBytes, virtualThreads);
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
        return new EngineProvider(requestNanos / 1_000_000, responseNanos / 1_000_000, idleNanos / 1_000_000,
                maxConnections, maxIdleConnections, positive(maxRequestLine), positive(maxHeaderCount),
                positive(maxHeaderBytes), virtualThreads);
    }

    /**
     * Returns a provider that serves each connection on a virtual thread (Java 21 and later), or on
     * platform threads that give a connection back to a selector when it waits for a request.
     *
     * @param virtual true for virtual threads
     * @return a provider with this choice and the other settings of this one
     * @throws UnsupportedOperationException if {@code virtual} is true before Java 21
     */
    public EngineProvider withVirtualThreads(boolean virtual) {
        if (virtual && Runtime.version().feature() < 21) {
            throw new UnsupportedOperationException("virtual threads need Java 21 or later");
        }
        return new EngineProvider(requestNanos / 1_000_000, responseNanos / 1_000_000, idleNanos / 1_000_000,
                maxConnections, maxIdleConnections, maxRequestLine, maxHeaderCount, maxHeaderBytes, virtual);
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
        Server server = new Server(this);
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

    private static long millis(Duration d) {
        long millis = Objects.requireNonNull(d, "duration").toMillis();
        if (millis <= 0) {
            throw new IllegalArgumentException("a time limit must be positive, not " + d);
        }
        return millis;
    }

    private static int positive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a limit must be at least 1, not " + limit);
        }
        return limit;
    }
}
