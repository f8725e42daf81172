package io.apiroutes;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Chooses the executor a server of our own runs exchanges on. The JDK reads request headers on
 * the executor's threads, so a client that stalls mid-headers holds one: virtual threads (Java 21
 * and later) make that cheap; on Java 17 a {@link GrowingThreadPool} adds threads when queued
 * work stops making progress.
 */
final class ServerExecutors {
    private ServerExecutors() {}

    /** The executor, and a word for the log saying which. */
    record Choice(ExecutorService executor, String description) {}

    static Choice create() {
        MethodHandle virtual = virtualThreadFactory();
        if (virtual != null) {
            try {
                return new Choice((ExecutorService) virtual.invoke(), "virtual threads");
            } catch (Throwable e) {
                throw new IllegalStateException("cannot create the virtual-thread executor", e);
            }
        }
        GrowingThreadPool pool = GrowingThreadPool.create(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), 512);
        return new Choice(pool, "thread pool of " + pool.getCorePoolSize() + " growing to " + pool.getMaximumPoolSize());
    }

    /**
     * {@code Executors.newVirtualThreadPerTaskExecutor()} when this runtime has it, looked up once
     * at start, so the build can target Java 17.
     */
    static MethodHandle virtualThreadFactory() {
        if (Runtime.version().feature() < 21) {
            return null;
        }
        try {
            return MethodHandles.publicLookup().findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
                    MethodType.methodType(ExecutorService.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
