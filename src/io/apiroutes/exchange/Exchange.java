package io.apiroutes.exchange;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.apiroutes.ApiException;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;
import io.apiroutes.RouteConfig;
import io.apiroutes.http.ByteSizes;
import io.apiroutes.http.ErrorBody;
import io.apiroutes.http.HeaderText;
import io.apiroutes.http.Etag;
import io.apiroutes.http.LingeringClose;
import io.apiroutes.http.MediaType;
import io.apiroutes.jdk.ServerExecutors;
import io.apiroutes.json.Json;
import io.apiroutes.routing.RouteMatch;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * One request, from the moment the JDK hands it over until its connection is kept or dropped.
 * It owns the {@link HttpExchange}: whether a body was declared and whether it was read, the
 * parsed body, the memory the request holds, the decision to close the connection, and the one
 * way to send an answer. {@link ApiRequest} and {@link ApiResponse} are views of it.
 *
 * <p>Every answer goes through {@link #begin(long)}: the status line and headers, with
 * {@code Connection: close} whenever the connection will close (the request asked, the body was
 * left unread, the server is stopping, the framing could not be trusted), then a body written
 * in slices of {@link #SLICE} bytes: the JDK copies each write whole into a buffer it keeps, so
 * one large write costs twice its size in heap. When the client goes away, or an answer breaks
 * off after its headers went out, the exchange is dropped: {@link #finish()} throws, and the
 * JDK closes the connection and forgets it at once rather than holding its slot until a timer
 * runs, and a client never takes a short body for a complete one.
 *
 * <p>The {@link Watchdog} looks at the exchange from its own thread ({@link #checkTime(long)}):
 * the answer's {@link ExchangeState} moves only under the exchange's lock, through its transitions,
 * the watchdog's verdict is the state's ({@link ExchangeState#watch}), and the handler's thread is
 * interrupted only while it still runs this exchange, and its flag cleared in {@link #finish()}.
 */
// Longer than 400 lines because it is the one object that owns a request's exchange and its lock:
// reading, sending and the watchdog's side share that state, as the JDK's ExchangeImpl does.
public final class Exchange {
    /** The most bytes handed to the JDK in one write: its own write buffer is 4 KiB and grows to fit. */
    public static final int SLICE = 4096;

    public final HttpExchange http;
    private final Dispatcher server;
    private final boolean bodyDeclared;
    private RouteMatch match;
    private String[] segments;
    private ApiRequest request;
    private ApiResponse response;
    private byte[] body;
    private Object parsedBody;
    private boolean parsed;
    private long buffered;
    private long treeBytes;
    private int status = 200;
    /** Where the answer stands; moved only under the lock, through its transitions. */
    private ExchangeState state = ExchangeState.OPEN;
    private boolean close;
    private long sentBytes;
    private final long startNanos = System.nanoTime();
    private long sendingSince;
    private long responseLimitNanos = Watchdog.RESPONSE_NANOS;
    private Thread runner = Thread.currentThread();
    private boolean interruptedByWatchdog;
    /** When the I/O under way began, or 0. */
    private volatile long ioSince;
    /** The thread doing that I/O: the handler's, or a stream's heartbeat. */
    private volatile Thread ioThread;
    /** A stream the handler opened, ended by the server when the handler returns. */
    private AutoCloseable stream;
    /** Set by the watchdog when the exchange ran out of time: its I/O stops. */
    private volatile boolean expired;
    /** The slots whose stream slot this exchange holds, or null. */
    private HandlerSlots streamSlot;

    Exchange(HttpExchange http, Dispatcher server) {
        this.http = http;
        this.server = server;
        Headers headers = http.getRequestHeaders();
        String length = headers.getFirst("Content-Length");
        this.bodyDeclared = (length != null && !length.equals("0")) || headers.containsKey("Transfer-Encoding");
    }

    // ---- the request

    /** Ties the exchange to the route its path matched. */
    synchronized void route(String[] segments, RouteMatch match) {
        this.segments = segments;
        this.match = match;
    }

    public RouteMatch match() {
        return match;
    }

    /** The matched route's settings, or the defaults for a path no route matched (a middleware's 404). */
    public RouteConfig config() {
        return match != null ? match.route().config() : RouteConfig.defaults();
    }

    public String[] segments() {
        return segments;
    }

    public Dispatcher server() {
        return server;
    }

    ApiRequest request() {
        if (request == null) {
            request = server.views().request(this);
        }
        return request;
    }

    ApiResponse response() {
        if (response == null) {
            response = server.views().response(this);
        }
        return response;
    }

    boolean bodyDeclared() {
        return bodyDeclared;
    }

    /**
     * Reads the end of a request that declares no body, which costs no I/O: the JDK keeps a
     * connection only when the body was read to its end, and with {@code drainAmount=0} it no
     * longer reads that end itself.
     */
    void readEndOfBodiless() {
        if (!bodyDeclared) {
            read(http.getRequestBody(), new byte[1], 0, 1);
        }
    }

    /**
     * The body, read once within the route's size limit.
     *
     * @throws ApiException 413 past the limit, 503 when the server's memory is taken
     */
    public byte[] bodyBytes() {
        if (body == null) {
            body = bodyDeclared ? RequestBody.read(this, config().bodySizeLimit()) : new byte[0];
        }
        return body;
    }

    /** Whether the body was read to its end, or there was none. */
    boolean bodyRead() {
        return body != null || !bodyDeclared;
    }

    /**
     * The body parsed by {@code Content-Type}, once. The most its tree can take
     * ({@link Json#maxTreeBytes(long)}, the JSON reader's bound, which a text or a form stays under)
     * is charged to the memory budget first.
     */
    public Object parsedBody() {
        if (!parsed) {
            byte[] bytes = bodyBytes();
            if (bytes.length > 0) {
                long tree = Json.maxTreeBytes(bytes.length);
                server.trees().reserve(tree);
                treeBytes += tree;
            }
            parsedBody = BodyParser.parse(bytes, bodyDeclared, http.getRequestHeaders().getFirst("Content-Type"),
                    server.limits());
            parsed = true;
        }
        return parsedBody;
    }

    /**
     * Holds {@code bytes} more of the server's buffer memory until the exchange ends. When they are
     * not free now, it gives back what it holds and waits for the whole: a request never waits while
     * it holds buffer memory, so requests that each hold a part cannot wait for each other.
     *
     * @throws ApiException 413 when the whole could never fit, 503 when the wait ran out
     */
    void chargeBuffer(long bytes) {
        if (bytes > 0 && !tryChargeBuffer(bytes)) {
            long whole = buffered + bytes;
            server.buffers().release(buffered);
            buffered = 0;
            server.buffers().reserve(whole);
            buffered = whole;
        }
    }

    /** Holds {@code bytes} more of the server's buffer memory only when they are free now. */
    boolean tryChargeBuffer(long bytes) {
        if (server.buffers().tryReserve(bytes)) {
            buffered += bytes;
            return true;
        }
        return false;
    }

    /**
     * Reads from the request body, the interrupt flag set aside as for {@link #begin(long)}.
     *
     * @throws ClientIOException when the client went away (the exchange is dropped)
     */
    int read(InputStream in, byte[] buffer, int offset, int length) {
        boolean interrupted = startIo();
        try {
            return in.read(buffer, offset, length);
        } catch (IOException e) {
            if (in instanceof InflaterInputStream && (e instanceof ZipException || e instanceof EOFException)) {
                // a decoder's complaint: the body is not in its Content-Encoding (the client's mistake, not its loss)
                throw new ApiException(400, "Malformed body: not in its Content-Encoding");
            }
            throw dropped(e);
        } finally {
            endIo(interrupted);
        }
    }

    // ---- the answer

    public void status(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    public Headers responseHeaders() {
        return http.getResponseHeaders();
    }

    /** Whether the status line went out (or the exchange was dropped, or timed out): nothing else can be sent. */
    public synchronized boolean sent() {
        return state.answered() || http.getResponseCode() != -1;
    }

    /** Whether an answer started and has not ended: a body is going out. */
    synchronized boolean sending() {
        return state == ExchangeState.SENDING || (state == ExchangeState.OPEN && http.getResponseCode() != -1);
    }

    /** Sets or adds a response header for the handler, unless the answer went out. */
    public synchronized void header(String name, String value, boolean add) {
        if (sent()) {
            throw new IllegalStateException(state == ExchangeState.TIMING_OUT || expired ? "the request timed out"
                    : "the response was already sent");
        }
        if (add) {
            http.getResponseHeaders().add(name, value);
        } else {
            http.getResponseHeaders().set(name, value);
        }
    }

    /** The connection closes after this answer. */
    void closeConnection() {
        close = true;
    }

    /**
     * Sends the status line and headers, for a body of {@code length} bytes (0 for none, -1 for a
     * stream of unknown length, sent chunked). An answer whose {@code ETag} the client has becomes
     * a 304 ({@link #notModified}). A 204 or 304 has no body and no {@code Content-Type}; a
     * {@code HEAD} answer carries the length its {@code GET} would have, and no body.
     *
     * <p>The interrupt flag of the thread is cleared during the I/O and restored after: the JDK
     * writes through interruptible channels, and a flag a handler set (the usual "restore the
     * interrupt" idiom) would otherwise close the connection under the answer.
     *
     * @return the stream for the body, to be written with {@link #write} and ended with
     *     {@link #complete}; null when no body follows
     * @throws IllegalStateException when an answer was already sent
     * @throws ClientIOException when the client went away (the exchange is dropped)
     */
    public OutputStream begin(long length) {
        synchronized (this) {
            if (state != ExchangeState.OPEN) {
                throw new IllegalStateException(expired ? "the request timed out" : "the response was already sent");
            }
            state = state.begin();
            sendingSince = System.nanoTime(); // with the state: the watchdog must never see SENDING without it
        }
        Headers headers = http.getResponseHeaders();
        serverHeaders(headers);
        boolean head = http.getRequestMethod().equals("HEAD");
        boolean gzip = gzip(length, head);
        if (notModified()) {
            status = 304;
        }
        boolean bodiless = status == 204 || status == 304;
        if (bodiless) {
            headers.remove("Content-Type");
            length = 0;
        }
        warnIfLarge(length);
        if (head && !bodiless && length >= 0) {
            headers.set("Content-Length", Long.toString(length));
        }
        gzip &= length != 0;
        if (gzip) {
            headers.set("Content-Encoding", "gzip");
            length = -1; // its compressed length is known once it is sent: chunked
        }
        long declared = head || length == 0 ? -1 : length < 0 ? 0 : length;
        boolean interrupted = startIo();
        try {
            http.sendResponseHeaders(status, declared);
            if (declared == -1) {
                ended();
                return null;
            }
            // a flush compresses what was written so far and sends it: an event or a chunk is not held back
            return gzip ? new GZIPOutputStream(http.getResponseBody(), SLICE, true) : http.getResponseBody();
        } catch (IOException e) {
            throw dropped(e);
        } finally {
            endIo(interrupted);
        }
    }

    /** What the server says on every answer: {@code Connection: close} when it closes, and HSTS when set. */
    private void serverHeaders(Headers headers) {
        if (server.gate().draining() || !bodyRead() || HeaderText.listsToken(http.getRequestHeaders().get("Connection"), "close")) {
            close = true;
        }
        if (close) {
            headers.set("Connection", "close");
        }
        if (server.hsts() != null) {
            headers.set("Strict-Transport-Security", server.hsts());
        }
    }

    /**
     * Whether the answer goes out gzip-compressed: a body the server and the route let compress (of
     * the server's threshold or more, or a stream, of a compressible type, not encoded by the
     * handler already), to a client that accepts gzip, and not to {@code HEAD}. Every answer that
     * could have been compressed says {@code Vary: Accept-Encoding}; a compressed one's {@code ETag}
     * is weak, so that {@code If-None-Match} still matches it and the identity answer's tag.
     */
    private boolean gzip(long length, boolean head) {
        Headers headers = http.getResponseHeaders();
        long min = server.gzipMinBytes();
        if (min < 0 || (match != null && !match.route().config().compress())
                || (length >= 0 && length < Math.max(1, min)) || headers.containsKey("Content-Encoding")
                || !MediaType.compressible(headers.getFirst("Content-Type"))) {
            return false;
        }
        if (!HeaderText.listsToken(headers.get("Vary"), "Accept-Encoding")) {
            headers.add("Vary", "Accept-Encoding");
        }
        if (head || !HeaderText.acceptsGzip(http.getRequestHeaders().get("Accept-Encoding"))) {
            return false;
        }
        String etag = headers.getFirst("ETag");
        if (etag != null && etag.startsWith("\"")) {
            headers.set("ETag", "W/" + etag);
        }
        return true;
    }

    /**
     * Whether the answer is a 304 instead: a {@code GET} or {@code HEAD} answered 2xx with an
     * {@code ETag} (the handler's own, or the one {@link #sendEntity} made) that the client's
     * {@code If-None-Match} matches. Never for a stream.
     */
    private boolean notModified() {
        String method = http.getRequestMethod();
        if (status / 100 != 2 || stream != null || !(method.equals("GET") || method.equals("HEAD"))) {
            return false;
        }
        List<String> ifNoneMatch = http.getRequestHeaders().get("If-None-Match");
        return ifNoneMatch != null && Etag.matches(String.join(",", ifNoneMatch), http.getResponseHeaders().getFirst("ETag"));
    }

    /** Writes part of the body in slices. */
    public void write(OutputStream out, byte[] bytes, int offset, int length) {
        for (int at = offset, end = offset + length; at < end; at += SLICE) {
            boolean interrupted = startIo();
            try {
                int slice = Math.min(SLICE, end - at);
                out.write(bytes, at, slice);
                sentBytes += slice;
            } catch (IOException e) {
                throw dropped(e);
            } finally {
                endIo(interrupted);
            }
        }
    }

    /** Pushes what was written so far to the client. */
    void flush(OutputStream out) {
        boolean interrupted = startIo();
        try {
            out.flush();
        } catch (IOException e) {
            throw dropped(e);
        } finally {
            endIo(interrupted);
        }
    }

    /**
     * Ends the body. After an early answer to a request whose body is still coming, it first
     * reads what the client keeps sending, for a bounded time, so that the answer is not lost
     * to a reset when the connection closes ({@link LingeringClose}).
     */
    public void complete(OutputStream out) {
        boolean interrupted = startIo();
        try {
            if (!bodyRead()) {
                out.flush();
                ioSince = 0; // the lingering read keeps its own, shorter, time limit
                LingeringClose.discard(http.getRequestBody());
            }
            out.close();
        } catch (IOException e) {
            throw dropped(e);
        } finally {
            endIo(interrupted);
        }
        ended();
    }

    private synchronized void ended() {
        state = state.end();
    }

    /**
     * Sends a handler's body with its exact length, and for a {@code GET} or {@code HEAD} answered
     * 200 an {@code ETag} made from it, unless the route turned them off or the handler set one (a
     * handler's tag is never replaced). {@link #begin} answers 304 without the body when the
     * client's {@code If-None-Match} matches the tag.
     */
    public void sendEntity(byte[] bytes, int offset, int length, String defaultContentType) {
        Headers headers = http.getResponseHeaders();
        String method = http.getRequestMethod();
        if (status == 200 && match != null && match.route().config().etag()
                && (method.equals("GET") || method.equals("HEAD")) && !headers.containsKey("ETag")) {
            headers.set("ETag", Etag.of(bytes, offset, length));
        }
        send(bytes, offset, length, defaultContentType);
    }

    /**
     * Takes a stream's slot before a stream's headers go out, or refuses the stream with 503 and
     * {@code Retry-After}: a handler that loops on a stream holds its thread, so streams may take
     * only a share of the server's handlers.
     *
     * @throws ApiException 503 when every stream slot is taken
     */
    public void openStream() {
        if (streamSlot != null) {
            return;
        }
        HandlerSlots slots = server.slots();
        if (!slots.tryOpenStream()) {
            header("Retry-After", "1", false);
            throw new ApiException(503, "Server is busy: too many streams open at once");
        }
        streamSlot = slots;
    }

    /** A stream the handler opened: it may last the route's stream time limit, and ends when the handler returns. */
    public synchronized void streaming(AutoCloseable stream) {
        this.stream = stream;
        if (match != null) {
            responseLimitNanos = match.route().config().streamTimeLimit().toNanos();
        }
    }

    /** Ends the stream the handler left open, now that it returned. */
    void endStream() throws Exception {
        if (stream != null) {
            stream.close();
        }
    }

    /** Whether the watchdog cut the exchange off. */
    boolean expired() {
        return expired;
    }

    /** Sends a whole body with its exact length. */
    public void send(byte[] bytes, int offset, int length, String defaultContentType) {
        defaultContentType(length, defaultContentType);
        OutputStream out = begin(length);
        if (out != null) {
            write(out, bytes, offset, length);
            complete(out);
        }
    }

    /** Sets the {@code Content-Type} of a non-empty body unless the handler set one. */
    public void defaultContentType(long length, String contentType) {
        if (length != 0 && contentType != null && !http.getResponseHeaders().containsKey("Content-Type")) {
            http.getResponseHeaders().set("Content-Type", contentType);
        }
    }

    /**
     * Forgets the headers a failed handler set, but for CORS and {@code Vary}: a 500 must not be
     * cached as the answer would have been ({@code Cache-Control}), nor set the answer's cookies.
     */
    void clearHeadersOfFailure() {
        if (!sent()) {
            http.getResponseHeaders().keySet().removeIf(name -> !name.equalsIgnoreCase("Vary")
                    && !name.regionMatches(true, 0, "Access-Control-", 0, 15));
        }
    }

    /** Sends an error the server chose, replacing the {@code Content-Type} a handler may have set. */
    void sendError(int status, Object errorBody) {
        this.status = status;
        http.getResponseHeaders().remove("Content-Type");
        response().json(errorBody);
    }

    /**
     * Gives up on the connection: the client went away, or an answer broke off after its headers
     * went out. {@link #finish()} then drops it.
     */
    synchronized void drop() {
        state = state.drop();
    }

    synchronized boolean dropped() {
        return state == ExchangeState.DROPPED;
    }

    /**
     * Ends the exchange: gives its memory back, then keeps the connection for the next request,
     * or, when it was dropped, throws, so that the JDK closes the connection and frees its slot
     * at once (the JDK forgets a connection closed any other way only when its request timer
     * runs, tens of seconds later).
     *
     * @throws IOException when the connection was dropped
     */
    void finish() throws IOException {
        boolean dropped;
        synchronized (this) {
            while (state == ExchangeState.TIMING_OUT) {
                try {
                    wait(); // the watchdog's answer is going out on another thread
                } catch (InterruptedException e) {
                    interruptedByWatchdog = true; // cleared below with the rest
                }
            }
            runner = null;
            dropped = state == ExchangeState.DROPPED || (state == ExchangeState.SENDING && expired); // cut off: never ended like a whole answer
        }
        if (interruptedByWatchdog) {
            Thread.interrupted(); // the thread goes back to the pool without the watchdog's interrupt
        }
        server.watchdog().forget(this);
        if (streamSlot != null) {
            streamSlot.closeStream();
            streamSlot = null;
        }
        server.buffers().release(buffered);
        server.trees().release(treeBytes);
        buffered = 0;
        treeBytes = 0;
        if (dropped) {
            throw new IOException("connection dropped");
        }
        http.close();
    }

    /** The request's line for the request log: method, path, status, body bytes sent, milliseconds ({@code dropped} when it was). */
    synchronized String logLine() {
        int code = state == ExchangeState.DROPPED ? -1 : http.getResponseCode();
        return http.getRequestMethod() + " " + http.getRequestURI().getRawPath() + " "
                + (code < 0 ? "dropped" : Integer.toString(code)) + " " + sentBytes + " "
                + (System.nanoTime() - startNanos) / 100_000 / 10.0 + "ms";
    }

    /**
     * Looks at the exchange's time, on the watchdog's thread: a handler past its route's time
     * limit gets 503 sent for it, a client that has not taken a slice of the answer for
     * {@link Watchdog#WRITE_STALL_NANOS}, or an answer past its time limit, is cut off. Either
     * way the handler's thread is interrupted, so that it stops waiting.
     */
    void checkTime(long now) {
        boolean answer;
        synchronized (this) {
            if (state == ExchangeState.TIMING_OUT) {
                stopStalledWrite(now); // the 503 itself may wait on a client that reads nothing
                return;
            }
            if (runner == null || expired) {
                return;
            }
            int watch = state.watch(http.getResponseCode() != -1, stream != null, now, startNanos,
                    sendingSince, timeLimitNanos(), responseLimitNanos);
            if (watch == ExchangeState.WAIT && !(state == ExchangeState.SENDING && stopStalledWrite(now))) {
                return;
            }
            answer = watch == ExchangeState.ANSWER_TIMEOUT;
            if (answer) {
                state = state.timeOut(); // the handler is interrupted once the 503 is out: a read it is in must not close the connection first
            }
            expired = true;
            if (!answer) {
                stopStalledWrite(0); // a stream's heartbeat, say, in the middle of a write
                runner.interrupt();
                interruptedByWatchdog = true;
            }
        }
        if (answer) {
            try {
                ServerExecutors.startThread(this::answerTimeout, "apiroutes-timeout"); // a virtual thread on 21+
            } catch (Throwable e) {
                synchronized (this) {
                    state = state.timeoutAnswered(false); // no thread to answer with: the connection is dropped instead
                    notifyAll();
                }
            }
        }
    }

    /** How long the handler may take before it answers: its route's time limit, or the default before a route matched. */
    private long timeLimitNanos() {
        return config().timeLimit().toNanos();
    }

    /**
     * Interrupts the thread in the middle of a write that has waited on the client for
     * {@link Watchdog#WRITE_STALL_NANOS} (any write, at {@code now} 0); true if there was one.
     */
    private boolean stopStalledWrite(long now) {
        long io = ioSince;
        Thread writer = ioThread;
        if (io == 0 || writer == null || now - io <= Watchdog.WRITE_STALL_NANOS && now != 0) {
            return false;
        }
        writer.interrupt();
        return true;
    }

    /** Sends the 503 of a handler that ran out of time, with bytes of its own, and lets {@link #finish()} go on. */
    private void answerTimeout() {
        boolean sent = false;
        ioThread = Thread.currentThread();
        ioSince = System.nanoTime();
        String limit = timeLimitNanos() / 1_000_000_000 + " s";
        try {
            byte[] body = Json.toBytes(new ErrorBody("Handler timed out after " + limit));
            Headers headers = http.getResponseHeaders();
            headers.clear();
            headers.set("Content-Type", MediaType.JSON_UTF8);
            headers.set("Connection", "close");
            http.sendResponseHeaders(503, body.length);
            OutputStream out = http.getResponseBody();
            out.write(body);
            out.close();
            sent = true;
        } catch (Throwable e) {
            // the client is gone: the exchange is dropped
        } finally {
            ioSince = 0;
            Thread.interrupted(); // this thread's own, if the write stalled
            // without --log too: a cut-off is a failure the operator must see
            Logging.LOG.log(Level.WARNING, "handler for " + (match != null ? match.route().pattern() : "?")
                    + " ran past its time limit of " + limit + (sent ? ": 503 sent" : ": the client was gone"));
            synchronized (this) {
                state = state.timeoutAnswered(sent);
                if (runner != null) {
                    runner.interrupt(); // now the handler stops waiting
                    interruptedByWatchdog = true;
                }
                notifyAll();
            }
        }
    }

    /** Sets the interrupt flag aside for the I/O, and marks when it began; refuses I/O once the exchange expired. */
    private boolean startIo() {
        boolean interrupted = Thread.interrupted();
        if (expired) { // read after the flag was cleared: a watchdog's interrupt is never lost
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            drop();
            throw new ClientIOException(new IOException("the request ran out of time"));
        }
        ioThread = Thread.currentThread();
        ioSince = System.nanoTime();
        return interrupted;
    }

    private void endIo(boolean interrupted) {
        ioSince = 0;
        if (interrupted && !expired) {
            Thread.currentThread().interrupt();
        }
    }

    private ClientIOException dropped(IOException e) {
        drop();
        return new ClientIOException(e);
    }

    void warnIfLarge(long length) {
        if (match == null) {
            return;
        }
        long warning = match.route().config().responseSizeWarning();
        if (warning > 0 && length >= warning) {
            Logging.LOG.log(Level.WARNING, "API response for " + match.route().pattern() + " is " + length
                    + " bytes, at or over the " + ByteSizes.format(warning) + " warning size");
        }
    }
}
