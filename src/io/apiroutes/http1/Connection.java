package io.apiroutes.http1;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One client connection: its input buffer, the wait for a whole request head (with a thread, or
 * parked without one), and the loop that serves its requests one after another on the thread that
 * reads them. {@link HeadParser} reads each head, {@link ConnectionWriter} writes; a request the
 * engine refuses gets a JSON error and {@code Connection: close}.
 */
// Longer than 400 lines because one input buffer serves the request loop, the wait without a thread
// (parked, keeping only the bytes received) and the body's reader; the head parser and writer are apart.
public final class Connection implements Runnable {
    private static final int PARKED = -2;
    /** For {@link #fill}: a read that takes what is there and does not wait. */
    private static final int READ_NOW = Integer.MIN_VALUE;
    /** The read buffer a thread starts with; a connection waiting without a thread holds only what it received. */
    private static final int BUFFER_BYTES = 4096;
    /** The smallest buffer a parked connection keeps for a partial head. */
    private static final int PARKED_MIN_BYTES = 64;
    final Http1Server server;
    final SocketChannel channel;
    /** The dispatcher's key while the connection waits for a request without a thread. */
    SelectionKey key;
    /** The bytes counted in the server's {@link Http1Server#queuedBytes} while the connection waits for a pool thread. */
    private int queued;
    /** Admitted past the connection cap for a health check: it serves that one request, then closes. */
    final boolean reserve;
    /** Since when the connection waits without a thread ({@link System#nanoTime()}): the oldest is evicted first. */
    long parkedSince;
    /** The input, or null while nothing is buffered and no thread serves the connection. */
    private byte[] buf;
    private ByteBuffer in;
    /** The unread input is {@code buf[pos, lim)}; the end of a request head is searched from {@code scanned} on. */
    private int pos;
    private int lim;
    private int scanned;
    /** The output side: a buffer for the answer's head and small writes, refusals and the lingering close. */
    final ConnectionWriter writer = new ConnectionWriter(this);
    /** When the reading or writing under way must end ({@link System#nanoTime()}), or 0 for never. */
    volatile long deadline;
    /** Whether a response of unknown length is going out: the deadline then covers each write only. */
    volatile boolean streaming;
    volatile boolean idle;
    private volatile boolean closed;

    Connection(Http1Server server, SocketChannel channel, boolean reserve) {
        this.server = server;
        this.channel = channel;
        this.reserve = reserve;
    }

