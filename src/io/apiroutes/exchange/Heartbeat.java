package io.apiroutes.exchange;

/** A stream that the server keeps alive with a comment while it is quiet ({@link Heartbeats}). */
public interface Heartbeat {
    /** Whether the stream is still open: a closed one is forgotten. */
    boolean open();

    /** Whether a comment is due at {@code now} ({@link System#nanoTime()}); if so, it is taken as on its way. */
    boolean due(long now);

    /** Sends the comment, if the stream is still quiet and open. */
    void beat();

    /**
     * Ends the stream for the server (a stop began, or new routes serve): it is no longer open, and
     * a handler waiting for its next event is woken to return.
     */
    void end();
}
