package io.apiroutes;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests in flight and, once closing, turns new ones away, so that a shutdown can
 * wait for exactly the requests that were admitted, and for the 503s of those turned away.
 */
final class RequestGate {
    /**
     * How long closing waits at least: the JDK reads a request on the executor before the
     * dispatcher sees it, and one read just before closing must get its 503 rather than have its
     * connection closed under it.
     */
    private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closing;

    /**
     * Counts a request in; the caller calls {@link #exit()} once it has answered, admitted or not.
     *
     * @return true to serve it, false when the server is closing (the caller answers 503)
     */
    boolean enter() {
        inFlight.incrementAndGet();
        return !closing;
    }

    void exit() {
        inFlight.decrementAndGet();
    }

    boolean closing() {
        return closing;
    }

    int inFlight() {
        return inFlight.get();
    }

    /**
     * Stops admitting requests and waits until those in flight are answered, and at least 100 ms
     * have passed (within the grace period), or the grace period ends.
     *
     * @return true when every request that reached the gate was answered
     */
    boolean close(Duration grace) throws InterruptedException {
        closing = true;
        long start = System.nanoTime();
        long deadline = start + grace.toNanos();
        long settled = start + Math.min(SETTLE_NANOS, grace.toNanos());
        while (true) {
            long now = System.nanoTime();
            if (inFlight.get() == 0 && now - settled >= 0) {
                return true;
            }
            if (now - deadline >= 0) {
                return inFlight.get() == 0;
            }
            Thread.sleep(5);
        }
    }
}
