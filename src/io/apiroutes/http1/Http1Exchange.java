package io.apiroutes.http1;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import io.apiroutes.http.HeaderText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * One request and its response, as the JDK's {@code HttpExchange} contract describes them:
 * {@code sendResponseHeaders(code, n)} with n &gt; 0 a fixed length, 0 chunked (close-delimited
 * for HTTP/1.0), -1 no body; HEAD, 1xx, 204 and 304 without a body; closing the response stream
 * or the exchange ends it. It decides whether its connection may serve another request, and says
 * {@code Connection: close} whenever it may not.
 */
final class Http1Exchange extends HttpExchange {
    final Connection connection;
    private final Http1Context context;
    private final String method;
    private final URI uri;
    private final String protocol;
    private final Headers requestHeaders;
    private final Headers responseHeaders = new Headers();
    final BodyIn body;
    private BodyOut responseBody;
    private InputStream filteredIn;
    private OutputStream filteredOut;
    private Map<String, Object> attributes;
    HttpPrincipal principal;
    private int code = -1;
    boolean expectContinue;
    /** Whether the connection closes after this exchange. */
    boolean closeAfter;
    /** The handler failed after its answer began: the connection closes without ending the body. */
    private boolean broken;
    private final boolean keepAlive10;
    private volatile boolean closed;
    /** Set last by {@link #close()}: what it wrote is then visible to the connection's thread. */
    private volatile boolean done;
    private volatile Thread waiter;
    /** The connection's thread, which runs the handler. */
    private final Thread servingThread = Thread.currentThread();

    Http1Exchange(Connection connection, Http1Context context, String method, URI uri, String protocol, Headers headers, long length) {
        this.connection = connection;
        this.context = context;
        this.method = method;
        this.uri = uri;
        this.protocol = protocol;
        this.requestHeaders = headers;
        this.body = new BodyIn(this, length);
        boolean http10 = protocol.equals("HTTP/1.0");
        List<String> options = headers.get("Connection");
        closeAfter = HeaderText.listsToken(options, "close");
        boolean keepAlive = HeaderText.listsToken(options, "keep-alive");
        keepAlive10 = http10 && keepAlive && !closeAfter;
        closeAfter |= http10 && !keepAlive;
        expectContinue = !http10 && length != 0 && "100-continue".equalsIgnoreCase(headers.getFirst("Expect"));
    }

