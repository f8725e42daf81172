package io.apiroutes.http1;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's platform threads, for Java 17 to 20. Up to {@code base} threads are made as work
 * comes while none is idle; past that the work waits in a queue, and {@link #look(long)} adds
 * threads only while those there complete little: they wait (on a database, a sleep), and more
 * threads serve more. When they complete much, they are busy on the CPU, and more threads would only
 * take turns on it, slowing every request, the dispatcher and health checks included. Threads idle
 * for a minute end. A health check may go to the head of the queue ({@link #executeFirst}).
 */
final class WorkerPool implements Executor {
    /** How often {@link #look(long)} may add threads. */
    static final long LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long IDLE_SECONDS = 60;

    private final int base;
    private final int max;
    private final LinkedBlockingDeque<Runnable> queue;
    private final ThreadFactory factory;
    private final AtomicInteger threads = new AtomicInteger();
    private final AtomicInteger idle = new AtomicInteger();
    private final AtomicLong completed = new AtomicLong();
    private volatile int largest;
    private volatile boolean shutdown;
    private long lastLook = System.nanoTime();
    private long lastCompleted;

    WorkerPool(int base, int max, int maxQueued, ThreadFactory factory) {
        this.base = Math.min(base, max);
        this.max = max;
        this.queue = new LinkedBlockingDeque<>(maxQueued);
        this.factory = factory;
    }

    /** Runs the task on an idle thread or a new one, or queues it. */
    @Override
    public void execute(Runnable task) {
        if (shutdown || !queue.offerLast(task)) {
            throw new RejectedExecutionException(shutdown ? "the pool is shut down" : "every thread is busy and the queue is full");
        }
        if (idle.get() == 0 && threads.get() < base) {
            spawn();
        }
    }

    /** Runs the task before those waiting; false when the queue is full. */
    boolean executeFirst(Runnable task) {
        if (shutdown || !queue.offerFirst(task)) {
            return false;
        }
        if (idle.get() == 0 && threads.get() < base) {
            spawn();
        }
        return true;
    }

    /**
     * Adds threads, at most doubling, when work has waited since the last look and the threads
     * completed fewer tasks than there are threads: they are waiting, not computing.
     */
    void look(long now) {
        if (now - lastLook < LOOK_NANOS) {
            return;
        }
        long done = completed.get();
        long since = done - lastCompleted;
        lastLook = now;
        lastCompleted = done;
        int running = threads.get();
        if (!queue.isEmpty() && since < running && running < max) {
            for (int add = Math.min(queue.size(), Math.max(1, running)); add > 0 && threads.get() < max; add--) {
                spawn();
            }
        }
    }

    /** Whether tasks wait for a thread. */
    boolean backlogged() {
        return !queue.isEmpty();
    }

    int queued() {
        return queue.size();
    }

    /** The most threads there were at once. */
    int largest() {
        return largest;
    }

    /** Refuses new work and interrupts the threads. */
    void shutdownNow() {
        shutdown = true;
        queue.clear();
        for (int i = threads.get(); i > 0; i--) {
            queue.offer(() -> { }); // wakes a waiting thread, which then sees the shutdown
        }
    }

    private void spawn() {
        int count = threads.incrementAndGet();
        if (count > max) {
            threads.decrementAndGet();
            return;
        }
        largest = Math.max(largest, count);
        try {
            factory.newThread(this::work).start();
        } catch (Throwable e) {
            threads.decrementAndGet(); // no thread to be had now: the queue waits for one that is
        }
    }

    private void work() {
        try {
            while (!shutdown) {
                idle.incrementAndGet();
                Runnable task;
                try {
                    task = queue.pollFirst(IDLE_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    task = null;
                } finally {
                    idle.decrementAndGet();
                }
                if (task == null) {
                    if (queue.isEmpty() || threads.get() > 1) {
                        return; // idle for a minute; the last thread stays while work waits
                    }
                    continue;
                }
                try {
                    task.run();
                } finally {
                    completed.incrementAndGet();
                    Thread.interrupted(); // a handler's interrupt must not reach the next task
                }
            }
        } finally {
            threads.decrementAndGet();
        }
    }
}
