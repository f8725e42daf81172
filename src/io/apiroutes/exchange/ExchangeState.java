package io.apiroutes.exchange;

/**
 * Where a request's answer stands, with every transition in one place. The {@link Exchange} keeps
 * one under its lock; the handler's thread and the watchdog's move it, only through these methods.
 *
 * <pre>
 *   OPEN ──begin──▶ SENDING ──end──▶ DONE
 *    │  └─timeOut─▶ TIMING_OUT ──timeoutAnswered──▶ DONE | DROPPED
 *    └─drop─▶ DROPPED ◀─drop── SENDING
 * </pre>
 */
enum ExchangeState {
    /** Nothing sent yet: the handler may still set headers and answer. */
    OPEN,
    /** The status line went out and a body is going out. */
    SENDING,
    /** The answer is whole: the connection may serve the next request. */
    DONE,
    /** The client went away, or an answer broke off: the connection is dropped, never reused. */
    DROPPED,
    /** The handler ran out of time and the watchdog's thread is sending the 503 for it. */
    TIMING_OUT;

    /** The watchdog's verdicts ({@link #watch}): nothing yet. */
    static final int WAIT = 0;
    /** Send the 503 of a handler that did not start its answer within its time limit. */
    static final int ANSWER_TIMEOUT = 1;
    /** Cut the exchange off: its answer, or the handler that goes on after it, is past its limit. */
    static final int CUT_OFF = 2;

    /**
     * An answer starts.
     *
     * @throws IllegalStateException when one was already sent, dropped or timed out
     */
    ExchangeState begin() {
        if (this != OPEN) {
            throw new IllegalStateException(name());
        }
        return SENDING;
    }

    /** The body went out whole. */
    ExchangeState end() {
        return this == SENDING ? DONE : this;
    }

    /** The client went away or the answer broke off; while timing out the 503's writer decides, and a whole answer stays whole. */
    ExchangeState drop() {
        return this == TIMING_OUT || this == DONE ? this : DROPPED;
    }

    /** The watchdog takes over the answer of a handler past its time limit. */
    ExchangeState timeOut() {
        if (this != OPEN) {
            throw new IllegalStateException(name());
        }
        return TIMING_OUT;
    }

    /** The watchdog's 503 went out ({@code sent}), or could not: then the connection is dropped. */
    ExchangeState timeoutAnswered(boolean sent) {
        if (this != TIMING_OUT) {
            throw new IllegalStateException(name());
        }
        return sent ? DONE : DROPPED;
    }

    /** Whether no answer can be sent any more, or one is under way. */
    boolean answered() {
        return this != OPEN;
    }

    /**
     * What the watchdog does at {@code now}: {@link #WAIT}, {@link #ANSWER_TIMEOUT} or {@link #CUT_OFF} (every time a {@link System#nanoTime()} value), for an
     * exchange not yet cut off whose handler still runs.
     *
     * @param headersOut whether the status line went out past the exchange (a handler writing to the JDK's exchange itself)
     * @param stream whether the handler opened a stream, which goes on after an early end (a {@code HEAD})
     * @param start when the exchange began
     * @param sendingSince when its answer began, or 0
     * @param timeLimit how long the handler may take to start its answer
     * @param responseLimit how long an answer may take once started
     */
    int watch(boolean headersOut, boolean stream, long now, long start, long sendingSince, long timeLimit, long responseLimit) {
        if (this == OPEN) {
            return !headersOut && now - start >= timeLimit ? ANSWER_TIMEOUT : WAIT;
        }
        if (this == SENDING) {
            return now - sendingSince >= responseLimit ? CUT_OFF : WAIT;
        }
        if (this == DROPPED || this == DONE && stream) {
            // the client went away, or a stream's answer ended early (HEAD), and the handler goes on
            // (a stream waiting for its next event): it keeps its limit
            boolean answering = sendingSince != 0;
            long elapsed = now - (answering ? sendingSince : start);
            return elapsed >= (answering ? responseLimit : timeLimit) ? CUT_OFF : WAIT;
        }
        return WAIT;
    }
}
