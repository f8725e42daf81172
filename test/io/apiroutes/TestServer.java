package io.apiroutes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A real server on a loopback ephemeral port, and the clients the tests talk to it with. */
public final class TestServer implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofMillis(HostileSockets.TIMEOUT_MILLIS))
            .build();

    /** Whether the tests run on apiroutes' own engine (the default; {@code make test ENGINE=jdk} picks the JDK's). */
    public static final boolean OUR_ENGINE = "apiroutes".equals(System.getProperty("apiroutes.engine", "apiroutes"));

    public final ApiServer server;

    public TestServer(ApiRoutes routes) throws IOException {
        this(ApiServer.builder().routes(routes));
    }

    /** The server the builder describes, on 127.0.0.1, port 0. */
    public TestServer(ApiServer.Builder builder) throws IOException {
        this.server = builder.host("127.0.0.1").port(0).shutdownGrace(Duration.ofSeconds(5)).start();
    }

    public static TestServer of(String path, ApiHandler handler) throws IOException {
        return new TestServer(ApiRoutes.builder().route(path, handler).build());
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    public java.util.concurrent.CompletableFuture<HttpResponse<String>> getAsync(String pathAndQuery) {
        return CLIENT.sendAsync(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofMillis(HostileSockets.TIMEOUT_MILLIS))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMillis(HostileSockets.TIMEOUT_MILLIS)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofMillis(HostileSockets.TIMEOUT_MILLIS)).build(), body);
    }

    /** Sends bytes as they are on a new connection and returns everything the server answers until it closes or goes quiet. */
    public String raw(String request) throws IOException {
        return raw(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    public String raw(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(HostileSockets.TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return readAll(socket.getInputStream());
        }
    }

    /** Reads until the server closes the connection, or nothing comes for the socket's timeout. */
    public static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                answer.write(buffer, 0, n);
            }
        } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
            // quiet or reset: what came so far is the answer
        }
        return answer.toString(StandardCharsets.ISO_8859_1);
    }

    /** The status code of a raw HTTP answer, or -1 when there is none. */
    public static int status(String rawAnswer) {
        if (!rawAnswer.startsWith("HTTP/1.1 ") || rawAnswer.length() < 12) {
            return -1;
        }
        return Integer.parseInt(rawAnswer.substring(9, 12));
    }

    /** The body of a raw HTTP answer. */
    public static String body(String rawAnswer) {
        int end = rawAnswer.indexOf("\r\n\r\n");
        return end < 0 ? "" : rawAnswer.substring(end + 4);
    }

    /** Asserts the server still answers a normal request on a new connection. */
    public void assertAlive() throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/__alive__")).GET());
        if (response.statusCode() != 404 || !response.body().equals("{\"error\":\"Not Found\"}")) {
            throw new AssertionError("server no longer answers normally: " + response.statusCode() + " " + response.body());
        }
    }

    @Override
    public void close() {
        server.stop(Duration.ZERO);
    }
}
