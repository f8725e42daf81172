package io.apiroutes;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.apiroutes.json.JsonException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * The response a handler answers with, the counterpart of Next.js's {@code NextApiResponse}.
 *
 * <p>{@link #status(int)} and {@link #setHeader(String, String)} return the response, so they
 * chain; {@link #json}, {@link #send}, {@link #redirect(String)} and {@link #end()} send it, once:
 * a second send is an {@link IllegalStateException}. Every body goes out with an exact
 * {@code Content-Length}.
 *
 * <pre>{@code
 * res.status(201).setHeader("Location", "/api/users/42").json(user);
 * }</pre>
 */
public final class ApiResponse {
    static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final String TEXT_TYPE = "text/plain; charset=utf-8";
    private static final String BYTES_TYPE = "application/octet-stream";

    private final HttpExchange exchange;
    private final Route route;
    private final ApiRequest request;
    private final RequestGate gate;
    private int status = 200;
    private boolean sent;

    /**
     * A response; {@code route} and {@code request} are null for answers given before a route
     * matched, {@code gate} is null for an answer that must not consult it.
     */
    ApiResponse(HttpExchange exchange, Route route, ApiRequest request, RequestGate gate) {
        this.exchange = exchange;
        this.route = route;
        this.request = request;
        this.gate = gate;
    }

    /**
     * Sets the status.
     *
     * @param status an HTTP status from 200 to 599
     * @return this response
     * @throws IllegalArgumentException if {@code status} is out of range
     */
    public ApiResponse status(int status) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status must be from 200 to 599, not " + status);
        }
        this.status = status;
        return this;
    }

    /**
     * Sets a header, replacing any value it had.
     *
     * @param name a header name (an RFC 9110 token)
     * @param value the value: no CR, LF, NUL or other control character but tab
     * @return this response
     * @throws IllegalArgumentException if the name or value could split the response, or names a
     *     header the server manages ({@code Content-Length}, {@code Transfer-Encoding})
     * @throws IllegalStateException if the response was already sent
     */
    public ApiResponse setHeader(String name, String value) {
        checkHeader(name, value);
        exchange.getResponseHeaders().set(name, value);
        return this;
    }

    /**
     * Adds a value to a header, keeping those it had: for {@code Set-Cookie}, for instance.
     *
     * @param name a header name (an RFC 9110 token)
     * @param value the value: no CR, LF, NUL or other control character but tab
     * @return this response
     * @throws IllegalArgumentException as {@link #setHeader(String, String)}
     * @throws IllegalStateException if the response was already sent
     */
    public ApiResponse appendHeader(String name, String value) {
        checkHeader(name, value);
        exchange.getResponseHeaders().add(name, value);
        return this;
    }

    /**
     * Sends a value as JSON, with {@code Content-Type: application/json; charset=utf-8} unless the
     * handler set another {@code Content-Type}.
     *
     * @param body the value: a record, map, list, array, string, number, boolean, null, and the
     *     other types listed in the README's JSON table
     * @throws JsonException if the value has a type that cannot be written as JSON
     * @throws IllegalStateException if the response was already sent
     * @throws UncheckedIOException if the client went away
     */
    public void json(Object body) {
        requireUnsent();
        JsonBody json = JsonBody.of(body);
        write(json.buffer(), json.length(), JSON_TYPE);
    }

    /**
     * Sends a body: a {@code String} as UTF-8 text ({@code text/plain}), a {@code byte[]} as is
     * ({@code application/octet-stream}), null as no body, anything else as JSON. A
     * {@code Content-Type} the handler set is kept.
     *
     * @param body the body
     * @throws IllegalStateException if the response was already sent
     * @throws UncheckedIOException if the client went away
     */
    public void send(Object body) {
        requireUnsent();
        if (body == null) {
            write(new byte[0], 0, null);
        } else if (body instanceof String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            write(bytes, bytes.length, TEXT_TYPE);
        } else if (body instanceof byte[] bytes) {
            write(bytes, bytes.length, BYTES_TYPE);
        } else {
            json(body);
        }
    }

    /**
     * Redirects with 307 Temporary Redirect, as Next.js's {@code res.redirect(url)} does.
     *
     * @param url a path ({@code /login}) or an absolute {@code http(s)} URL
     * @throws IllegalArgumentException if the target is not one of those, is protocol-relative
     *     ({@code //host}, {@code /\host}) or holds a control character
     * @throws IllegalStateException if the response was already sent
     */
    public void redirect(String url) {
        redirect(307, url);
    }

    /**
     * Redirects with the given status.
     *
     * @param status 301, 302, 303, 307 or 308
     * @param url a path ({@code /login}) or an absolute {@code http(s)} URL
     * @throws IllegalArgumentException if the status is not a redirect, or the target is not
     *     a path or an absolute {@code http(s)} URL
     * @throws IllegalStateException if the response was already sent
     */
    public void redirect(int status, String url) {
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            throw new IllegalArgumentException("a redirect status is 301, 302, 303, 307 or 308, not " + status);
        }
        checkRedirectTarget(url);
        requireUnsent();
        this.status = status;
        exchange.getResponseHeaders().set("Location", url);
        write(new byte[0], 0, null);
    }

    /**
     * Sends the status and headers with no body.
     *
     * @throws IllegalStateException if the response was already sent
     * @throws UncheckedIOException if the client went away
     */
    public void end() {
        requireUnsent();
        write(new byte[0], 0, null);
    }

    boolean sent() {
        return sent;
    }

    int statusCode() {
        return status;
    }

    /** Sends an error the dispatcher chose, replacing the Content-Type a handler may have set. */
    void sendError(int status, Object body) {
        this.status = status;
        exchange.getResponseHeaders().remove("Content-Type");
        json(body);
    }

    private void requireUnsent() {
        if (sent) {
            throw new IllegalStateException("the response was already sent");
        }
    }

    private void checkHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        requireUnsent();
        if (!HeaderText.isToken(name)) {
            throw new IllegalArgumentException("not a valid header name: '" + name + "'");
        }
        int bad = HeaderText.firstInvalidValueChar(value);
        if (bad >= 0) {
            throw new IllegalArgumentException("header " + name + " has a forbidden character (U+"
                    + String.format("%04X", (int) value.charAt(bad)) + ") at index " + bad);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("content-length") || lower.equals("transfer-encoding")) {
            throw new IllegalArgumentException(name + " is set by the server");
        }
    }

    static void checkRedirectTarget(String url) {
        Objects.requireNonNull(url, "url");
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c < 0x20 || c == 0x7f || c > 0x7e) {
                throw new IllegalArgumentException("a redirect target must be ASCII without control characters");
            }
        }
        if (url.startsWith("/")) {
            if (url.startsWith("//") || url.startsWith("/\\")) {
                throw new IllegalArgumentException("a protocol-relative redirect target (" + url
                        + ") could leave this host; spell out the scheme: https://host/...");
            }
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null && !uri.getHost().isEmpty()) {
                return;
            }
        } catch (URISyntaxException e) {
            // falls through to the refusal below
        }
        throw new IllegalArgumentException("a redirect target is a path (/login) or an absolute http(s) URL, not '"
                + url + "'");
    }

    /** An early answer that closes the connection while the client may still be sending its body. */
    private boolean closesWithBodyUnread() {
        return "close".equalsIgnoreCase(exchange.getResponseHeaders().getFirst("Connection"))
                && (request != null ? request.bodyPending() : RequestBody.present(exchange));
    }

    private void write(byte[] bytes, int length, String defaultContentType) {
        sent = true;
        Headers headers = exchange.getResponseHeaders();
        if (gate != null && gate.closing()) {
            // The server is stopping: a keep-alive client must not send its next request here.
            headers.set("Connection", "close");
        }
        if (length > 0 && defaultContentType != null && !headers.containsKey("Content-Type")) {
            headers.set("Content-Type", defaultContentType);
        }
        if (route != null && route.config().responseSizeWarning() > 0 && length > route.config().responseSizeWarning()) {
            Logging.LOG.log(Level.WARNING, "API response for {0} is {1} bytes, over the {2} warning size",
                    route.pattern(), length, ByteSizes.format(route.config().responseSizeWarning()));
        }
        try {
            boolean bodiless = status == 204 || status == 304;
            if (bodiless || length == 0) {
                exchange.sendResponseHeaders(status, -1);
            } else if (exchange.getRequestMethod().equals("HEAD")) {
                headers.set("Content-Length", Integer.toString(length));
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.sendResponseHeaders(status, length);
                OutputStream out = exchange.getResponseBody();
                out.write(bytes, 0, length);
                if (closesWithBodyUnread()) {
                    out.flush();
                    LingeringClose.discard(exchange.getRequestBody());
                }
                out.close();
            }
        } catch (IOException e) {
            throw new ClientIOException(e);
        }
    }
}
