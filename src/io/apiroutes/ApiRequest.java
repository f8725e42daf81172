package io.apiroutes;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import io.apiroutes.exchange.Exchange;
import io.apiroutes.http.Cookies;
import io.apiroutes.http.MediaType;
import io.apiroutes.http.ProxyTrust;
import io.apiroutes.http.QueryString;
import io.apiroutes.json.Json;
import io.apiroutes.json.JsonException;
import io.apiroutes.routing.RouteMatch;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The request a handler answers, the counterpart of Next.js's {@code NextApiRequest}.
 *
 * <p>Route params ({@code [id]} in the route) join the query-string params, and win over a
 * query param of the same name. The body was read and parsed before the handler ran, by
 * {@code Content-Type}, unless the route turned the parser off ({@link RouteConfig#withoutBodyParser()}).
 * A request belongs to one handler call: do not keep it or share it between threads.
 *
 * <pre>{@code
 * String id = req.query("id");                   // /api/users/[id]
 * List<String> tags = req.queryAll("tag");       // ?tag=a&tag=b
 * Order order = req.body(Order.class);           // JSON bound to a record
 * }</pre>
 */
public final class ApiRequest {
    private final Exchange exchange;
    private final HttpExchange http;
    private Map<String, List<String>> query;
    private Map<String, String> cookies;
    private InetAddress client;
    /** The scheme and host a trusted proxy said, or nulls; null until read. */
    private String[] seen;

    ApiRequest(Exchange exchange) {
        this.exchange = exchange;
        this.http = exchange.http;
    }

    /**
     * Returns the HTTP method.
     *
     * @return the method as sent, e.g. {@code GET}
     */
    public String method() {
        return http.getRequestMethod();
    }

    /**
     * Returns the decoded path, without the query string and without a trailing slash.
     *
     * @return the path, e.g. {@code /api/users/42}
     */
    public String path() {
        String[] segments = exchange.segments();
        return segments.length == 0 ? "/api" : "/api/" + String.join("/", segments);
    }

    /**
     * Returns the first value of a query or route param.
     *
     * @param name the param name
     * @return its first value, or null when absent
     */
    public String query(String name) {
        List<String> values = query().get(Objects.requireNonNull(name, "name"));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Returns a query or route param as an {@code int}.
     *
     * <pre>{@code
     * int page = req.queryInt("page", 1);   // ?page=3
     * }</pre>
     *
     * @param name the param name
     * @param otherwise the value when the param is absent or empty
     * @return the value
     * @throws ApiException 400 naming the param when its value is not a whole number that fits
     */
    public int queryInt(String name, int otherwise) {
        return (int) queryNumber(name, otherwise, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /**
     * Returns a query or route param as a {@code long}.
     *
     * @param name the param name
     * @param otherwise the value when the param is absent or empty
     * @return the value
     * @throws ApiException 400 naming the param when its value is not a whole number that fits
     */
    public long queryLong(String name, long otherwise) {
        return queryNumber(name, otherwise, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * Returns a query or route param as a {@code boolean}: {@code true} or {@code false}, in any case.
     *
     * @param name the param name
     * @param otherwise the value when the param is absent or empty
     * @return the value
     * @throws ApiException 400 naming the param when its value is neither
     */
    public boolean queryBoolean(String name, boolean otherwise) {
        String value = query(name);
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new ApiException(400, paramKind(name) + name + " must be true or false, not '" + value + "'");
    }

    private long queryNumber(String name, long otherwise, long min, long max) {
        String value = query(name);
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max && value.charAt(0) != '+') {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ApiException(400, paramKind(name) + name + " must be a whole number from " + min + " to "
                + max + ", not '" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'");
    }

    /** How a refusal names a param: from the route's path or from the query string. */
    private String paramKind(String name) {
        RouteMatch match = exchange.match();
        return match != null && match.params().containsKey(name) ? "Path parameter " : "Query parameter ";
    }

    /**
     * Returns every value of a query or route param: the segments, for a catch-all route param.
     *
     * @param name the param name
     * @return its values, empty when absent
     */
    public List<String> queryAll(String name) {
        List<String> values = query().get(Objects.requireNonNull(name, "name"));
        return values == null ? List.of() : values;
    }

    /**
     * Returns all query and route params, in the order they came, route params last.
     *
     * @return an unmodifiable map from name to values
     * @throws ApiException 400 when the query string is malformed
     */
    public Map<String, List<String>> query() {
        if (query == null) {
            RouteMatch match = exchange.match();
            Map<String, List<String>> all = QueryString.parse(
                    http.getRequestURI().getRawQuery(), exchange.server().limits().maxFormFields(), "query string");
            if (all.isEmpty() && (match == null || match.params().isEmpty())) {
                query = Map.of();
            } else {
                for (Map.Entry<String, List<String>> field : all.entrySet()) {
                    field.setValue(List.copyOf(field.getValue()));
                }
                if (match != null) {
                    all.putAll(match.params());
                }
                query = Collections.unmodifiableMap(all);
            }
        }
        return query;
    }

    /**
     * Returns the first value of a request header.
     *
     * @param name the header name, in any case
     * @return its first value, or null when absent
     */
    public String header(String name) {
        return http.getRequestHeaders().getFirst(Objects.requireNonNull(name, "name"));
    }

    /**
     * Returns the request headers.
     *
     * @return the headers, with case-insensitive names; do not change them
     */
    public Headers headers() {
        return http.getRequestHeaders();
    }

    /**
     * Returns the cookies the request sent.
     *
     * @return an unmodifiable map from name to value; for a repeated name, the first value
     */
    public Map<String, String> cookies() {
        if (cookies == null) {
            cookies = Cookies.parse(http.getRequestHeaders().get("Cookie"));
        }
        return cookies;
    }

    /**
     * Returns one cookie.
     *
     * @param name the cookie name
     * @return its value, or null when absent
     */
    public String cookie(String name) {
        return cookies().get(Objects.requireNonNull(name, "name"));
    }

    /**
     * Returns the parsed body: for JSON ({@code application/json} or any {@code +json} type) a
     * {@code Map} in document order, {@code List}, {@code String}, number, {@code Boolean} or
     * null, and {@code {}} for an empty body; for {@code application/x-www-form-urlencoded} a
     * {@code Map} whose repeated names hold a {@code List}; for anything else the text; null
     * when there is no body and no {@code Content-Type}.
     *
     * @return the parsed body
     * @throws IllegalStateException when the route turned the body parser off
     */
    public Object body() {
        if (!exchange.config().bodyParser()) {
            throw new IllegalStateException("the body parser is off for " + exchange.match().route().pattern()
                    + ": read bodyBytes() instead");
        }
        return exchange.parsedBody();
    }

    /**
     * Returns the JSON body bound to a type: a record, a list, a map, or a simple value.
     *
     * <pre>{@code
     * record Order(String item, int quantity) {}
     * Order order = req.body(Order.class);
     * }</pre>
     *
     * @param <T> the type
     * @param type the class to bind to
     * @return the bound value
     * @throws ApiException 415 when the body is not JSON, 400 when it does not fit the type,
     *     with the JSON path of the mismatch (a record's compact constructor that throws
     *     {@code IllegalArgumentException} or {@code NullPointerException} counts as not fitting)
     * @throws IllegalStateException when the type cannot be bound because of how it is set up (a
     *     record in a package not open to this module): a server error, never the client's
     */
    public <T> T body(Class<T> type) {
        Objects.requireNonNull(type, "type");
        MediaType mediaType = MediaType.parse(header("Content-Type"));
        if (!mediaType.isJson()) {
            throw new ApiException(415, "Expected a JSON body (Content-Type: application/json)");
        }
        try {
            return Json.convert(exchange.parsedBody(), type);
        } catch (JsonException e) {
            // the client's JSON does not fit; a set-up error is an IllegalStateException, a 500
            throw new ApiException(400, e.getMessage());
        }
    }

    /**
     * Returns the raw body, read within the route's size limit.
     *
     * @return the body bytes, empty when there is none; the array is the request's own
     * @throws ApiException 413 when the body is larger than the route's limit
     */
    public byte[] bodyBytes() {
        return exchange.bodyBytes();
    }

    /**
     * Returns the address of the peer: the client, or the proxy in front of the server.
     *
     * @return the remote socket address
     * @see #clientAddress()
     */
    public InetSocketAddress remoteAddress() {
        return http.getRemoteAddress();
    }

    /**
     * Returns the client's address. When the peer is a proxy the server trusts
     * ({@code --trust-proxy}, {@link ApiServer.Builder#trustProxies}), it is the address that
     * proxy's {@code Forwarded} (RFC 7239) or, without one, {@code X-Forwarded-For} header names,
     * walked from the right while the hop is trusted too; what a client wrote itself is never
     * believed. Otherwise, and when the header names no IP address, it is the peer's.
     *
     * <pre>{@code
     * String ip = req.clientAddress().getHostAddress();   // "203.0.113.9" behind nginx
     * }</pre>
     *
     * @return the client's IP address
     */
    public InetAddress clientAddress() {
        forwarded();
        return client;
    }

    /**
     * Returns the scheme and host the client asked for, to build absolute URLs: from a trusted
     * proxy's {@code Forwarded: proto=;host=} or {@code X-Forwarded-Proto}/{@code -Host} (as
     * {@link #clientAddress()}), else this request's own scheme and {@code Host}. Not the
     * {@code Origin} header.
     *
     * <pre>{@code
     * res.redirect(req.origin() + "/login");   // https://example.com/login behind a TLS proxy
     * }</pre>
     *
     * @return {@code scheme://host[:port]}, e.g. {@code https://example.com}
     */
    public String origin() {
        forwarded();
        String host = seen[1] != null ? seen[1] : header("Host");
        if (host == null) { // HTTP/1.0 without Host: the address the request came to
            InetSocketAddress local = http.getLocalAddress();
            host = (local.getAddress() instanceof Inet6Address ? "[" + local.getHostString() + "]" : local.getHostString())
                    + ":" + local.getPort();
        }
        return (seen[0] != null ? seen[0] : http instanceof HttpsExchange ? "https" : "http") + "://" + host;
    }

    private void forwarded() {
        if (seen == null) {
            seen = new String[2];
            ProxyTrust proxies = exchange.server().proxies();
            client = http.getRemoteAddress().getAddress();
            if (proxies != null) {
                client = proxies.client(client, http.getRequestHeaders(), seen);
            }
        }
    }

    /**
     * Returns the JDK exchange under this request, the escape hatch for what this API does not
     * cover. A handler that reads the body from it gets a connection closed after its answer:
     * the server can no longer tell whether the body was read to its end.
     *
     * @return the exchange
     */
    public HttpExchange exchange() {
        return http;
    }

    @Override
    public String toString() {
        return method() + " " + path();
    }
}
