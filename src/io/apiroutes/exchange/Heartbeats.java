package io.apiroutes.exchange;

import io.apiroutes.jdk.ServerExecutors;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The keep-alive comments of a server's open event streams, sent from one place rather than a
 * thread per stream: the watchdog's tick finds the streams quiet for
 * {@link Heartbeat#due} and hands each one write to a small executor (virtual
 * threads on Java 21 and later, else a few platform threads), since a write may wait on a client
 * that does not read, until the watchdog's write-stall limit cuts it off. A stream whose last
 * comment is still being written gets no other.
 */
public final class Heartbeats {
    /** The platform threads that write comments before Java 21; more due comments wait, then are dropped. */
    private static final int THREADS = 4;

    private final Set<Heartbeat> streams = ConcurrentHashMap.newKeySet();
    private final ExecutorService writers;

    public Heartbeats() {
        ExecutorService virtual = ServerExecutors.virtualThreads();
        if (virtual != null) {
            writers = virtual;
        } else {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(1024), task -> {
                        Thread thread = new Thread(task, "apiroutes-heartbeat");
                        thread.setDaemon(true);
                        return thread;
                    }, new ThreadPoolExecutor.DiscardPolicy());
            pool.allowCoreThreadTimeOut(true);
            writers = pool;
        }
    }

    public void add(Heartbeat stream) {
        streams.add(stream);
    }

    /** Sends a comment on each stream quiet for long enough; forgets the streams that ended. */
    void tick(long now) {
        for (Heartbeat stream : streams) {
            if (!stream.open()) {
                streams.remove(stream);
            } else if (stream.due(now)) {
                writers.execute(stream::beat);
            }
        }
    }

    /**
     * Ends every stream, when the server begins to stop or serves new routes: their handlers see
     * them closed and return, at once when they wait on an {@code EventChannel}.
     */
    public void endAll() {
        for (Heartbeat stream : streams) {
            stream.end();
        }
    }

    /** The streams registered and not yet seen ended. */
    int size() {
        return streams.size();
    }

    void stop() {
        writers.shutdownNow();
    }
}
