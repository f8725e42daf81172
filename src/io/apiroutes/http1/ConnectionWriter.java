package io.apiroutes.http1;

import io.apiroutes.http.ErrorBody;
import io.apiroutes.http.LingeringClose;
import io.apiroutes.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A connection's output: one buffer for an answer's head and small writes, written to the channel
 * when full or flushed (a large write goes straight through); under a stream's deadline per write;
 * the engine's own refusals (a JSON error and {@code Connection: close}); and the lingering close.
 */
final class ConnectionWriter {
    private final Connection connection;
    private byte[] out;
    private int outLen;

    ConnectionWriter(Connection connection) {
        this.connection = connection;
    }

    /** Answers a refusal with a JSON error and {@code Connection: close}, then closes gently. */
    void reply(int code, String message) {
        try {
            byte[] body = Json.toBytes(new ErrorBody(message));
            byte[] date = connection.server.dateLine();
            outLen = 0;
            putAscii(Http1Exchange.statusLine(code));
            put(date, 0, date.length);
            putAscii("Content-Type: application/json; charset=utf-8\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n");
            put(body, 0, body.length);
            flush();
            linger();
        } catch (IOException | RuntimeException e) {
            // the client is gone
        }
    }

    /**
     * Answers 503 when no thread can serve the connection, on the dispatcher's thread: one write
     * that must not wait (the answer is small and the connection's output idle), then the close.
     */
    void refuseBusy() {
        try {
            connection.channel.configureBlocking(false);
            byte[] body = Json.toBytes(new ErrorBody("Server is busy"));
            byte[] head = (Http1Exchange.statusLine(503) + "Content-Type: application/json; charset=utf-8\r\nContent-Length: "
                    + body.length + "\r\nRetry-After: 1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            connection.channel.write(new ByteBuffer[] {ByteBuffer.wrap(head), ByteBuffer.wrap(body)});
        } catch (IOException | RuntimeException e) {
            // the client is gone, or its window full: the close says enough
        }
        connection.close();
    }

    /**
     * Closes the sending side and reads what the client still sends, for at most a second, before
     * the connection closes: closing with unread input makes the kernel send a reset, which can
     * destroy the answer before the client reads it.
     */
    void linger() throws IOException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LingeringClose.MAX_MILLIS);
        connection.deadline = end + TimeUnit.MILLISECONDS.toNanos(LingeringClose.MAX_MILLIS);
        connection.channel.shutdownOutput();
        connection.channel.socket().setSoTimeout(200);
        InputStream input = connection.channel.socket().getInputStream();
        byte[] discard = new byte[4096];
        try {
            while (System.nanoTime() - end < 0 && input.read(discard) >= 0) {
                // discard
            }
        } catch (SocketTimeoutException e) {
            // the client went quiet: close now
        }
    }

    void putAscii(String s) throws IOException {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) {
            out[outLen++] = (byte) s.charAt(i);
        }
    }

    /**
     * Puts a header line, {@code Name: value} and CRLF, straight into the buffer: the name with each
     * word capitalized, as the JDK's engine writes it.
     *
     * @throws IOException for a CR, an LF or a character past 0xff in the name or the value, which
     *     would split the head or not fit in its bytes; nothing of the line is put then
     */
    void putHeader(String name, String value) throws IOException {
        room(name.length() + value.length() + 4);
        int at = outLen;
        for (int i = 0; i < name.length(); i++) {
            char c = checked(name.charAt(i), name);
            out[at++] = (byte) (i == 0 || name.charAt(i - 1) == '-' ? Character.toUpperCase(c) : c);
        }
        out[at++] = ':';
        out[at++] = ' ';
        for (int i = 0; i < value.length(); i++) {
            out[at++] = (byte) checked(value.charAt(i), name);
        }
        out[at++] = '\r';
        out[at++] = '\n';
        outLen = at;
    }

    private static char checked(char c, String name) throws IOException {
        if (c == '\r' || c == '\n' || c > 0xff) {
            throw new IOException("invalid character in response header " + name);
        }
        return c;
    }

    /** Makes room for {@code n} more bytes in the buffer, writing out what it holds when it must. */
    private void room(int n) throws IOException {
        if (out == null || out.length - outLen < n) {
            flush();
            if (out == null || out.length < n) {
                out = new byte[Math.max(8192, n)];
            }
        }
    }

    void put(byte[] b, int off, int len) throws IOException {
        if (out == null) {
            out = new byte[8192];
        }
        if (len > out.length - outLen) {
            flush();
            if (len >= out.length) {
                write(ByteBuffer.wrap(b, off, len));
                return;
            }
        }
        System.arraycopy(b, off, out, outLen, len);
        outLen += len;
    }

    void flush() throws IOException {
        if (outLen > 0) {
            int n = outLen;
            outLen = 0;
            write(ByteBuffer.wrap(out, 0, n));
        }
    }

    private void write(ByteBuffer bytes) throws IOException {
        boolean stream = connection.streaming;
        if (stream) {
            connection.deadline = System.nanoTime() + connection.server.settings.responseNanos(); // a client that stops taking it is cut off
        }
        while (bytes.hasRemaining()) {
            connection.channel.write(bytes);
        }
        if (stream) {
            connection.deadline = 0; // the quiet between writes is the handler's
        }
    }

    /** Sends the end of the stream to the client (what was written goes first); closes on failure. */
    void shutdownOutput() {
        try {
            flush();
            connection.channel.shutdownOutput();
        } catch (IOException e) {
            connection.close();
        }
    }

    /** Gives up the output buffer while the connection waits without a thread. */
    void release() {
        out = null;
    }
}
