package io.apiroutes.http1;

import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's pool of platform threads: a new thread only when every thread is busy, up to its
 * size, and past that a queue, bounded, whose head a health check may take ({@link #executeFirst}).
 * A plain {@code ThreadPoolExecutor} with a queue makes a thread for each task up to its core size
 * even while others are idle, so steady light traffic would keep the whole pool alive, and every
 * stack a deep handler once touched stays in the process's memory.
 */
final class WorkerPool extends ThreadPoolExecutor {
    /** Tasks handed over and not finished: fewer than the threads means one is idle. */
    private final AtomicInteger submitted = new AtomicInteger();

    private WorkerPool(int max, Queue queue, ThreadFactory threads) {
        super(1, max, 60, TimeUnit.SECONDS, queue, threads, (task, pool) -> {
            if (!queue.offerLast(task)) {
                throw new RejectedExecutionException("every thread is busy and the queue is full");
            }
        });
        allowCoreThreadTimeOut(true);
        queue.pool = this;
    }

    static WorkerPool create(int maxThreads, int maxQueued, ThreadFactory threads) {
        return new WorkerPool(maxThreads, new Queue(maxQueued), threads);
    }

    @Override
    public void execute(Runnable task) {
        submitted.incrementAndGet();
        try {
            super.execute(task);
        } catch (RuntimeException e) {
            submitted.decrementAndGet();
            throw e;
        }
    }

    /** Runs the task before those waiting when every thread exists and is busy; false when the queue is full. */
    boolean executeFirst(Runnable task) {
        if (getPoolSize() < getMaximumPoolSize() || submitted.get() < getPoolSize()) {
            execute(task);
            return true;
        }
        submitted.incrementAndGet();
        if (((Queue) getQueue()).offerFirst(task)) {
            return true;
        }
        submitted.decrementAndGet();
        return false;
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        submitted.decrementAndGet();
    }

    /** Whether tasks wait for a thread. */
    boolean backlogged() {
        return !getQueue().isEmpty();
    }

    /** Queues a task only when a thread is idle or none can be added; otherwise the pool adds one. */
    private static final class Queue extends LinkedBlockingDeque<Runnable> {
        private static final long serialVersionUID = 1L;
        private transient WorkerPool pool;

        Queue(int capacity) {
            super(capacity);
        }

        @Override
        public boolean offer(Runnable task) {
            WorkerPool p = pool;
            if (p.submitted.get() <= p.getPoolSize() || p.getPoolSize() >= p.getMaximumPoolSize()) {
                return super.offer(task);
            }
            return false; // the pool makes a thread, or hands it to the rejection handler at its size
        }
    }
}
