package io.apiroutes.exchange;

import io.apiroutes.http.TimeLimits;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the time limits of the requests in flight, on one daemon thread per server that looks
 * at them four times a second ({@link Exchange#checkTime(long)}): a handler that has not
 * answered within its route's time limit, a client that stops taking a response, and a
 * response or stream past its time limit; and the keep-alive comments of event streams
 * ({@link Heartbeats}). The JDK's own response timer is left off: it is one
 * JVM-wide limit, which would cut every server-sent-event stream at the same age.
 */
final class Watchdog implements Runnable {

    /** How long a client may leave one slice of a response untaken before it is cut off. */
    static final long WRITE_STALL_NANOS = TimeUnit.SECONDS.toNanos(20);

    /** How long a response with a known length may take to send, once it started. */
    static final long RESPONSE_NANOS = TimeLimits.RESPONSE_NANOS;

    private final Set<Exchange> exchanges = ConcurrentHashMap.newKeySet();
    private final Heartbeats heartbeats;
    private final Thread thread;
    private volatile boolean stopped;

    Watchdog(Heartbeats heartbeats) {
        this.heartbeats = heartbeats;
        thread = new Thread(this, "apiroutes-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    void watch(Exchange exchange) {
        exchanges.add(exchange);
    }

    void forget(Exchange exchange) {
        exchanges.remove(exchange);
    }

    void stop() {
        stopped = true;
        thread.interrupt();
        heartbeats.stop();
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                Thread.sleep(TimeLimits.TICK_MILLIS);
            } catch (InterruptedException e) {
                continue; // stopped, or a spurious wake-up: the loop condition decides
            }
            try {
                long now = System.nanoTime();
                for (Exchange exchange : exchanges) {
                    exchange.checkTime(now);
                }
                heartbeats.tick(now);
            } catch (Throwable e) {
                // Memory ran short for a moment: the next look tries again.
            }
        }
    }
}
