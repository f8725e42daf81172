package io.apiroutes;

import io.apiroutes.exchange.ClientIOException;
import io.apiroutes.exchange.Exchange;
import io.apiroutes.exchange.ResponseStream;
import io.apiroutes.http.Cookies;
import io.apiroutes.http.HeaderText;
import io.apiroutes.http.MediaType;
import io.apiroutes.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
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
    private static final String TEXT_TYPE = "text/plain; charset=utf-8";
    private static final String BYTES_TYPE = "application/octet-stream";

    private final Exchange exchange;

    ApiResponse(Exchange exchange) {
        this.exchange = exchange;
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
        exchange.status(status);
        return this;
    }
    /**
     * Returns the status set so far, or sent: 200 until one is set; a middleware's code after
     * {@code next.run()} reads the status of the answer that went out.
     *
     * @return the status code
     */
    public int statusCode() {
        return exchange.status();
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
        exchange.header(name, value, false);
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
        exchange.header(name, value, true);
        return this;
    }

    /**
     * Sends a value as JSON, with {@code Content-Type: application/json; charset=utf-8} unless the
     * handler set another {@code Content-Type}.
     *
     * @param body the value: a record, map, list, array, string, number, boolean, null, and the
     *     other types listed in docs/json.md
     * @throws io.apiroutes.json.JsonException if the value has a type that cannot be written as JSON
     * @throws IllegalStateException if the response was already sent
     * @throws UncheckedIOException if the client went away
     */
    public void json(Object body) {
        requireUnsent();
        ResponseStream out = new ResponseStream(exchange, MediaType.JSON_UTF8, true);
        try {
            Json.write(body, out);
        } catch (IOException e) {
            throw new ClientIOException(e); // not reached: the stream reports the client's failures itself
        }
        out.close();
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
            exchange.send(new byte[0], 0, 0, null);
        } else if (body instanceof String text) {
            sendText(text);
        } else if (body instanceof byte[] bytes) {
            exchange.sendEntity(bytes, 0, bytes.length, BYTES_TYPE);
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
        exchange.status(status);
        exchange.responseHeaders().set("Location", url);
        byte[] body = url.getBytes(StandardCharsets.US_ASCII); // Next.js writes the URL as the body too
        exchange.send(body, 0, body.length, TEXT_TYPE);
    }

    /**
     * Starts a streamed answer: the status and headers go out now, and what the handler writes
     * reaches the client chunked, as it is flushed. The stream ends when the handler closes it or
     * returns, and is cut off at the route's {@link RouteConfig#streamTimeLimit() stream time limit}.
     *
     * <pre>{@code
     * try (OutputStream out = res.stream("text/csv; charset=utf-8")) {
     *     for (Row row : rows) { out.write(row.csv()); }
     * }
     * }</pre>
     *
     * @param contentType the {@code Content-Type}, e.g. {@code application/x-ndjson}
     * @return the body's stream; writing to a client that went away throws an {@code IOException}
     * @throws IllegalStateException if the response was already sent
     * @throws ApiException 503 with {@code Retry-After} when the server has as many streams open as
     *     it allows (a stream holds its handler's thread; see {@code ApiServer.Builder.maxStreams})
     */
    public OutputStream stream(String contentType) {
        Objects.requireNonNull(contentType, "contentType");
        requireUnsent();
        exchange.openStream();
        return ResponseStream.open(exchange, contentType);
    }

    /**
     * Starts a stream of server-sent events ({@code text/event-stream}), with
     * {@code Cache-Control: no-cache} and {@code X-Accel-Buffering: no} (so that nginx passes each
     * event on at once).
     *
     * @return the stream, to send events on
     * @throws IllegalStateException if the response was already sent
     * @throws ApiException 503 with {@code Retry-After} when the server has as many streams open as
     *     it allows (a stream holds its handler's thread; see {@code ApiServer.Builder.maxStreams})
     */
    public ServerSentEvents sse() {
        requireUnsent();
        exchange.openStream();
        exchange.header("Cache-Control", "no-cache", false);
        exchange.header("X-Accel-Buffering", "no", false);
        ServerSentEvents events = new ServerSentEvents(ResponseStream.open(exchange, "text/event-stream; charset=utf-8"),
                exchange.server().heartbeats());
        exchange.streaming(events);
        return events;
    }

    /**
     * Sets a cookie with the safe defaults: {@code Path=/; HttpOnly; SameSite=Lax}.
     *
     * @param name the name, a token
     * @param value the value; bytes a cookie cannot hold are percent-encoded, and
     *     {@link ApiRequest#cookie(String)} decodes them
     * @return this response
     * @throws IllegalArgumentException if the name is not a token
     * @throws IllegalStateException if the response was already sent
     */
    public ApiResponse cookie(String name, String value) {
        return cookie(name, value, CookieOptions.defaults());
    }

    /**
     * Sets a cookie.
     *
     * @param name the name, a token
     * @param value the value, percent-encoded where a cookie cannot hold a byte
     * @param options the attributes, e.g. {@code CookieOptions.defaults().withSecure()}
     * @return this response
     * @throws IllegalArgumentException if the name is not a token
     * @throws IllegalStateException if the response was already sent
     */
    public ApiResponse cookie(String name, String value, CookieOptions options) {
        exchange.header("Set-Cookie", Cookies.setCookie(Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(value, "value"), Objects.requireNonNull(options, "options")), true);
        return this;
    }

    /**
     * Removes a cookie from the browser: an empty value that expires now, on {@code Path=/}.
     *
     * @param name the cookie's name
     * @return this response
     * @throws IllegalStateException if the response was already sent
     */
    public ApiResponse clearCookie(String name) {
        return clearCookie(name, CookieOptions.defaults());
    }

    /**
     * Removes a cookie set with a path or domain of its own: they must be the same as when it was set.
     *
     * @param name the cookie's name
     * @param options the path and domain it was set with
     * @return this response
     * @throws IllegalStateException if the response was already sent
     */
    public ApiResponse clearCookie(String name, CookieOptions options) {
        return cookie(name, "", options.withMaxAge(java.time.Duration.ZERO));
    }

    /**
     * Sends the status and headers with no body.
     *
     * @throws IllegalStateException if the response was already sent
     * @throws UncheckedIOException if the client went away
     */
    public void end() {
        requireUnsent();
        exchange.send(new byte[0], 0, 0, null);
    }

    private void requireUnsent() {
        if (exchange.sent()) {
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
        if (url == null) {
            throw new IllegalArgumentException("a redirect target is a path (/login) or an absolute http(s) URL, not null");
        }
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

    /**
     * Sends text as UTF-8, encoded slice by slice: a large text is never copied whole into bytes.
     * Its length is counted first, for the exact {@code Content-Length}.
     */
    private void sendText(String text) {
        if (text.length() <= ResponseStream.FREE_BYTES) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.sendEntity(bytes, 0, bytes.length, TEXT_TYPE);
            return;
        }
        long length = utf8Length(text);
        exchange.defaultContentType(length, TEXT_TYPE);
        OutputStream out = exchange.begin(length);
        if (out == null) {
            return;
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer chars = CharBuffer.wrap(text);
        ByteBuffer bytes = ByteBuffer.allocate(Exchange.SLICE);
        boolean more = true;
        while (more) {
            more = encoder.encode(chars, bytes, true).isOverflow();
            exchange.write(out, bytes.array(), 0, bytes.position());
            bytes.clear();
        }
        exchange.complete(out);
    }

    /** The length of {@code text} in UTF-8, where a lone surrogate becomes {@code ?}, as the encoder makes it. */
    static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                length++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
