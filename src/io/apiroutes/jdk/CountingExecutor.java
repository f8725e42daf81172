package io.apiroutes.jdk;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the exchanges the JDK handed to the executor and that have not finished, including
 * those still queued, so that a stop can let queued requests get their 503 before it closes
 * the connections under them.
 */
public final class CountingExecutor implements Executor {
    private final Executor delegate;
    private final AtomicInteger pending = new AtomicInteger();

    public CountingExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        pending.incrementAndGet();
        try {
            delegate.execute(() -> {
                try {
                    task.run();
                } finally {
                    pending.decrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            pending.decrementAndGet();
            throw e;
        }
    }

    /** Waits until at most {@code others} exchanges are pending, or until {@code deadlineNanos} (a {@link System#nanoTime()} value). */
    public boolean awaitIdle(long deadlineNanos, int others) throws InterruptedException {
        while (pending.get() > others) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
