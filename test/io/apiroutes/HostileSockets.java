package io.apiroutes;

import io.apiroutes.http.LingeringClose;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Raw-socket clients for what {@code HttpClient} will not send, each bounded by a socket timeout. */
public final class HostileSockets {
    /**
     * The bound for what the server does at once: answer, close, log. That takes milliseconds (a
     * lingering close, {@link LingeringClose#MAX_MILLIS}, more); what a failure runs into is the
     * JDK's 30 s request limit, or forever. Far from both, so that a loaded machine fails no test.
     */
    public static final long PROMPT_MILLIS = 10_000;

    /** How long a read waits before calling the server quiet: longer than any bound a test checks. */
    public static final int TIMEOUT_MILLIS = 15_000;

    private HostileSockets() {}

    /**
     * What came back on one connection.
     *
     * @param text the bytes as ISO-8859-1
     * @param closed whether the server closed the connection (rather than going quiet)
     * @param firstByteMillis when the first byte came, -1 if none did
     * @param closeMillis when the connection closed, -1 if it did not
     */
    public record Answer(String text, boolean closed, long firstByteMillis, long closeMillis) {
        public int status() {
            return TestServer.status(text);
        }

        public String body() {
            return TestServer.body(text);
        }

        public String head() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? text : text.substring(0, end);
        }

        public boolean closesConnection() {
            return head().toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
        }

        @Override
        public String toString() {
            return text.replace("\r\n", "\\r\\n") + (closed ? " <closed after " + closeMillis + " ms>" : " <quiet>");
        }
    }

    /** Sends a request on a new connection and reads until the server closes it or goes quiet. */
    public static Answer send(int port, String request) throws IOException {
        return send(port, request.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    /**
     * Sends bytes on a new connection, optionally half-closes it (so that the server sees the end
     * of what the client sends), and reads until the server closes it or goes quiet.
     */
    public static Answer send(int port, byte[] request, boolean halfClose) throws IOException {
        try (Socket socket = open(port)) {
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (SocketException e) {
                // the server may close before it has read everything: what it answered still counts
            }
            return readUntilClosed(socket.getInputStream(), start);
        }
    }

    /** A loopback connection with the read timeout set. */
    public static Socket open(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    /** Reads until the server closes the connection, or nothing comes for the socket's timeout. */
    public static Answer readUntilClosed(InputStream in, long startNanos) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long first = -1;
        boolean closed = false;
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (first < 0) {
                    first = millisSince(startNanos);
                }
                answer.write(buffer, 0, n);
            }
            closed = true;
        } catch (SocketTimeoutException e) {
            // quiet: the connection is still open
        } catch (SocketException e) {
            closed = true; // reset
        }
        return new Answer(answer.toString(StandardCharsets.ISO_8859_1), closed, first, closed ? millisSince(startNanos) : -1);
    }


    /** Reads one response framed by its Content-Length, leaving the connection open. */
    public static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || head.lastIndexOf("\r\n\r\n") != head.length() - 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed after " + head.length() + " bytes: " + head);
            }
            head.append((char) c);
        }
        int length = contentLength(head.toString());
        byte[] body = in.readNBytes(Math.max(length, 0));
        return head + new String(body, StandardCharsets.ISO_8859_1);
    }

    /**
     * Splits what a server sent on one connection into responses, each with a status line,
     * headers and exactly its Content-Length of body.
     *
     * @throws AssertionError naming what is malformed
     */
    public static List<String> responses(String text, boolean headRequest) {
        List<String> responses = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int end = text.indexOf("\r\n\r\n", at);
            if (end < 0 || !text.startsWith("HTTP/1.1 ", at) || !text.substring(at + 9, at + 12).chars().allMatch(Character::isDigit)) {
                throw new AssertionError("not an HTTP response at offset " + at + ": " + text.substring(at).replace("\r\n", "\\r\\n"));
            }
            String head = text.substring(at, end + 4);
            int status = Integer.parseInt(head.substring(9, 12));
            int length = status < 200 || status == 204 || status == 304 || headRequest ? 0 : contentLength(head);
            if (length < 0) {
                throw new AssertionError("a response without Content-Length: " + head.replace("\r\n", "\\r\\n"));
            }
            if (end + 4 + length > text.length()) {
                throw new AssertionError("a response cut short: " + text.substring(at).replace("\r\n", "\\r\\n"));
            }
            responses.add(text.substring(at, end + 4 + length));
            at = end + 4 + length;
        }
        return responses;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return -1;
    }

    /** Connects until the server refuses a new connection (its stop closed the listening socket), for at most {@code seconds}. */
    public static boolean awaitConnectionRefused(int port, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() - deadline < 0) {
            try {
                new Socket("127.0.0.1", port).close();
            } catch (IOException e) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    public static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
