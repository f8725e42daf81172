package io.apiroutes.json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that the JSON writer fills with UTF-8.
 *
 * <p>The writer works on the array directly: {@link #reserve(int)} makes room and returns the
 * array, the writer stores bytes from {@link #length()} on and then calls {@link #length(int)}.
 * A sink made with an {@link OutputStream} grows up to a bound, then flushes its content to the
 * stream instead of growing, so streaming a large value needs a bounded buffer and a small value
 * reaches the stream in one write; its I/O failures surface as an {@link UncheckedIOException}
 * whose cause is {@link #failure()}.
 */
final class ByteSink {
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;

    private final OutputStream out;
    /** The largest buffer of a sink with a stream. */
    private final int bound;
    private byte[] buf;
    private int len;
    private IOException failure;

    ByteSink(int capacity) {
        this(null, capacity, MAX_CAPACITY);
    }

    ByteSink(OutputStream out, int capacity, int bound) {
        this.out = out;
        this.bound = bound;
        this.buf = new byte[Math.max(16, capacity)];
    }

    /** The backing array; bytes {@code [0, length())} are the content. */
    byte[] buffer() {
        return buf;
    }

    /** The number of bytes written (and not yet flushed). */
    int length() {
        return len;
    }

    /** Sets the content length after writing straight into {@link #reserve(int)}'s array. */
    void length(int newLength) {
        len = newLength;
    }

    /** Makes room for {@code n} more bytes after {@link #length()} and returns the array. */
    byte[] reserve(int n) {
        if (n > buf.length - len) {
            makeRoom(n);
        }
        return buf;
    }

    void write(int b) {
        if (len == buf.length) {
            makeRoom(1);
        }
        buf[len++] = (byte) b;
    }

    void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    void write(byte[] bytes, int off, int n) {
        if (n > buf.length - len) {
            if (out != null && n >= bound) {
                flush();
                writeOut(bytes, off, n);
                return;
            }
            makeRoom(n);
        }
        System.arraycopy(bytes, off, buf, len, n);
        len += n;
    }

    /** Writes a string known to hold only ASCII characters. */
    void writeAscii(String s) {
        int n = s.length();
        byte[] b = reserve(n);
        int p = len;
        for (int i = 0; i < n; i++) {
            b[p++] = (byte) s.charAt(i);
        }
        len = p;
    }

    /** A copy of the content, exactly sized. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    /** The content decoded as UTF-8. */
    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    /** Sends the content to the stream, if this sink has one. */
    void flush() {
        if (out != null && len > 0) {
            writeOut(buf, 0, len);
            len = 0;
        }
    }

    /** The I/O failure behind the last {@link UncheckedIOException} this sink threw, or null. */
    IOException failure() {
        return failure;
    }

    private void writeOut(byte[] bytes, int off, int n) {
        try {
            out.write(bytes, off, n);
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException(e);
        }
    }

    private void makeRoom(int n) {
        if (out != null && buf.length >= bound) {
            flush();
            if (n <= buf.length) {
                return;
            }
        }
        long needed = (long) len + n;
        if (needed > MAX_CAPACITY) {
            throw new JsonException("JSON output larger than " + MAX_CAPACITY + " bytes", null);
        }
        long doubled = Math.max(needed, 2L * buf.length);
        buf = Arrays.copyOf(buf, (int) Math.min(doubled, out != null ? Math.max(bound, needed) : MAX_CAPACITY));
    }
}
