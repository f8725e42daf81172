package io.apiroutes.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A response body written in pieces. Buffered, it collects the body and sends it with its exact
 * {@code Content-Length} on {@link #close()}, as long as the buffer stays within
 * {@link #FREE_BYTES} or the server's memory budget grants more; past that it sends the headers
 * and goes on chunked, so a large answer never needs its whole size in memory. Unbuffered (a
 * handler's own stream), every write goes out chunked and {@link #flush()} pushes it to the client.
 */
public final class ResponseStream extends OutputStream {
    /** What a buffered body may take without asking the memory budget. */
    public static final int FREE_BYTES = 64 * 1024;

    private final Exchange exchange;
    private final String contentType;
    private final boolean buffered;
    private byte[] buffer;
    private int length;
    /** Every byte written, for the size warning of a buffered body that went out chunked. */
    private long written;
    private long charged;
    private OutputStream out;
    private boolean closed;
    /** A handler's stream whose answer may have no body (HEAD, 204, 304): it takes no writes. */
    private boolean bodiless;

    public ResponseStream(Exchange exchange, String contentType, boolean buffered) {
        this.exchange = exchange;
        this.contentType = contentType;
        this.buffered = buffered;
    }

    /**
     * A handler's stream: the headers go out now, each write is sent chunked, and the stream
     * ends when the handler closes it or returns, or at the route's stream time limit.
     */
    public static ResponseStream open(Exchange exchange, String contentType) {
        ResponseStream stream = new ResponseStream(exchange, contentType, false);
        exchange.streaming(stream);
        stream.start();
        stream.flush(); // the headers go out now: an EventSource opens before the first event
        return stream;
    }

    /** Whether the stream ran out of time, its client went away, or its answer has no body. */
    public boolean expired() {
        return bodiless || exchange.expired() || exchange.dropped();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) throws IOException {
        if (closed) {
            throw new IOException("the response body was closed");
        }
        if (bodiless) {
            // as a client gone away: the handler stops, quietly, instead of writing to nothing for good
            throw new ClientIOException(new IOException("the answer to " + exchange.http.getRequestMethod()
                    + " has no body (status " + exchange.status() + ")"));
        }
        if (count == 0) {
            return;
        }
        written += count;
        if (out == null) {
            if (buffered && fits(count)) {
                System.arraycopy(bytes, offset, buffer, length, count);
                length += count;
                return;
            }
            start();
        }
        exchange.write(out, bytes, offset, count);
    }

    /** Sends what was written so far; a buffered body keeps collecting until it is too large or closed. */
    @Override
    public void flush() {
        if (!buffered && !closed) {
            if (out == null) {
                start();
            }
            exchange.flush(out);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (expired()) {
            return; // cut off: the connection is dropped, not ended as if the body were whole
        }
        if (out == null && buffered) {
            exchange.sendEntity(buffer == null ? new byte[0] : buffer, 0, length, contentType);
        } else {
            if (out == null) {
                start();
            }
            if (out != null) {
                exchange.complete(out);
            }
            if (buffered) {
                exchange.warnIfLarge(written); // a JSON answer past the buffer: its length was not known up front
            }
        }
    }

    /** The headers, then whatever was collected, as the start of a chunked body. */
    private void start() {
        exchange.defaultContentType(-1, contentType);
        out = exchange.begin(-1);
        if (out == null) {
            out = OutputStream.nullOutputStream(); // HEAD, 204, 304: the body is dropped
            bodiless = !buffered;
        } else if (length > 0) {
            exchange.write(out, buffer, 0, length);
        }
        buffer = null;
        length = 0;
    }

    private boolean fits(int count) {
        int needed = length + count;
        if (buffer != null && needed <= buffer.length) {
            return true;
        }
        if (needed < 0) {
            return false;
        }
        int capacity = buffer == null ? needed : Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 16, 2L * buffer.length));
        long beyondFree = Math.max(0, (long) capacity - FREE_BYTES);
        if (beyondFree > charged) {
            if (!exchange.tryChargeBuffer(beyondFree - charged)) {
                return false;
            }
            charged = beyondFree;
        }
        buffer = buffer == null ? new byte[capacity] : Arrays.copyOf(buffer, capacity);
        return true;
    }
}
