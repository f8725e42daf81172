package io.apiroutes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what apiroutes logs (its engine's too), down to DEBUG, while a test runs, and keeps it
 * off the console, so that a passing test prints none of the errors it provokes; restores the
 * logger on close.
 */
public final class HostileLog extends Handler implements AutoCloseable {
    /**
     * The lock a test class that uses one takes ({@code @ResourceLock(HostileLog.LOGGER)}): make test runs
     * test classes at once, and two of these on the one logger would each collect the other's records.
     */
    public static final String LOGGER = "the io.apiroutes logger";

    private final Logger logger = Logger.getLogger("io.apiroutes");
    private final Level previous = logger.getLevel();
    private final boolean parents = logger.getUseParentHandlers();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    public HostileLog() {
        setLevel(Level.ALL);
        logger.setLevel(Level.FINE);
        logger.setUseParentHandlers(false);
        logger.addHandler(this);
    }

    /** Waits up to {@code millis} for a record whose message contains {@code text}, and returns it, or null. */
    public LogRecord await(String text, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        do {
            for (LogRecord record : records) {
                if (record.getMessage() != null && record.getMessage().contains(text)) {
                    return record;
                }
            }
            Thread.sleep(10);
        } while (System.nanoTime() - deadline < 0);
        return null;
    }

    /** What was logged so far. */
    public List<LogRecord> records() {
        return records;
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
        logger.setUseParentHandlers(parents);
    }
}
