package io.apiroutes;

/**
 * How much a server takes on at once, derived from the heap the JVM may grow to unless set with
 * {@link ApiServer.Builder}: the connections it keeps open, the threads that serve them, the
 * requests whose handlers run, and the streams among those. Past the connection cap a new
 * connection is refused or takes the place of an idle one (by engine); past the others a request
 * gets 503 with {@code Retry-After} at once, and the health paths, which run no handler, are
 * answered whatever the load.
 *
 * <pre>{@code
 * ServerCapacity capacity = server.capacity();   // e.g. 4096 connections, 1024 requests, 512 streams
 * }</pre>
 *
 * @param connections the most connections open at once
 * @param threads the most threads serving requests at once; with virtual threads, as many as the connections
 * @param requests the most requests whose handlers run at once, streams included
 * @param streams the most of those that are streams ({@code res.sse()}, {@code res.stream()}), which hold their thread
 */
public record ServerCapacity(int connections, int threads, int requests, int streams) {
    /** The heap a running request is allowed for its share of the cap: its thread's stack, buffers, objects. */
    static final long HEAP_PER_REQUEST = 64 * 1024;

    /**
     * The capacity of a server from its connection cap and thread limit (as many as the connections
     * for virtual threads), with requests and streams unset (0): platform threads keep an eighth
     * (at least 8) out of handlers' reach, for health answers, refusals and reading; virtual threads
     * allow a request per 64 KiB of heap, within the connections; streams may take half the requests.
     */
    static ServerCapacity of(int connections, int threads, boolean virtualThreads, int requests, int streams, long heap) {
        int handlers = requests > 0 ? requests
                : virtualThreads ? (int) Math.max(16, Math.min(connections, heap / HEAP_PER_REQUEST))
                : Math.max(1, threads - Math.max(8, threads / 8));
        return new ServerCapacity(connections, threads, handlers, streams > 0 ? Math.min(streams, handlers) : Math.max(1, handlers / 2));
    }

    /**
     * Says it in words, as the start-up line does.
     *
     * @return e.g. {@code 4096 connections, 1024 requests, 512 streams at once}
     */
    public String describe() {
        return connections + " connections, " + requests + " requests, " + streams + " streams at once";
    }
}
