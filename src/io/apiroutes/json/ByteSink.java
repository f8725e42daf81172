package io.apiroutes.json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that the JSON writer fills with UTF-8, and the one routine that writes a
 * JSON string (quote, backslash and controls escaped, U+2028 and U+2029 escaped for JavaScript,
 * lone surrogates as <code>&#92;uDXXX</code> so the output is always valid UTF-8).
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
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /**
     * For each ASCII character: 0 to copy it, else the letter of its short escape, or 'u' for
     * <code>&#92;u00XX</code>. Read-only after class initialisation.
     */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = 'u';
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
        ESCAPES['\t'] = 't';
    }

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

    /** {@code s} as a JSON string literal, for messages and property names. */
    static String quote(String s) {
        ByteSink sink = new ByteSink(s.length() + 8);
        sink.writeString(s);
        return new String(sink.buf, 0, sink.len, StandardCharsets.UTF_8);
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
        int n = bytes.length;
        if (n > buf.length - len) {
            if (out != null && n >= bound) {
                flush();
                writeOut(bytes, 0, n);
                return;
            }
            makeRoom(n);
        }
        System.arraycopy(bytes, 0, buf, len, n);
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

    /** Writes {@code s} as a JSON string, in quotes and escaped. */
    void writeString(String s) {
        int n = s.length();
        byte[] b = reserve(n + 2);
        int p = len;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || ESCAPES[c] != 0) {
                len = p;
                writeStringSlow(s, i);
                return;
            }
            b[p++] = (byte) c;
        }
        b[p++] = '"';
        len = p;
    }

    private void writeStringSlow(String s, int from) {
        int n = s.length();
        for (int i = from; i < n; i++) {
            // at most 12 bytes per char: an escaped surrogate pair
            byte[] b = reserve(12);
            int p = len;
            char c = s.charAt(i);
            if (c < 0x80) {
                byte escape = ESCAPES[c];
                if (escape == 0) {
                    b[p++] = (byte) c;
                } else if (escape != 'u') {
                    b[p++] = '\\';
                    b[p++] = escape;
                } else {
                    p = writeUnicodeEscape(b, p, c);
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    b[p++] = (byte) (0xF0 | (cp >> 18));
                    b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[p++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    p = writeUnicodeEscape(b, p, c);
                }
            } else if (c == '\u2028' || c == '\u2029') {
                p = writeUnicodeEscape(b, p, c);
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
            len = p;
        }
        write('"');
    }

    private static int writeUnicodeEscape(byte[] b, int p, char c) {
        b[p] = '\\';
        b[p + 1] = 'u';
        b[p + 2] = HEX[c >> 12];
        b[p + 3] = HEX[(c >> 8) & 0xF];
        b[p + 4] = HEX[(c >> 4) & 0xF];
        b[p + 5] = HEX[c & 0xF];
        return p + 6;
    }

    /** A copy of the content, exactly sized. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
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
        long grown = Math.max(needed, 2L * buf.length);
        buf = Arrays.copyOf(buf, (int) Math.min(grown, out != null ? Math.max(bound, needed) : MAX_CAPACITY));
    }
}
