package io.apiroutes.http1;

import io.apiroutes.engine.EngineProvider;
import io.apiroutes.http.TimeLimits;

/**
 * The settings of the servers an {@link EngineProvider} creates, in one value.
 *
 * @param requestNanos how long a client may take to send a request head and body
 * @param responseNanos how long a response of known length may take to send; for a stream, each write
 * @param idleNanos how long a keep-alive connection may wait for its next request
 * @param maxConnections the most connections open at once
 * @param maxIdleConnections the most keep-alive connections waiting for a request at once
 * @param maxRequestLine the longest request line, in bytes
 * @param maxHeaderCount the most header lines
 * @param maxHeaderBytes the most bytes of a request head
 * @param virtualThreads a virtual thread per busy connection, or platform threads from a pool
 * @param maxThreads the most platform threads of the pool (unused with virtual threads)
 * @param maxWaitingBytes the most bytes of partial heads that connections waiting without a thread may hold together
 * @param priorityPaths the request paths (health checks) served ahead of the connections that wait for a pool thread
 */
public record EngineSettings(long requestNanos, long responseNanos, long idleNanos, int maxConnections, int maxIdleConnections,
                      int maxRequestLine, int maxHeaderCount, int maxHeaderBytes, boolean virtualThreads, int maxThreads,
                      long maxWaitingBytes, java.util.Set<String> priorityPaths) {

    /** The heap a connection is allowed for its share of the cap: waiting ones hold far less, busy ones more. */
    static final long HEAP_PER_CONNECTION = 16 * 1024;

    /**
     * The defaults, from the heap the JVM may grow to: a connection per 16 KiB of it (4096 under a
     * 64 MB heap), from 256 to 16384; partial heads within a sixteenth of it.
     */
    public static EngineSettings defaults() {
        long heap = Runtime.getRuntime().maxMemory();
        int connections = connectionsFor(heap);
        return new EngineSettings(TimeLimits.REQUEST_NANOS, TimeLimits.RESPONSE_NANOS, TimeLimits.REQUEST_NANOS, connections, connections,
                8192, 200, 65536, Runtime.version().feature() >= 21, 256, heap / 16, java.util.Set.of());
    }

    /** The default connection cap for a heap of this many bytes. */
    static int connectionsFor(long heap) {
        return (int) Math.max(256, Math.min(16384, heap / HEAP_PER_CONNECTION));
    }

    public EngineSettings withTimeouts(long request, long response, long idle) {
        return new EngineSettings(request, response, idle, maxConnections, maxIdleConnections, maxRequestLine,
                maxHeaderCount, maxHeaderBytes, virtualThreads, maxThreads, maxWaitingBytes, priorityPaths);
    }

    public EngineSettings withConnectionLimits(int max, int maxIdle) {
        return new EngineSettings(requestNanos, responseNanos, idleNanos, max, maxIdle, maxRequestLine,
                maxHeaderCount, maxHeaderBytes, virtualThreads, maxThreads, maxWaitingBytes, priorityPaths);
    }

    public EngineSettings withRequestLimits(int line, int count, int bytes) {
        return new EngineSettings(requestNanos, responseNanos, idleNanos, maxConnections, maxIdleConnections, line,
                count, bytes, virtualThreads, maxThreads, maxWaitingBytes, priorityPaths);
    }

    public EngineSettings withThreads(boolean virtual, int max) {
        return new EngineSettings(requestNanos, responseNanos, idleNanos, maxConnections, maxIdleConnections,
                maxRequestLine, maxHeaderCount, maxHeaderBytes, virtual, max, maxWaitingBytes, priorityPaths);
    }

    EngineSettings withWaitingBytes(long max) {
        return new EngineSettings(requestNanos, responseNanos, idleNanos, maxConnections, maxIdleConnections,
                maxRequestLine, maxHeaderCount, maxHeaderBytes, virtualThreads, maxThreads, max, priorityPaths);
    }

    public EngineSettings withPriorityPaths(java.util.Set<String> paths) {
        return new EngineSettings(requestNanos, responseNanos, idleNanos, maxConnections, maxIdleConnections,
                maxRequestLine, maxHeaderCount, maxHeaderBytes, virtualThreads, maxThreads, maxWaitingBytes, paths);
    }
}
