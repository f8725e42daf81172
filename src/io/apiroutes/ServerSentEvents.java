package io.apiroutes;

import io.apiroutes.exchange.ClientIOException;
import io.apiroutes.exchange.Heartbeat;
import io.apiroutes.exchange.Heartbeats;
import io.apiroutes.exchange.ResponseStream;
import io.apiroutes.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A stream of server-sent events ({@code text/event-stream}), from {@link ApiResponse#sse()}.
 * Each event reaches the client as soon as it is sent. While nothing is sent, a comment line goes
 * out every 15 seconds, so that proxies and the client keep the connection (the server sends them
 * for all its streams from one place: a stream costs no thread of its own beyond its handler's). The stream ends when
 * the handler closes it or returns, when the client goes away, or at the route's
 * {@link RouteConfig#streamTimeLimit() stream time limit}.
 *
 * <pre>{@code
 * ServerSentEvents events = res.sse();
 * while (events.open()) {
 *     events.send("tick", Map.of("at", Instant.now()));   // event: tick / data: {"at":"..."}
 *     Thread.sleep(1000);
 * }
 * }</pre>
 *
 * <p>Sending to a client that went away throws an {@link UncheckedIOException}, which the server
 * takes as the end of the stream (logged at DEBUG, not as an error). The methods may be called
 * from any thread, one at a time.
 */
public final class ServerSentEvents implements AutoCloseable {
    /** How long the stream may be quiet before a comment line keeps it alive. */
    static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final ResponseStream out;
    private volatile long lastWrite = System.nanoTime();
    private volatile boolean open = true;
    /** A comment is on its way (the server's heartbeat writer): no other is due until it is written. */
    private final AtomicBoolean heartbeatPending = new AtomicBoolean();
    private volatile BlockingQueue<String> waiting;
    /** The server ended the stream: a stop began, or new routes serve. */
    private volatile boolean ended;

    ServerSentEvents(ResponseStream out, Heartbeats heartbeats) {
        this.out = out;
        if (!out.expired()) { // a HEAD request's stream has no body to keep alive
            heartbeats.add(new KeepAlive());
        }
    }

    /**
     * Sends an event with data only: a {@code String} as it is, anything else as JSON.
     *
     * @param data the data; each line of a text becomes a {@code data:} line
     * @return this stream
     * @throws UncheckedIOException when the client went away or the stream ran out of time
     */
    public ServerSentEvents send(Object data) {
        return send(null, null, data);
    }

    /**
     * Sends a named event, which the browser's {@code EventSource} delivers to
     * {@code addEventListener(event, ...)}.
     *
     * @param event the event name: no line break
     * @param data the data: a {@code String} as it is, anything else as JSON
     * @return this stream
     * @throws IllegalArgumentException if the name holds a line break
     * @throws UncheckedIOException when the client went away or the stream ran out of time
     */
    public ServerSentEvents send(String event, Object data) {
        return send(null, event, data);
    }

    /**
     * Sends an event with an id, which a reconnecting browser sends back as {@code Last-Event-ID}.
     *
     * @param id the id, or null: no line break or NUL
     * @param event the event name, or null for a plain message
     * @param data the data: a {@code String} as it is, anything else as JSON
     * @return this stream
     * @throws IllegalArgumentException if the id or name holds a line break or NUL
     * @throws UncheckedIOException when the client went away or the stream ran out of time
     */
    public ServerSentEvents send(String id, String event, Object data) {
        return write(frame(id, event, data));
    }

    /** An event as it goes on the wire, ending with its empty line. */
    static String frame(String id, String event, Object data) {
        StringBuilder frame = new StringBuilder();
        field(frame, "id", id);
        field(frame, "event", event);
        String text = data instanceof String s ? s : Json.write(data);
        for (String line : text.split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return frame.append('\n').toString();
    }

    /**
     * Tells the browser how long to wait before it reconnects.
     *
     * @param delay the delay, in whole milliseconds
     * @return this stream
     * @throws UncheckedIOException when the client went away or the stream ran out of time
     */
    public ServerSentEvents retry(Duration delay) {
        return write("retry: " + delay.toMillis() + "\n\n");
    }

    /**
     * Sends a comment line, which the browser ignores.
     *
     * @param text the comment: no line break
     * @return this stream
     * @throws IllegalArgumentException if the text holds a line break
     * @throws UncheckedIOException when the client went away or the stream ran out of time
     */
    public ServerSentEvents comment(String text) {
        StringBuilder frame = new StringBuilder();
        field(frame, "", text);
        return write(frame.append('\n').toString());
    }

    /**
     * Tells whether events can still be sent: false once the client went away, the stream ran
     * out of time, it was closed, the server began to stop, or it serves other routes (dev mode's
     * new code, which the client reaches by reconnecting).
     *
     * @return whether the stream is open
     */
    public boolean open() {
        return open && !ended && !out.expired();
    }

    /** Ends the stream; the handler may go on with other work. Closing twice does nothing. */
    @Override
    public synchronized void close() {
        if (open) {
            open = false;
            out.close();
        }
    }

    synchronized ServerSentEvents write(String frame) {
        try {
            if (!open) {
                throw new IOException("the event stream is closed");
            }
            byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
            out.flush();
            lastWrite = System.nanoTime();
            return this;
        } catch (IOException e) {
            open = false;
            throw new ClientIOException(e);
        } catch (ClientIOException e) {
            open = false;
            throw e;
        }
    }

    private static void field(StringBuilder frame, String name, String value) {
        if (value == null) {
            return;
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an event " + (name.isEmpty() ? "comment" : name)
                    + " must not hold a line break or NUL");
        }
        frame.append(name).append(": ").append(value).append('\n');
    }

    /** Wakes the {@link EventChannel} queue its handler waits on when the server ends the stream (a stop, new routes). */
    void wakes(BlockingQueue<String> queue) {
        this.waiting = queue;
    }

    /** The stream as the server's heartbeats see it: a comment after {@link #HEARTBEAT_NANOS} of quiet. */
    private final class KeepAlive implements Heartbeat {
        @Override
        public void end() {
            ended = true;
            BlockingQueue<String> queue = waiting;
            if (queue != null) {
                queue.offer(EventChannel.WAKE);
            }
        }

        @Override
        public boolean open() {
            return ServerSentEvents.this.open();
        }

        @Override
        public boolean due(long now) {
            return now - lastWrite >= HEARTBEAT_NANOS && heartbeatPending.compareAndSet(false, true);
        }

        @Override
        public void beat() {
            try {
                synchronized (ServerSentEvents.this) {
                    if (open && System.nanoTime() - lastWrite >= HEARTBEAT_NANOS) {
                        write(":\n\n");
                    }
                }
            } catch (RuntimeException e) {
                // the stream ended, or the client went away
            } finally {
                heartbeatPending.set(false);
            }
        }
    }
}
