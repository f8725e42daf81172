package io.apiroutes.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads and discards what is left of a request body after an early answer (a 413, say), for a
 * bounded time, before the connection closes. Closing a socket with unread data makes the kernel
 * send a reset, which can destroy the answer before the client reads it; the JDK instead drains
 * without a time limit, so a client that stalls holds the connection. Here a client that keeps
 * sending is read to the end or for {@link #MAX_MILLIS}, and one that stalls is cut off then.
 *
 * <p>The cut-off interrupts the reading thread: the JDK reads from a blocking
 * {@code SocketChannel}, which an interrupt closes.
 */
public final class LingeringClose {
    public static final long MAX_MILLIS = 1000;

    private static final int READING = 0;
    private static final int DONE = 1;
    private static final int CUT_OFF = 2;

    private LingeringClose() {}

    public static void discard(InputStream body) {
        Thread reader = Thread.currentThread();
        AtomicInteger state = new AtomicInteger(READING);
        CompletableFuture.runAsync(() -> {
            if (state.compareAndSet(READING, CUT_OFF)) {
                reader.interrupt();
            }
                // Run on the JDK's delay thread itself, not the common pool, which an application may keep busy.
        }, CompletableFuture.delayedExecutor(MAX_MILLIS, TimeUnit.MILLISECONDS, Runnable::run));
        try {
            byte[] sink = new byte[8192];
            while (body.read(sink) >= 0) {
                // discard
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, the cut-off closed the channel, or the JDK's chunked parser
            // failed on bad framing: either way, done
        } finally {
            if (!state.compareAndSet(READING, DONE)) {
                // The cut-off won the race: wait for its interrupt, then clear it so it cannot
                // reach whatever this thread runs next.
                while (!Thread.interrupted()) {
                    Thread.onSpinWait();
                }
            }
        }
    }
}
