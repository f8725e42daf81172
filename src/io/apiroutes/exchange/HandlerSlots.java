package io.apiroutes.exchange;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the handlers that run and the streams among them against the server's capacity, so that
 * handlers never hold every thread: what is left answers health checks, refusals and the requests
 * of other routes. A request past either limit is refused at once, never queued: a queue would
 * hold a thread or a connection while the handlers it waits for may run for minutes.
 */
public final class HandlerSlots {
    private final int maxRequests;
    private final int maxStreams;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger streams = new AtomicInteger();

    /** Slots for at most {@code maxRequests} running handlers, {@code maxStreams} of them streams. */
    public HandlerSlots(int maxRequests, int maxStreams) {
        this.maxRequests = maxRequests;
        this.maxStreams = maxStreams;
    }

    /** Takes a handler's slot; false when every one is taken (the caller answers 503). */
    boolean tryEnter() {
        return tryTake(requests, maxRequests);
    }

    void exit() {
        requests.decrementAndGet();
    }

    /** Takes a stream's slot for a running handler; false when every one is taken. */
    boolean tryOpenStream() {
        return tryTake(streams, maxStreams);
    }

    void closeStream() {
        streams.decrementAndGet();
    }

    /** The streams open now. */
    int streams() {
        return streams.get();
    }

    /** The handlers running now. */
    int requests() {
        return requests.get();
    }

    private static boolean tryTake(AtomicInteger count, int max) {
        for (int now = count.get(); now < max; now = count.get()) {
            if (count.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        return false;
    }
}
