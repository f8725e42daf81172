package io.apiroutes.http;

import java.util.concurrent.TimeUnit;

/**
 * The time limits both engines and the server's watchdog share, written once: a request head and
 * body, an answer once started, the quiet of an idle connection, and how often the limits are looked at.
 */
public final class TimeLimits {
    /** How long a client may take to send a request's head and body, and an idle connection may stay. */
    public static final long REQUEST_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** How long an answer with a known length may take from its first byte. */
    public static final long RESPONSE_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** How often the limits are looked at: a limit is kept to within this much. */
    public static final int TICK_MILLIS = 250;

    private TimeLimits() {}
}
