package io.apiroutes;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small thread pool that grows while queued work makes no progress, for Java 17 where there
 * are no virtual threads. A fixed pool of N threads is frozen by N clients that stall mid-request
 * (the JDK reads headers on the executor's threads); a large pool costs throughput in context
 * switches. This one keeps the small pool while work flows and adds {@code step} threads each
 * time a watchdog sees the queue waiting and nothing completed since its last look (every 50 ms),
 * up to {@code max}; it shrinks back once the queue has been empty for a while.
 */
final class GrowingThreadPool extends ThreadPoolExecutor {
    private static final long WATCH_MILLIS = 50;
    private static final int QUIET_TICKS_BEFORE_SHRINK = 100;

    private final int base;
    private final int max;

    private GrowingThreadPool(int base, int max, ThreadFactory threads) {
        super(base, max, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        this.base = base;
        this.max = max;
    }

    static GrowingThreadPool create(int base, int max) {
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

    private void watch() {
        long lastCompleted = -1;
        int quietTicks = 0;
        while (!isShutdown()) {
            try {
                Thread.sleep(WATCH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long completed = getCompletedTaskCount();
            int core = getCorePoolSize();
            if (!getQueue().isEmpty()) {
                quietTicks = 0;
                if (completed == lastCompleted && core < max) {
                    setCorePoolSize(Math.min(max, core + base));
                }
            } else if (core > base && ++quietTicks >= QUIET_TICKS_BEFORE_SHRINK) {
                quietTicks = 0;
                setCorePoolSize(Math.max(base, core - base));
            }
            lastCompleted = completed;
        }
    }
}
