package io.apiroutes.http1;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A response body, framed as {@code sendResponseHeaders} chose: none, a fixed length, chunked, or
 * (HTTP/1.0 only) until the connection closes. Closing it ends the exchange.
 */
final class BodyOut extends OutputStream {
    private static final int NONE = 1;
    private static final int FIXED = 2;
    private static final int CHUNKED = 3;
    private static final int UNTIL_CLOSE = 4;

    private final Http1Exchange exchange;
    private int mode;
    private long remaining;
    private boolean finished;

    BodyOut(Http1Exchange exchange) {
        this.exchange = exchange;
    }

    /** Frames the body: -1 none, 0 chunked (until close on HTTP/1.0), else that many bytes. */
    void start(long length) {
        mode = length < 0 ? NONE : length > 0 ? FIXED : exchange.getProtocol().equals("HTTP/1.0") ? UNTIL_CLOSE : CHUNKED;
        remaining = length;
    }

    /** Whether the whole response is written (a fixed-length body needs no close for that). */
    boolean complete() {
        return finished || mode == FIXED && remaining == 0;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return;
        }
        if (finished) {
            throw new IOException("the response body is closed");
        }
        if (mode == 0) {
            throw new IOException("response headers not sent yet");
        }
        Connection connection = exchange.connection;
        if (mode == NONE || mode == FIXED && len > remaining) {
            throw new IOException("too many bytes to write to stream");
        }
        if (mode == CHUNKED) {
            connection.writer.putAscii(Integer.toHexString(len) + "\r\n");
        }
        connection.writer.put(b, off, len);
        if (mode == CHUNKED) {
            connection.writer.putAscii("\r\n");
        }
        remaining -= len;
        if (mode == FIXED && remaining == 0) {
            connection.writer.flush(); // the answer is whole: the client need not wait for a close
        }
    }

    @Override
    public void flush() throws IOException {
        if (mode != 0 && !finished) {
            exchange.connection.writer.flush();
        }
    }

    /** Ends the body and the exchange. */
    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            exchange.close();
        }
    }

    /** Writes the end of the body and sends what is buffered; a fixed length not reached is an error that closes the connection. */
    void finish() throws IOException {
        if (finished || mode == 0) {
            return;
        }
        finished = true;
        if (mode == FIXED && remaining > 0) {
            exchange.closeAfter = true;
            throw new IOException("insufficient bytes written to stream");
        }
        if (mode == CHUNKED) {
            exchange.connection.writer.putAscii("0\r\n\r\n");
        }
        exchange.connection.writer.flush();
    }
}
