package io.apiroutes.testing;

import io.apiroutes.ApiRoutes;
import io.apiroutes.ApiServer;
import io.apiroutes.json.Json;
import io.apiroutes.json.JsonException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A real apiroutes server on an ephemeral loopback port, and a small HTTP client to call it: a
 * handler's test through HTTP in three lines, with the JDK alone and no test framework needed.
 *
 * <pre>{@code
 * @Test
 * void hello() {
 *     try (var api = ApiTest.start()) {                      // the routes ServiceLoader finds
 *         assertEquals(200, api.get("/api/hello").status());
 *     }
 * }
 *
 * @Test
 * void create() {
 *     ApiRoutes routes = ApiRoutes.builder().route("/api/todos", new Todos()).build();
 *     try (var api = ApiTest.start(routes)) {
 *         var res = api.post("/api/todos", Map.of("title", "milk"), "Authorization", "Bearer t");
 *         assertEquals(201, res.status(), res.toString());
 *         assertEquals("milk", res.json(Todo.class).title());
 *     }
 * }
 * }</pre>
 *
 * <p>Requests go over HTTP/1.1, never follow redirects (a test sees the 307), and time out after
 * 30 seconds. The client keeps the cookies the server sets, as a browser does, and sends them back
 * on later requests of the same {@code ApiTest} (a login, then the requests of its session);
 * {@link #clearCookies()} forgets them. Headers are name, value pairs, as in {@link HttpRequest.Builder#headers(String...)}.
 * Failures to connect or read are {@link UncheckedIOException}s, so a test needs no
 * {@code throws} clause. {@link #close()} stops the server at once.
 */
public final class ApiTest implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ApiServer server;
    private final HttpClient client;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

    private ApiTest(ApiServer server) {
        this.server = server;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(cookies)
                .build();
    }

    /** Forgets the cookies the server set so far: the next request starts without a session. */
    public void clearCookies() {
        cookies.getCookieStore().removeAll();
    }

    /**
     * Serves the routes {@link ApiRoutes#discover()} finds (the handlers the build listed in
     * {@code META-INF/services/io.apiroutes.ApiHandler}) on {@code 127.0.0.1}, on a free port.
     *
     * @return the running server and its client
     * @throws IllegalStateException if the route table cannot be built (see {@link ApiRoutes#discover()})
     * @throws UncheckedIOException if no port can be bound
     */
    public static ApiTest start() {
        return start(ApiRoutes.discover());
    }

    /**
     * Serves the given routes on {@code 127.0.0.1}, on a free port.
     *
     * @param routes the routes, e.g. {@code ApiRoutes.builder().route("/api/x", handler).build()}
     * @return the running server and its client
     * @throws UncheckedIOException if no port can be bound
     */
    public static ApiTest start(ApiRoutes routes) {
        Objects.requireNonNull(routes, "routes");
        try {
            return new ApiTest(ApiServer.builder().routes(routes).host("127.0.0.1").port(0).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a test server on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the port the server listens on, for a client of the test's own.
     *
     * @return the port
     */
    public int port() {
        return server.port();
    }

    /**
     * Returns the address of a path on the server.
     *
     * @param pathAndQuery the path and query as sent, already percent-encoded, e.g. {@code /api/users/42?x=1}
     * @return {@code http://127.0.0.1:PORT} followed by the path
     * @throws IllegalArgumentException if the path does not start with {@code /} or is not a valid URI path
     */
    public URI uri(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with /: " + pathAndQuery);
        }
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    /**
     * Sends a {@code GET}.
     *
     * @param path the path and query, e.g. {@code /api/users/42}
     * @param headers request headers as name, value pairs
     * @return the response
     * @throws UncheckedIOException if the request cannot be sent or the response read
     * @throws IllegalArgumentException if a header is not a name, value pair or is one the JDK's
     *     client sets itself ({@code Host}, {@code Content-Length}, ...)
     */
    public Response get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    /**
     * Sends a {@code DELETE} without a body.
     *
     * @param path the path and query
     * @param headers request headers as name, value pairs
     * @return the response
     * @throws UncheckedIOException if the request cannot be sent or the response read
     * @throws IllegalArgumentException if a header is not a name, value pair
     */
    public Response delete(String path, String... headers) {
        return send("DELETE", path, null, null, headers);
    }

    /**
     * Sends a {@code POST} whose body is a value written as JSON ({@code application/json}).
     *
     * @param path the path and query
     * @param json the body: a record, map, list, string, number... as {@code res.json(...)} writes it
     * @param headers request headers as name, value pairs
     * @return the response
     * @throws JsonException if the value cannot be written as JSON
     * @throws UncheckedIOException if the request cannot be sent or the response read
     * @throws IllegalArgumentException if a header is not a name, value pair
     */
    public Response post(String path, Object json, String... headers) {
        return sendJson("POST", path, json, headers);
    }

    /**
     * Sends a {@code PUT} whose body is a value written as JSON.
     *
     * @param path the path and query
     * @param json the body
     * @param headers request headers as name, value pairs
     * @return the response
     * @throws JsonException if the value cannot be written as JSON
     * @throws UncheckedIOException if the request cannot be sent or the response read
     * @throws IllegalArgumentException if a header is not a name, value pair
     */
    public Response put(String path, Object json, String... headers) {
        return sendJson("PUT", path, json, headers);
    }

    /**
     * Sends a {@code PATCH} whose body is a value written as JSON.
     *
     * @param path the path and query
     * @param json the body
     * @param headers request headers as name, value pairs
     * @return the response
     * @throws JsonException if the value cannot be written as JSON
     * @throws UncheckedIOException if the request cannot be sent or the response read
     * @throws IllegalArgumentException if a header is not a name, value pair
     */
    public Response patch(String path, Object json, String... headers) {
        return sendJson("PATCH", path, json, headers);
    }

    private Response sendJson(String method, String path, Object json, String... headers) {
        return send(method, path, "application/json", Json.toBytes(json), headers);
    }

    /**
     * Sends any request, with a body as it is: a form, text, bytes that are not valid JSON.
     *
     * @param method the method, e.g. {@code POST}
     * @param path the path and query
     * @param contentType the {@code Content-Type}, or null for none
     * @param body the body, or null for none
     * @param headers request headers as name, value pairs
     * @return the response
     * @throws UncheckedIOException if the request cannot be sent or the response read
     * @throws IllegalArgumentException if a header is not a name, value pair or the method is not a token
     */
    public Response send(String method, String path, String contentType, byte[] body, String... headers) {
        Objects.requireNonNull(method, "method");
        HttpRequest.Builder request = request(path, headers)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> response = call(request, HttpResponse.BodyHandlers.ofByteArray(), method + " " + path);
        return new Response(response.statusCode(), response.headers(), response.body());
    }

    private HttpRequest.Builder request(String path, String[] headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come as name, value pairs; got " + headers.length + " strings");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT);
        return headers.length > 0 ? request.headers(headers) : request;
    }

    private <T> HttpResponse<T> call(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body, String what) {
        try {
            return client.send(request.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException(what + " was interrupted"));
        }
    }

    /**
     * Opens a stream of server-sent events ({@code GET} with {@code Accept: text/event-stream}) and
     * returns as soon as the answer's headers are in; its events are read as they arrive.
     *
     * @param path the path and query
     * @param headers request headers as name, value pairs (a {@code Last-Event-ID}, say)
     * @return the open stream; close it before the server
     * @throws UncheckedIOException if the request cannot be sent or its headers not read
     */
    public EventStream events(String path, String... headers) {
        HttpRequest.Builder request = request(path, headers).header("Accept", "text/event-stream");
        HttpResponse<java.io.InputStream> response = call(request, HttpResponse.BodyHandlers.ofInputStream(), "GET " + path);
        return new EventStream(response.statusCode(), response.headers(), response.body(), TIMEOUT);
    }

    /** Stops the server at once, and on Java 21 and later closes the client. */
    @Override
    public void close() {
        server.stop(Duration.ZERO);
        if ((Object) client instanceof AutoCloseable closeable) { // HttpClient is AutoCloseable from Java 21
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing is in flight: the requests of this client were synchronous
            }
        }
    }

    /** A response as the test sees it: its status, headers and body. */
    public static final class Response {
        private final int status;
        private final HttpHeaders headers;
        private final byte[] body;

        private Response(int status, HttpHeaders headers, byte[] body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        /**
         * Returns the status code.
         *
         * @return e.g. 200
         */
        public int status() {
            return status;
        }

        /**
         * Returns the first value of a header, its name in any case.
         *
         * @param name the header name, e.g. {@code content-type}
         * @return the value, or null when the response has no such header
         */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /**
         * Returns all headers.
         *
         * @return an unmodifiable map whose keys compare without case
         */
        public Map<String, List<String>> headers() {
            return headers.map();
        }

        /**
         * Returns the body as UTF-8 text.
         *
         * @return the body, empty when there is none
         */
        public String body() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /**
         * Returns the body's bytes.
         *
         * @return a copy of the body
         */
        public byte[] bodyBytes() {
            return body.clone();
        }

        /**
         * Parses the body as JSON: a {@code Map}, {@code List}, {@code String}, number,
         * {@code Boolean} or null, as {@code Json.parse} gives them.
         *
         * @return the parsed body
         * @throws JsonException if the body is not JSON
         */
        public Object json() {
            return json((Type) Object.class);
        }

        /**
         * Parses the body as JSON and binds it to a type, as {@code req.body(type)} does.
         *
         * @param <T> the target type
         * @param type a record, scalar, collection or map class
         * @return the bound body
         * @throws JsonException if the body is not JSON or does not fit the type
         */
        public <T> T json(Class<T> type) {
            return json((Type) type);
        }

        /**
         * Parses the body as JSON and binds it to a generic type such as {@code List<Todo>}.
         *
         * @param <T> the target type, which the caller asserts matches {@code type}
         * @param type the target type
         * @return the bound body
         * @throws JsonException if the body is not JSON or does not fit the type
         */
        public <T> T json(Type type) {
            return Json.read(body, type);
        }

        /**
         * Returns the status and body, for assertion messages.
         *
         * @return e.g. {@code 404 {"error":"Not Found"}}
         */
        @Override
        public String toString() {
            return status + " " + body();
        }
    }
}
