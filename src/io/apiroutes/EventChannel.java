package io.apiroutes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One topic of server-sent events for many clients: every open stream that joined it gets each
 * event published, with an id, and a client that reconnects with {@code Last-Event-ID} (as a
 * browser's {@code EventSource} does by itself) first gets the events it missed, from a bounded
 * buffer of the latest ones.
 *
 * <pre>{@code
 * public final class Changes implements ApiHandler {                // GET /api/changes
 *     static final EventChannel CHANNEL = new EventChannel(100);    // replays up to 100 events
 *
 *     public void handle(ApiRequest req, ApiResponse res) throws Exception {
 *         CHANNEL.join(req, res);                                   // until the client leaves
 *     }
 * }
 * // anywhere, from any thread:
 * Changes.CHANNEL.publish("todo", todo);                            // id: 1, event: todo, data: {...}
 * }</pre>
 *
 * <p>Publishing never waits for a client: each stream has a queue of {@value #QUEUE} events, written
 * by its own handler's thread, and a client that falls that far behind is dropped (its stream ends;
 * its {@code EventSource} reconnects and catches up from the buffer). A stream ends when its client
 * leaves, at the route's stream time limit, when the server begins to stop, and after dev mode
 * serves new code (the client reconnects to the new code). Ids count from 1 in each run of the
 * server; a {@code Last-Event-ID} this run never gave (an earlier run's) replays the whole buffer.
 */
public final class EventChannel {
    /** How many events a stream may fall behind before it is dropped. */
    public static final int QUEUE = 256;

    /** Put in a stream's queue when the server ends the stream (a stop, new routes), to wake its handler. */
    static final String WAKE = new String();

    private final int replay;
    private final ArrayDeque<String> recent = new ArrayDeque<>();
    private final Set<BlockingQueue<String>> streams = ConcurrentHashMap.newKeySet();
    private long lastId;

    /**
     * Makes a channel.
     *
     * @param replay how many of the latest events are kept for clients that reconnect; 0 for none
     * @throws IllegalArgumentException if {@code replay} is negative
     */
    public EventChannel(int replay) {
        if (replay < 0) {
            throw new IllegalArgumentException("replay must not be negative");
        }
        this.replay = replay;
    }

    /**
     * Sends an event to every stream that joined, now, and keeps it for replay.
     *
     * @param event the event name, or null for the browser's default ({@code message})
     * @param data a {@code String} as it is, anything else as JSON
     * @return the event's id
     */
    public synchronized long publish(String event, Object data) {
        String frame = ServerSentEvents.frame(Long.toString(++lastId), event, data);
        recent.addLast(frame);
        if (recent.size() > replay) {
            recent.removeFirst();
        }
        for (BlockingQueue<String> stream : streams) {
            if (!stream.offer(frame)) {
                streams.remove(stream); // too far behind: its handler ends the stream
            }
        }
        return lastId;
    }

    /**
     * Opens the response as an event stream ({@link ApiResponse#sse()}), sends the events published
     * after the request's {@code Last-Event-ID}, then every event published until the stream ends;
     * returns then. Call it from the handler, as its last step.
     *
     * @param req the request, for its {@code Last-Event-ID}
     * @param res the response
     * @throws InterruptedException if the handler's thread is interrupted
     */
    public void join(ApiRequest req, ApiResponse res) throws InterruptedException {
        ServerSentEvents events = res.sse();
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
        events.wakes(queue);
        List<String> missed;
        synchronized (this) {
            // the kept frames after the client's last event: none for a new client, all for an id
            // this run never gave
            long after = lastId;
            try {
                String lastEventId = req.header("Last-Event-ID");
                after = lastEventId == null ? lastId : Long.parseLong(lastEventId.trim());
            } catch (NumberFormatException e) {
                // not one of ours: a new client
            }
            if (after > lastId || after < 0) {
                after = 0;
            }
            missed = new ArrayList<>(recent);
            missed = missed.subList((int) Math.min(missed.size(), Math.max(0, after - (lastId - missed.size()))), missed.size());
            streams.add(queue);
        }
        try {
            for (String frame : missed) {
                events.write(frame);
            }
            while (events.open() && streams.contains(queue)) {
                String frame = queue.poll(1, TimeUnit.SECONDS); // wakes to see whether the stream is still open
                if (frame != null && frame != WAKE) {
                    events.write(frame);
                }
            }
        } finally {
            streams.remove(queue);
            events.close();
        }
    }

    /**
     * Tells how many streams are open on this channel.
     *
     * @return the number of streams
     */
    public int streams() {
        return streams.size();
    }
}
