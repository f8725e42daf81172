package io.apiroutes.jdk;

import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small thread pool that grows while queued work waits, for Java 17 where there are no virtual
 * threads. A fixed pool of N threads is frozen by N clients that stall mid-request (the JDK reads
 * headers on the executor's threads), and N handlers that block (a 100 ms database call) serve
 * only N requests at a time; a large pool costs throughput in context switches. This one keeps
 * the small pool while work flows. Every 50 ms a watchdog looks at the queue: when work waits and
 * either nothing completed since its last look (stalled clients) or the oldest task has waited
 * over 100 ms (slow handlers), it adds as many threads as are queued, at least {@code base}, at
 * most doubling, up to {@code max}. It halves back once the queue has been empty for 5 s.
 */
public final class GrowingThreadPool extends ThreadPoolExecutor {
    private static final long WATCH_MILLIS = 50;
    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int QUIET_TICKS_BEFORE_SHRINK = 100;

    private final int base;
    private final int max;

    /** A task and when it was queued, so that the watchdog sees how long the oldest has waited. */
    private record Queued(Runnable task, long queuedAt) implements Runnable {
        @Override
        public void run() {
            task.run();
        }
    }

    private GrowingThreadPool(int base, int max, ThreadFactory threads) {
        super(base, max, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        this.base = base;
        this.max = max;
    }

    public static GrowingThreadPool create(int base, int max) {
        AtomicInteger count = new AtomicInteger();
        GrowingThreadPool pool = new GrowingThreadPool(base, max, task -> {
            Thread thread = new Thread(task, "apiroutes-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Thread watchdog = new Thread(pool::watch, "apiroutes-pool-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        return pool;
    }

    @Override
    public void execute(Runnable task) {
        super.execute(new Queued(Objects.requireNonNull(task, "task"), System.nanoTime()));
    }

    private void watch() {
        long lastCompleted = -1;
        int quietTicks = 0;
        while (!isShutdown()) {
            try {
                Thread.sleep(WATCH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long completed = lastCompleted;
            try {
                completed = getCompletedTaskCount();
                int core = getCorePoolSize();
                Runnable oldest = getQueue().peek();
                if (oldest != null) {
                    quietTicks = 0;
                    boolean stalled = completed == lastCompleted;
                    // Behind only while more wait than completed in the last look: a queue that waited
                    // through a pause of the host but drains fast needs no threads (BENCHMARKS.md, 2).
                    boolean behind = oldest instanceof Queued queued && System.nanoTime() - queued.queuedAt() > MAX_WAIT_NANOS
                            && getQueue().size() > completed - lastCompleted;
                    if ((stalled || behind) && core < max) {
                        int step = Math.max(base, Math.min(getQueue().size(), core));
                        setCorePoolSize(Math.min(max, core + step));
                    }
                } else if (core > base && ++quietTicks >= QUIET_TICKS_BEFORE_SHRINK) {
                    quietTicks = 0;
                    setCorePoolSize(Math.max(base, core / 2));
                }
            } catch (Throwable e) {
                // Memory ran short for a moment (a new thread needs some): keep watching, the next look retries.
            }
            lastCompleted = completed;
        }
    }
}
