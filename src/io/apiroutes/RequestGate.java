package io.apiroutes;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests in flight and, once closing, turns new ones away, so that a shutdown can
 * wait for exactly the requests that were admitted.
 */
final class RequestGate {
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closing;

    /** Admits a request; false when the server is closing (the caller answers 503). */
    boolean enter() {
        inFlight.incrementAndGet();
        if (closing) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    void exit() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }

    /**
     * Stops admitting requests and waits until those in flight finish or the grace period ends.
     *
     * @return true when every admitted request finished
     */
    boolean close(Duration grace) throws InterruptedException {
        closing = true;
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
