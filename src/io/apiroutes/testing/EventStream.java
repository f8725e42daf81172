package io.apiroutes.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stream of server-sent events as a test reads it, from {@link ApiTest#events(String, String...)}:
 * each {@link #next()} returns the next event as it arrives, parsed as a browser's
 * {@code EventSource} parses it (comments and heartbeats skipped, {@code data} lines joined with
 * {@code \n}).
 *
 * <pre>{@code
 * try (var api = ApiTest.start(); var events = api.events("/api/clock")) {
 *     assertEquals(200, events.status());
 *     assertEquals("tick", events.next().event());
 * }
 * }</pre>
 */
public final class EventStream implements AutoCloseable {
    /** The end of the stream, in the queue. */
    private static final Event END = new Event(null, null, null);

    private final int status;
    private final HttpHeaders headers;
    private final InputStream body;
    private final Duration timeout;
    private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();

    EventStream(int status, HttpHeaders headers, InputStream body, Duration timeout) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.timeout = timeout;
        Thread reader = new Thread(this::read, "apiroutes-test-events");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * One event.
     *
     * @param id its {@code id}, or null
     * @param event its {@code event} name, or null for the default ({@code message})
     * @param data its data, the {@code data} lines joined with {@code \n}
     */
    public record Event(String id, String event, String data) {}

    /**
     * Returns the status code.
     *
     * @return the status, e.g. 200
     */
    public int status() {
        return status;
    }

    /**
     * Returns the first value of a response header.
     *
     * @param name the header name, in any case
     * @return its first value, or null when absent
     */
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /**
     * Waits for the next event, as long as a request may take (30 seconds).
     *
     * @return the event, or null when the server ended the stream
     * @throws UncheckedIOException if none came in time, or reading failed
     */
    public Event next() {
        Object item;
        try {
            item = arrived.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("waiting for an event was interrupted"));
        }
        if (item == null) {
            throw new UncheckedIOException(new HttpTimeoutException("no event within " + timeout.toSeconds() + " s"));
        }
        if (item instanceof IOException e) {
            throw new UncheckedIOException("reading the event stream failed: " + e, e);
        }
        if (item == END) {
            arrived.add(END); // the end stays the end
            return null;
        }
        return (Event) item;
    }

    /** Closes the connection: the server sees the client go away. */
    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // closing is all that is wanted
        }
    }

    /** Parses the body line by line into events, on a thread of its own, until it ends. */
    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = null;
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (data != null) {
                        arrived.add(new Event(id, event, data.toString()));
                    }
                    event = null;
                    data = null;
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(line.startsWith(" ", colon + 1) ? colon + 2 : colon + 1);
                switch (field) {
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    case "event" -> event = value;
                    case "id" -> id = value;
                    default -> { } // a comment (empty field), retry, or a field the format ignores
                }
            }
            arrived.add(END);
        } catch (IOException e) {
            arrived.add(e);
        }
    }
}
