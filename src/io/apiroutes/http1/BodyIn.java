package io.apiroutes.http1;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A request body: a fixed length, or chunked (RFC 9112 7.1) with sizes checked against 64-bit
 * overflow, chunk lines bounded, and trailer fields bounded and discarded. A malformed body is a
 * {@link RequestException}; when the handler does not answer it, the exchange answers 400.
 * {@code Expect: 100-continue} is answered on the first read, when the handler wants the body.
 */
final class BodyIn extends InputStream {
    private static final int MAX_CHUNK_LINE = 4096;

    private final Http1Exchange exchange;
    private final Connection connection;
    private final boolean chunked;
    /** Bytes left in the fixed-length body, or in the current chunk. */
    private long remaining;
    private boolean started;
    private boolean end;
    private boolean closed;
    /** Why the body was refused, if it was. */
    RequestException error;

    BodyIn(Http1Exchange exchange, long length) {
        this.exchange = exchange;
        this.connection = exchange.connection;
        this.chunked = length < 0;
        this.remaining = Math.max(length, 0);
        this.end = length == 0;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("the request body is closed");
        }
        if (exchange.expectContinue) {
            exchange.expectContinue = false;
            if (!exchange.headersSent()) {
                connection.writer.putAscii("HTTP/1.1 100 Continue\r\n\r\n");
                connection.writer.flush();
            }
        }
        if (chunked && remaining == 0 && !end) {
            nextChunk();
        }
        if (end) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = connection.take(b, off, (int) Math.min(len, remaining));
        remaining -= n;
        if (remaining == 0 && !chunked) {
            ended();
        }
        return n;
    }

    private void nextChunk() throws IOException {
        String dataEnd = "Malformed chunked body: chunk data must end with CR LF";
        if (started && !line(0, dataEnd).isEmpty()) {
            throw malformed(dataEnd);
        }
        started = true;
        String line = line(MAX_CHUNK_LINE, null);
        long size = 0;
        int i = 0;
        for (int digit; i < line.length() && (digit = Character.digit(line.charAt(i), 16)) >= 0; i++) {
            if (size >= 1L << 59) {
                throw malformed("Malformed chunked body: chunk size out of range");
            }
            size = size * 16 + digit;
        }
        // The size ends the line or an extension's ";" follows it at once: no whitespace, which RFC 9112
        // allows before ";" but the JDK and many proxies refuse (a framing two parsers could read apart).
        if (i == 0 || i < line.length() && line.charAt(i) != ';' || RequestHeaders.hasControl(line)) {
            throw malformed("Malformed chunked body: invalid chunk size");
        }
        if (size == 0) {
            for (int fields = 0; !line(MAX_CHUNK_LINE, null).isEmpty(); ) {
                if (++fields > connection.server.settings.maxHeaderCount()) {
                    throw malformed("Malformed chunked body: too many trailer fields");
                }
            }
            ended();
        }
        remaining = size;
    }

    /** A line of the chunked framing; its refusal (a bare CR or LF, too long) is the body's error, answered 400. */
    private String line(int max, String refusal) throws IOException {
        try {
            return connection.line(max);
        } catch (RequestException e) {
            throw malformed(refusal != null ? refusal : "Malformed chunked body: " + e.getMessage());
        }
    }

    private RequestException malformed(String message) {
        error = new RequestException(400, message);
        return error;
    }

    private void ended() {
        end = true;
        if (!exchange.headersSent()) {
            connection.deadline = 0;
        }
    }

    boolean atEnd() {
        return end;
    }

    /** Whether the rest of the body is already buffered, so that the connection can go on without reading it. */
    boolean restBuffered() {
        return end || !chunked && connection.buffered() >= remaining;
    }

    /** Skips the rest of the body if it is buffered; false if the connection must close instead. */
    boolean skipRest() {
        if (!end && restBuffered()) {
            connection.skip((int) remaining);
            end = true;
        }
        return end;
    }

    @Override
    public void close() {
        closed = true;
    }
}
