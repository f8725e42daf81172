package io.apiroutes.http1;

import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.Set;

/**
 * The log of a server's handlers that threw (apiroutes' own answers every failure itself; this is
 * for other handlers on the engine): a line each, but only the first of its kind (a context and an
 * exception class) with the stack trace, so that a handler failing on every request does not write
 * a trace a request. At most {@link #MAX_KINDS} kinds are remembered; past them, no trace.
 */
final class HandlerFailures {
    /** The most kinds remembered: contexts and exception classes are the code's, but a bound costs nothing. */
    static final int MAX_KINDS = 64;

    /** Made with the server, not at the first failure, which may come when memory runs short. */
    private final System.Logger log = System.getLogger(Http1Exchange.class.getName());
    private final Set<String> traced = new HashSet<>();

    /** Logs a handler's failure as a WARNING: with its stack trace the first time of its kind, else its class alone. */
    void log(String context, String method, String path, Throwable e) {
        String line = "handler of " + context + " failed on " + method + " " + path;
        if (first(context, e.getClass())) {
            log.log(Level.WARNING, line, e);
        } else {
            log.log(Level.WARNING, line + ": " + e.getClass().getName() + " (stack trace logged for the first of its kind)");
        }
    }

    /** Whether this is the first failure of its kind the server remembers. */
    synchronized boolean first(String context, Class<?> exception) {
        return traced.size() < MAX_KINDS && traced.add(context + " " + exception.getName());
    }
}
