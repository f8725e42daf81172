package io.apiroutes.jdk;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Chooses the executor a server of our own runs exchanges on. The JDK reads request headers on
 * the executor's threads, so a client that stalls mid-headers holds one.
 *
 * <p>Virtual threads make that cheap, from Java 24 on. On 21 to 23 a virtual thread blocked
 * inside {@code synchronized} pins its carrier, and the JDK's {@code HttpServer} reads the socket
 * inside {@code synchronized} methods, so as many stalled clients as there are cores would stop
 * every request; JEP 491 (Java 24) removed that pinning. Before 24, and on 17, a
 * {@link GrowingThreadPool} adds threads when queued work stops making progress.
 * The system property {@code apiroutes.executor} ({@code virtual} or {@code pool}) overrides the choice.
 */
public final class ServerExecutors {
    static final String PROPERTY = "apiroutes.executor";

    private ServerExecutors() {}

    /** The executor, a word for the log saying which, and whether it runs virtual threads. */
    public record Choice(ExecutorService executor, String description, boolean virtual) {}

    /** The most threads of the pool before Java 24, unless set. */
    public static final int POOL_THREADS = 512;

    public static Choice create() {
        return create(POOL_THREADS);
    }

    /** The executor, with a pool of at most {@code maxThreads} when it is a pool. */
    public static Choice create(int maxThreads) {
        String wanted = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        if (!wanted.isEmpty() && !wanted.equals("virtual") && !wanted.equals("pool")) {
            throw new IllegalArgumentException(PROPERTY + " must be 'virtual' or 'pool', not '" + wanted + "'");
        }
        MethodHandle virtual = virtualThreadFactory();
        boolean useVirtual = wanted.equals("virtual") || (wanted.isEmpty() && Runtime.version().feature() >= 24);
        if (useVirtual && virtual != null) {
            try {
                return new Choice((ExecutorService) virtual.invoke(), "virtual threads", true);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot create the virtual-thread executor", e);
            }
        }
        GrowingThreadPool pool = GrowingThreadPool.create(
                Math.min(maxThreads, Math.max(4, 2 * Runtime.getRuntime().availableProcessors())), maxThreads);
        return new Choice(pool, "thread pool of " + pool.getCorePoolSize() + " growing to " + pool.getMaximumPoolSize(), false);
    }

    /**
     * Starts a daemon thread for background work of the server's own (a timeout's answer): a
     * virtual thread on Java 21 and later, which costs a few KB, a platform thread before.
     */
    public static Thread startThread(Runnable task, String name) {
        if (Runtime.version().feature() >= 21) {
            try {
                MethodHandle ofVirtual = MethodHandles.publicLookup().findStatic(Thread.class, "startVirtualThread",
                        MethodType.methodType(Thread.class, Runnable.class));
                return (Thread) ofVirtual.invoke(task);
            } catch (Throwable e) {
                // a platform thread below
            }
        }
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** A new virtual-thread-per-task executor on Java 21 and later; null before. */
    public static ExecutorService virtualThreads() {
        MethodHandle factory = virtualThreadFactory();
        if (factory == null) {
            return null;
        }
        try {
            return (ExecutorService) factory.invoke();
        } catch (Throwable e) {
            return null;
        }
    }

    /**
     * {@code Executors.newVirtualThreadPerTaskExecutor()} when this runtime has it (Java 21 and
     * later), looked up once at start, so the build can target Java 17.
     */
    public static MethodHandle virtualThreadFactory() {
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