    /**
     * Runs the context's filters and handler, waits for the exchange to be closed (a handler may
     * close it from another thread), and ends it.
     *
     * @return whether the connection may serve another request
     */
    boolean run() {
        Http1Server server = connection.server;
        server.exchanges.incrementAndGet();
        try {
            connection.deadline = body.atEnd() ? 0 : connection.deadline;
            List<Filter> filters = context.getFilters();
            if (filters.isEmpty()) {
                context.handle(this);
            } else {
                new Filter.Chain(filters, context).doFilter(this);
            }
            // A handler may hand the exchange to another thread and return: wait for its close (the
            // JDK's contract), unless this thread already wrote the whole response.
            long end = System.nanoTime() + server.settings.responseNanos();
            waiter = Thread.currentThread();
            while (!done && (responseBody == null || !responseBody.complete()) && connection.open()
                    && System.nanoTime() - end < 0) {
                LockSupport.parkNanos(this, Http1Server.TICK_MILLIS * 1_000_000L);
            }
            while (closed && !done && connection.open() && System.nanoTime() - end < 0) {
                LockSupport.parkNanos(this, 1_000_000L); // another thread is closing: let it finish first
            }
        } catch (IOException e) {
            // the client went away, or sent a malformed body the handler did not answer; after a
            // whole response (a late write, say) the connection can go on, as on the JDK's engine
            closeAfter |= responseBody == null || !responseBody.complete();
            broken = responseBody != null && !responseBody.complete();
        } catch (RuntimeException | Error e) {
            closeAfter = true;
            broken = responseBody != null && !responseBody.complete();
            server.failures.log(context.getPath(), method, uri.getRawPath(), e);
        } finally {
            close();
            server.exchanges.decrementAndGet();
        }
        return !closeAfter && connection.open();
    }

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return uri;
    }

    @Override
    public String getRequestMethod() {
        return method;
    }

    @Override
    public HttpContext getHttpContext() {
        return context;
    }

    /**
     * Ends the exchange: finishes the response (or closes the connection when none was sent; a
     * malformed request body the handler did not answer gets its JSON 400 first), and skips what is
     * left of the request body when it is buffered, else closes the connection after the response.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (broken) {
                // The handler failed with its answer half sent: it must not end like a complete one.
                closeAfter = true;
                connection.close();
            } else if (code < 0) {
                closeAfter = true;
                if (body.error != null) {
                    connection.writer.reply(body.error.status(), body.error.getMessage());
                }
            } else if (filteredOut != null) {
                filteredOut.close(); // a filter's stream may hold the end of the body
            } else {
                responseBody.finish();
            }
        } catch (IOException e) {
            closeAfter = true;
        }
        if (!body.skipRest()) {
            closeAfter = true;
        }
        if (closeAfter && code >= 0 && Thread.currentThread() != servingThread) {
            // Ended from another thread (a timeout's 503) while the handler may still run: the
            // client sees the end of the connection now, not when the handler returns.
            connection.writer.shutdownOutput();
        }
        connection.deadline = 0;
        connection.streaming = false;
        done = true;
        Thread thread = waiter;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public InputStream getRequestBody() {
        return filteredIn != null ? filteredIn : body;
    }

    @Override
    public OutputStream getResponseBody() {
        if (filteredOut != null) {
            return filteredOut;
        }
        if (responseBody == null) {
            responseBody = new BodyOut(this);
        }
        return responseBody;
    }

    @Override
    public void sendResponseHeaders(int status, long length) throws IOException {
        if (code >= 0) {
            throw new IOException("headers already sent");
        }
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("invalid status code: " + status);
        }
        getResponseBody();
        code = status;
        boolean bodiless = method.equals("HEAD") || status < 200 || status == 204 || status == 304;
        Headers headers = responseHeaders;
        if (status < 200 || status == 204) {
            headers.remove("Content-Length");
            headers.remove("Transfer-Encoding");
        }
        long mode = bodiless ? -1 : length;
        if (!bodiless && length > 0) {
            headers.set("Content-Length", Long.toString(length));
        } else if (!bodiless && length < 0) {
            headers.set("Content-Length", "0");
        } else if (!bodiless && !protocol.equals("HTTP/1.0")) {
            headers.set("Transfer-Encoding", "chunked");
        } else if (!bodiless) {
            closeAfter = true; // an HTTP/1.0 body without a length ends where the connection does
        }
        Http1Server server = connection.server;
        for (String value : headers.getOrDefault("Connection", List.of())) {
            closeAfter |= value.equalsIgnoreCase("close");
        }
        closeAfter |= connection.reserve || server.stopping || server.idle.get() >= server.settings.maxIdleConnections() || !body.restBuffered();
        if (closeAfter) {
            headers.set("Connection", "close");
        } else if (keepAlive10) {
            headers.set("Connection", "keep-alive");
        }
        writeHead(status, headers);
        if (mode == 0) {
            // A body of unknown length (a stream) may last as long as its handler writes: the
            // response time limit applies to each write that waits on the client, not to the whole.
            connection.streaming = true;
        } else {
            long now = System.nanoTime() + server.settings.responseNanos();
            long current = connection.deadline;
            connection.deadline = current == 0 || current - now > 0 ? now : current;
        }
        responseBody.start(mode);
        if (mode < 0) {
            close();
        }
    }

    /** Writes the status line, {@code Date} and the headers, names in their usual case ({@code Content-Type}). */
    private void writeHead(int status, Headers headers) throws IOException {
        connection.writer.putAscii(statusLine(status));
        byte[] date = connection.server.dateLine();
        connection.writer.put(date, 0, date.length);
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey();
            if (name.equals("Date")) {
                continue;
            }
            for (String value : header.getValue()) {
                connection.writer.putHeader(name, value);
            }
        }
        connection.writer.putAscii("\r\n");
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return (InetSocketAddress) connection.channel.socket().getRemoteSocketAddress();
    }

    @Override
    public int getResponseCode() {
        return code;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return (InetSocketAddress) connection.channel.socket().getLocalSocketAddress();
    }

    @Override
    public String getProtocol() {
        return protocol;
    }

    /** An attribute of this exchange (the JDK keeps them in its context, shared by all exchanges). */
    @Override
    public Object getAttribute(String name) {
        java.util.Objects.requireNonNull(name, "name");
        return attributes == null ? null : attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        java.util.Objects.requireNonNull(name, "name");
        if (attributes == null) {
            attributes = new HashMap<>();
        }
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void setStreams(InputStream in, OutputStream out) {
        if (in != null) {
            filteredIn = in;
        }
        if (out != null) {
            filteredOut = out;
        }
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return principal;
    }

    boolean headersSent() {
        return code >= 0;
    }

    /** The status lines of the common codes, by code; others go out without a reason phrase, which RFC 9112 allows. */
    private static final String[] STATUS_LINES = new String[600];

    static {
        for (String line : ("100 Continue|200 OK|201 Created|202 Accepted|204 No Content|301 Moved Permanently|302 Found"
                + "|303 See Other|304 Not Modified|307 Temporary Redirect|308 Permanent Redirect|400 Bad Request"
                + "|401 Unauthorized|403 Forbidden|404 Not Found|405 Method Not Allowed|409 Conflict|413 Content Too Large"
                + "|414 URI Too Long|415 Unsupported Media Type|422 Unprocessable Content|429 Too Many Requests"
                + "|431 Request Header Fields Too Large|500 Internal Server Error|501 Not Implemented"
                + "|503 Service Unavailable|505 HTTP Version Not Supported").split("\\|")) {
            STATUS_LINES[Integer.parseInt(line.substring(0, 3))] = "HTTP/1.1 " + line + "\r\n";
        }
    }

    /** {@code HTTP/1.1 404 Not Found} and its line end. */
    static String statusLine(int status) {
        String line = status >= 0 && status < STATUS_LINES.length ? STATUS_LINES[status] : null;
        return line != null ? line : "HTTP/1.1 " + status + " \r\n";
    }
}
