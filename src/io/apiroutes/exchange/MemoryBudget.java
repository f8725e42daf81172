package io.apiroutes.exchange;

import io.apiroutes.ApiException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A part of the heap a server lets requests hold at once. A server has two: one for the buffers of
 * request bodies as they arrive and of response bodies past a small size, one for parsed trees. A
 * request that would go over one waits for others to give memory back, up to {@link #WAIT_NANOS},
 * and is then refused with 503, so that no pattern of requests can run the JVM out of memory
 * (docs/security.md, "Memory"). A request never waits for one while it holds memory of the same one:
 * it waits for a tree while it holds its body (tree holders never wait, they parse), and to grow
 * its body it gives back what it holds and waits for the whole (Exchange), so that requests that
 * each hold a part can never wait for each other.
 */
final class MemoryBudget {
    /** How long a request waits for memory before it gets 503. */
    static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final long capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private long used;

    MemoryBudget(long capacity) {
        this.capacity = capacity;
    }

    /** For bodies and response buffers: a quarter of the heap the JVM may grow to. */
    static MemoryBudget forBuffers() {
        return new MemoryBudget(Runtime.getRuntime().maxMemory() / 4);
    }

    /**
     * For parsed bodies: three eighths of the heap, so that the tree of a 1 MB JSON body (its
     * bound, {@code Json.maxTreeBytes}, 16 MB) fits under run.sh's 64 MB heap. With the buffers'
     * quarter, the rest is for the handlers, the engine and the JDK.
     */
    static MemoryBudget forTrees() {
        return new MemoryBudget(Runtime.getRuntime().maxMemory() * 3 / 8);
    }

    /** Takes {@code bytes} when they are free now. */
    boolean tryReserve(long bytes) {
        lock.lock();
        try {
            if (used + bytes > capacity) {
                return false;
            }
            used += bytes;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes {@code bytes}, waiting up to {@link #WAIT_NANOS} for other requests to give memory back.
     *
     * @throws ApiException 413 when {@code bytes} could never fit, 503 when the wait ran out
     */
    void reserve(long bytes) {
        if (bytes > capacity) {
            throw new ApiException(413, "Body too large for this server's memory");
        }
        long deadline = System.nanoTime() + WAIT_NANOS;
        lock.lock();
        try {
            while (used + bytes > capacity) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ApiException(503, "Server busy: too many large requests at once, retry later");
                }
                released.awaitNanos(left);
            }
            used += bytes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "Server busy: too many large requests at once, retry later");
        } finally {
            lock.unlock();
        }
    }

    void release(long bytes) {
        if (bytes == 0) {
            return;
        }
        lock.lock();
        try {
            used -= bytes;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

}