    @Override
    public void run() {
        boolean parked = false;
        if (queued > 0) {
            server.queuedBytes.addAndGet(-queued);
            queued = 0;
        }
        try {
            for (int end; (end = awaitHead()) != -1; ) {
                if (end == PARKED) {
                    parked = true;
                    server.park(this);
                    return;
                }
                Http1Exchange exchange = parse(end);
                if (exchange == null || !exchange.run()) {
                    break;
                }
            }
        } catch (RequestException e) {
            writer.reply(e.status(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            // the client went away, a deadline passed, or the server stopped: nothing to answer
        } finally {
            if (!parked) {
                close();
            }
        }
    }

    /**
     * Waits until a whole request head is buffered; returns the index after it, -1 when the client
     * closed, or {@link #PARKED} when no request came within a tick and the connection should wait
     * without a thread (its channel is then non-blocking).
     */
    private int awaitHead() throws IOException {
        if (pos == lim) {
            pos = lim = scanned = 0;
        }
        deadline = pos == lim ? 0 : System.nanoTime() + server.settings.requestNanos();
        int end;
        while ((end = scanHead()) < 0) {
            boolean empty = pos == lim;
            if (empty && !idle(true)) {
                return -1;
            }
            if (deadline == 0) {
                deadline = System.nanoTime() + server.settings.idleNanos();
            }
            int n = fill(waitMillis());
            if (n == 0) {
                channel.configureBlocking(false);
                release();
                return PARKED;
            }
            if (n < 0) {
                return -1;
            }
            if (empty) {
                idle(false);
                deadline = System.nanoTime() + server.settings.requestNanos();
            }
        }
        return end;
    }

    /**
     * How long a thread waits for the next request before it gives the connection back to wait
     * without a thread, or -1 to give it back at once. A virtual thread reads without waiting
     * ({@link #READ_NOW}) and gives the connection back when nothing is there: its blocking read
     * would park it on the JDK's poller anyway, and a timed one costs a timer task per read. A
     * platform thread waits a tick, unless other connections wait for the pool; its timed read
     * costs system calls of its own (two fcntl pairs on 17), so a read whose bytes are already
     * there is a plain one (0).
     */
    private int waitMillis() throws IOException {
        if (server.virtualThreads()) {
            return READ_NOW;
        }
        boolean nothing = channel.socket().getInputStream().available() == 0;
        if (!nothing) {
            return 0;
        }
        return server.virtualThreads() || server.othersWaiting() ? -1 : Http1Server.TICK_MILLIS;
    }

    /**
     * Finds the end of the request head in the buffer: the index after its empty line, or after the
     * first bare CR or LF (which {@link #parse} refuses), or -1 when more is needed.
     *
     * @throws RequestException 414 or 431 when the request line or head is past its limit
     */
    int scanHead() throws RequestException {
        int i = Math.max(scanned, pos);
        for (; i < lim; i++) {
            byte b = buf[i];
            if (b == '\n') {
                if (i == pos || buf[i - 1] != '\r' || i - pos >= 3 && buf[i - 2] == '\n' && buf[i - 3] == '\r') {
                    return i + 1;
                }
            } else if (b == '\r' && i + 1 < lim && buf[i + 1] != '\n') {
                return i + 1;
            }
        }
        scanned = i;
        int firstLine = pos;
        while (firstLine < lim && buf[firstLine] != '\n') {
            firstLine++;
        }
        if (firstLine - pos > server.settings.maxRequestLine()) {
            throw refuse(414, "Request line too long");
        }
        if (lim - pos >= server.settings.maxHeaderBytes()) {
            throw refuse(431, "Request header fields too large");
        }
        return -1;
    }

    /**
     * Counts the bytes the connection holds against the budget of heads waiting for a pool
     * thread (a sixteenth of the heap by default); false when they do not fit.
     */
    boolean queue() {
        int bytes = parkedBytes();
        if (server.queuedBytes.addAndGet(bytes) > server.settings.maxWaitingBytes()) {
            server.queuedBytes.addAndGet(-bytes);
            return false;
        }
        queued = bytes;
        return true;
    }

    /** Whether the buffered request head asks for one of the paths served ahead of the others (health checks). */
    boolean priority() {
        java.util.Set<String> paths = server.settings.priorityPaths();
        if (paths.isEmpty()) {
            return false;
        }
        int start = pos;
        while (start < lim && (buf[start] == '\r' || buf[start] == '\n')) {
            start++;
        }
        while (start < lim && buf[start] != ' ') {
            start++;
        }
        int end = ++start;
        while (end < lim && buf[end] != ' ' && buf[end] != '?' && buf[end] != '\r' && end - start <= 256) {
            end++;
        }
        return end < lim && paths.contains(new String(buf, start, end - start, StandardCharsets.ISO_8859_1));
    }

    /** Whether a whole request head (or a malformed one) is buffered: then a thread must take over. */
    boolean hasHead() {
        try {
            return scanHead() >= 0;
        } catch (RequestException e) {
            return true;
        }
    }

    /**
     * Reads what a parked connection has for its next request, through the dispatcher's scratch
     * buffer, keeping only the bytes received; true when a thread must take over.
     */
    boolean readParked(ByteBuffer scratch) {
        try {
            scratch.clear();
            int n = channel.read(scratch);
            if (n < 0) {
                close();
                return false;
            }
            if (n > 0) {
                boolean empty = pos == lim;
                append(scratch.array(), n);
                if (empty) {
                    idle(false);
                    deadline = System.nanoTime() + server.settings.requestNanos();
                }
            }
            return hasHead();
        } catch (IOException e) {
            close();
            return false;
        }
    }

    /** The bytes a parked connection holds for a partial head. */
    int parkedBytes() {
        byte[] b = buf;
        return b == null ? 0 : b.length;
    }

    /** Appends received bytes, growing the buffer by doubling from a small size: a stalled head holds about what it sent. */
    private void append(byte[] bytes, int n) {
        if (buf == null || lim + n > buf.length) {
            int needed = lim - pos + n;
            int size = buf == null ? PARKED_MIN_BYTES : buf.length;
            while (size < needed) {
                size *= 2;
            }
            byte[] grown = new byte[size];
            if (buf != null) {
                System.arraycopy(buf, pos, grown, 0, lim - pos);
            }
            scanned = Math.max(0, scanned - pos);
            lim -= pos;
            pos = 0;
            setBuffer(grown);
        }
        System.arraycopy(bytes, 0, buf, lim, n);
        lim += n;
    }

    /**
     * Gives up the buffers when the connection leaves its thread to wait: nothing when nothing is
     * buffered (an idle keep-alive connection), else a copy of just the partial head.
     */
    private void release() {
        writer.release();
        if (pos == lim) {
            setBuffer(null);
            pos = lim = scanned = 0;
        } else if (buf.length > PARKED_MIN_BYTES && lim - pos <= buf.length / 2) {
            byte[] kept = buf;
            int from = pos;
            int count = lim - pos;
            setBuffer(null);
            scanned = Math.max(0, scanned - from);
            pos = lim = 0;
            append(java.util.Arrays.copyOfRange(kept, from, from + count), count);
        }
    }

    private void setBuffer(byte[] bytes) {
        buf = bytes;
        in = bytes == null ? null : ByteBuffer.wrap(bytes);
    }

    /** Serves a connection the dispatcher held, in blocking mode, on a thread. */
    void resume() {
        try {
            key = null;
            channel.configureBlocking(true);
            server.serve(this);
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    /**
     * Reads more input after {@code lim}, making room first; returns the bytes read, -1 at the end of
     * the stream, or 0 when a timed read found nothing within {@code timeoutMillis} (or a
     * non-blocking read nothing at all, or {@code timeoutMillis} is negative: no read, but
     * {@link #READ_NOW}: a read that does not wait).
     */
    int fill(int timeoutMillis) throws IOException {
        if (timeoutMillis < 0 && timeoutMillis != READ_NOW) {
            return 0;
        }
        if (buf == null || buf.length < BUFFER_BYTES) {
            byte[] bigger = new byte[BUFFER_BYTES];
            if (buf != null) {
                System.arraycopy(buf, pos, bigger, 0, lim - pos);
            }
            scanned = Math.max(0, scanned - pos);
            lim -= pos;
            pos = 0;
            setBuffer(bigger);
        } else if (lim == buf.length) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                scanned = Math.max(0, scanned - pos);
                pos = 0;
            } else {
                setBuffer(java.util.Arrays.copyOf(buf, buf.length * 2));
            }
        }
        int n;
        if (timeoutMillis == READ_NOW) {
            // one read, no FIONREAD first: a virtual thread keeps the socket non-blocking, so the
            // switches of mode are the channel's alone and make no system call
            channel.configureBlocking(false);
            try {
                in.limit(buf.length).position(lim);
                n = channel.read(in);
            } finally {
                channel.configureBlocking(true);
            }
        } else if (timeoutMillis > 0) {
            channel.socket().setSoTimeout(timeoutMillis);
            try {
                n = channel.socket().getInputStream().read(buf, lim, buf.length - lim);
            } catch (SocketTimeoutException e) {
                return 0;
            }
        } else {
            in.limit(buf.length).position(lim);
            n = channel.read(in);
        }
        if (n > 0) {
            lim += n;
        }
        return n;
    }

    /** Copies up to {@code max} body bytes, at least one, reading if none is buffered. */
    int take(byte[] to, int off, int max) throws IOException {
        if (pos == lim) {
            // a large read goes straight into the caller's array, not through this buffer
            boolean direct = max >= BUFFER_BYTES;
            int n = direct ? channel.read(ByteBuffer.wrap(to, off, max)) : fill(0);
            if (n < 0) {
                throw new IOException("the client closed the connection in the middle of a request body");
            }
            if (direct) {
                return n;
            }
        }
        int n = Math.min(max, lim - pos);
        System.arraycopy(buf, pos, to, off, n);
        pos += n;
        return n;
    }

    int buffered() {
        return lim - pos;
    }

    void skip(int count) {
        pos += count;
    }

    /**
     * Reads a line ending in CR LF, at most {@code max} bytes; returns it without its end.
     *
     * @throws RequestException 400 for a bare CR or LF, or a line past {@code max}
     */
    String line(int max) throws IOException {
        for (int i = pos; ; ) {
            while (i < lim && buf[i] != '\r' && buf[i] != '\n') {
                i++;
            }
            if (i < lim && (buf[i] == '\n' || i + 1 < lim && buf[i + 1] != '\n')) {
                throw refuse(400, "Line ending other than CR LF");
            }
            if (i + 1 < lim) {
                String line = new String(buf, pos, i - pos, StandardCharsets.ISO_8859_1);
                pos = i + 2;
                return line;
            }
            if (i - pos > max) {
                throw refuse(400, "Line too long");
            }
            int before = pos;
            if (fill(0) < 0) {
                throw new IOException("the client closed the connection in the middle of a line");
            }
            i -= before - pos;
        }
    }

    /** Parses the buffered request head up to {@code end} and finds its context; returns its exchange. */
    private Http1Exchange parse(int end) throws IOException {
        HeadParser head = HeadParser.parse(buf, pos, end, server.settings);
        pos = end;
        Http1Context context = head.uri.getPath() == null ? null : server.context(head.uri.getPath(), false);
        if (context == null || context.getHandler() == null) {
            throw refuse(404, "No context found for request");
        }
        return new Http1Exchange(this, context, head.method, head.uri, head.version, head.headers, head.bodyLength);
    }

    /** The refusal of a request: its status and message, answered with {@code Connection: close}. */
    static RequestException refuse(int status, String message) {
        return new RequestException(status, message);
    }

    /** Marks the connection idle or busy, keeping the server's count; false if it is closed. */
    synchronized boolean idle(boolean on) {
        if (closed) {
            return false;
        }
        if (idle != on) {
            idle = on;
            server.idle.addAndGet(on ? 1 : -1);
        }
        return true;
    }

    boolean open() {
        return !closed;
    }

    /** Closes the connection past its deadline (called by the dispatcher). */
    void checkDeadline(long now) {
        long d = deadline;
        if (d != 0 && now - d > 0) {
            close();
        }
    }

    /** Closes the connection and counts it out, once, from any thread. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            idle(false);
            closed = true;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closed anyway
        }
        server.closed(this);
    }
}
