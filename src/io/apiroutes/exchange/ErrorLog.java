package io.apiroutes.exchange;

import io.apiroutes.routing.RouteMatch;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The log of a dispatcher's 500s, bounded: every one logs a line with its id, but only the first
 * of its kind (a route and an exception class) carries the stack trace; the others name the id
 * that did. Once {@link #INTERVAL_NANOS} has passed since a kind's last trace, its next error
 * carries the trace again, with the count of those logged without one since: a route that fails
 * on every request writes one trace a minute, not one a request, and the trace an operator looks
 * for is never older than that.
 *
 * <p>It remembers at most {@link #MAX_KINDS} kinds: when full, kinds traced over an interval ago are
 * forgotten (their next error would be traced anyway), and a new kind beyond that gets no trace.
 * Kinds are held as names, which pin no class loader.
 */
final class ErrorLog {
    /** How long after a kind's trace its next error is traced again. */
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** The most kinds remembered: routes and exception classes are the code's, but a bound costs nothing. */
    static final int MAX_KINDS = 256;
    /** The most characters of a path, or of an exception's message, on a line. */
    static final int CLIP_CHARS = 200;

    /**
     * By kind: the route's pattern (or {@code apiroutes} before a route matched), a line break and
     * the exception's class. A string, not a record: a record's first hashCode bootstraps
     * ObjectMethods, some 15 ms of method handles spun at start-up, when this log is made.
     */
    private final Map<String, Seen> seen = new HashMap<>();

    /** Loads what an error needs now, with the dispatcher, not at the first error, which may come when memory runs short. */
    ErrorLog() {
        admit("", "", Error.class, 0);
        forget();
        clip("");
    }

    /** A kind's last trace: the error that carried it, when, and how many went without one since. */
    private static final class Seen {
        String tracedId;
        long tracedAt;
        long untraced;
    }

    /**
     * What to log of one error: its trace or not, and with it, how many of its kind went without a
     * trace since {@code previousId}'s; without it, the id whose line holds the trace (null when
     * there is none to point to: the kinds are full).
     */
    record Verdict(boolean trace, long untraced, String previousId) {}

    /**
     * Logs a 500 at ERROR: {@code error <id> in <handler> answering <method> <path>}, with the
     * exception and its stack trace, or on one line with the exception's class and message.
     */
    void log(String id, RouteMatch match, String method, String path, Throwable e) {
        String route = match != null ? match.route().pattern().toString() : "apiroutes";
        String line = "error " + id + " in " + (match != null ? match.route().handlerName() : "apiroutes")
                + " answering " + method + " " + clip(path);
        Verdict verdict = admit(id, route, e.getClass(), System.nanoTime());
        if (verdict.trace()) {
            Logging.LOG.log(Level.ERROR, verdict.untraced() == 0 ? line : line + " (" + verdict.untraced()
                    + " more like it since error " + verdict.previousId() + ", logged without their stack trace)", e);
        } else {
            Logging.LOG.log(Level.ERROR, line + ": " + summary(e) + (verdict.previousId() == null
                    ? " (stack trace not logged: " + MAX_KINDS + " kinds of error seen within "
                            + TimeUnit.NANOSECONDS.toSeconds(INTERVAL_NANOS) + " s)"
                    : " (stack trace under error " + verdict.previousId() + ")"));
        }
    }

    /** Decides whether error {@code id} of a kind, at {@code now} (nanoseconds), carries its trace. */
    synchronized Verdict admit(String id, String route, Class<?> exception, long now) {
        String kind = route + "\n" + exception.getName();
        Seen last = seen.get(kind);
        if (last == null) {
            if (seen.size() >= MAX_KINDS) {
                for (java.util.Iterator<Seen> old = seen.values().iterator(); old.hasNext(); ) {
                    if (now - old.next().tracedAt >= INTERVAL_NANOS) {
                        old.remove();
                    }
                }
                if (seen.size() >= MAX_KINDS) {
                    return new Verdict(false, 0, null);
                }
            }
            last = new Seen();
            seen.put(kind, last);
        } else if (now - last.tracedAt < INTERVAL_NANOS) {
            last.untraced++;
            return new Verdict(false, 0, last.tracedId);
        }
        Verdict verdict = new Verdict(true, last.untraced, last.tracedId);
        last.tracedId = id;
        last.tracedAt = now;
        last.untraced = 0;
        return verdict;
    }

    /** Forgets every kind: new code (dev mode's reload) gets its errors traced afresh. */
    synchronized void forget() {
        seen.clear();
    }

    /** The exception's class and message on one short line (a {@code StackOverflowError} has no message). */
    static String summary(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getName() : e.getClass().getName() + ": " + clip(message);
    }

    /**
     * The text on one line of at most {@link #CLIP_CHARS} characters: a message or a path may hold
     * what a client sent, line breaks too.
     */
    static String clip(String text) {
        int end = Math.min(text.length(), CLIP_CHARS);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        StringBuilder line = new StringBuilder(end + 3);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            line.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return end < text.length() ? line.append("...").toString() : line.toString();
    }
}
