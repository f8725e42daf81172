package io.apiroutes.exchange;

import io.apiroutes.ApiServer;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's side of a stop, whatever engine reads the requests. Open, it counts the requests in
 * flight. Stopping, readiness answers 503. Draining (the server no longer accepts connections),
 * it still serves what arrives on the connections the server has, each answer with
 * {@code Connection: close}. Closed (the grace period is over), it turns requests away with 503. A stop may close the idle connections once
 * no request is in flight and none ended for {@link #QUIET_NANOS}: by then a balancer has moved
 * to other instances, or has closed its idle connections itself (docs/deploying.md).
 */
public final class RequestGate {
    /** How long no request may have ended before a stopping server closes its idle connections. */
    public static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final int OPEN = 0;
    public static final int STOPPING = 1;
    public static final int DRAINING = 2;
    public static final int CLOSED = 3;

    private final AtomicInteger inFlight = new AtomicInteger();
    /** {@link #OPEN}, {@link #STOPPING}, {@link #DRAINING} or {@link #CLOSED}. */
    private volatile int state;
    private volatile long lastExit = System.nanoTime() - QUIET_NANOS;
    /**
     * The path of the request a stop of the JDK engine keeps waiting ({@link ApiServer#stop(java.time.Duration)}),
     * made when a stop arms the hold: a random UUID starts SecureRandom, about 15 ms of a server's start.
     */
    private volatile String holdPath;
    private volatile boolean holding;
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    /**
     * Counts a request in; the caller calls {@link #exit()} once it has answered, admitted or not.
     *
     * @return true to serve it, false when the server is closed (the caller answers 503)
     */
    boolean enter() {
        inFlight.incrementAndGet();
        return state < CLOSED;
    }

    void exit() {
        lastExit = System.nanoTime();
        inFlight.decrementAndGet();
    }

    /** Whether a stop began: readiness answers 503. */
    boolean stopping() {
        return state >= STOPPING;
    }

    /** Whether every answer closes its connection. */
    boolean draining() {
        return state >= DRAINING;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Moves on to {@link #STOPPING}, {@link #DRAINING} or {@link #CLOSED} (which also lets the held request go). */
    public void advance(int to) {
        state = Math.max(state, to);
        if (to == CLOSED) {
            released.countDown();
        }
    }

    /**
     * Waits until no request is in flight and none ended for {@link #QUIET_NANOS}, or until
     * {@code deadline} (a {@link System#nanoTime()} value).
     *
     * @return true when no request is in flight
     */
    public boolean awaitQuiet(long deadline) throws InterruptedException {
        while (inFlight.get() > 0 || System.nanoTime() - lastExit < QUIET_NANOS) {
            if (System.nanoTime() - deadline >= 0) {
                return inFlight.get() == 0;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /**
     * Waits until no request is in flight, or until {@code deadline} (a {@link System#nanoTime()} value).
     *
     * @return true when none is in flight
     */
    public boolean awaitNone(long deadline) throws InterruptedException {
        while (inFlight.get() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /**
     * Arms the hold: from now on the request for the returned path, unguessable and made here, is
     * held until the gate closes.
     *
     * @return the path of the request to hold
     */
    public String armHold() {
        String path = "/" + UUID.randomUUID();
        holdPath = path;
        holding = true;
        return path;
    }

    /** Whether a stop armed the hold: only then is a request's path compared with it. */
    boolean holding() {
        return holding;
    }

    /** Waits until the request is held, at most 3 s and not past {@code deadline} (a {@link System#nanoTime()} value). */
    public boolean awaitHeld(long deadline) throws InterruptedException {
        return held.await(Math.min(deadline - System.nanoTime(), TimeUnit.SECONDS.toNanos(3)), TimeUnit.NANOSECONDS);
    }

    /**
     * Keeps the calling thread until the gate is closed when {@code path} is the request to hold.
     *
     * @return whether it was that request
     */
    boolean hold(String path) {
        String armed = holdPath;
        if (armed == null || !armed.equals(path)) {
            return false;
        }
        held.countDown();
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
