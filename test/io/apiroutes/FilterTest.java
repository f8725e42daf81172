package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Middleware: the JDK's own Filter around every API request, able to answer instead of the handler. */
class FilterTest {
    /** Lets a request through only with the right token, and tags every answer it lets through. */
    static final class Auth extends Filter {
        @Override
        public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
            if (!"Bearer s3cret".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                byte[] body = "{\"error\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                exchange.sendResponseHeaders(401, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("X-Checked", "yes");
            chain.doFilter(exchange);
        }

        @Override
        public String description() {
            return "auth";
        }
    }

    private static final ApiRoutes ROUTES = ApiRoutes.builder().route("/api/secret", (req, res) -> res.json("the secret")).build();

    private static void assertGuarded(TestServer server, int port) throws Exception {
        java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + port + "/api/secret");
        HttpResponse<String> refused = server.send(HttpRequest.newBuilder(uri));
        HttpResponse<String> allowed = server.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer s3cret"));

        assertEquals(401, refused.statusCode());
        assertEquals("{\"error\":\"Unauthorized\"}", refused.body());
        assertEquals(200, allowed.statusCode());
        assertEquals("\"the secret\"", allowed.body());
        assertEquals("yes", allowed.headers().firstValue("X-Checked").orElse(""));
    }

    @Test
    void apiServer_filter_runsAroundEveryApiRequest() throws Exception {
        try (TestServer client = new TestServer(ROUTES);
             ApiServer server = ApiServer.builder().host("127.0.0.1").port(0).shutdownGrace(Duration.ZERO)
                     .routes(ROUTES).filter(new Auth()).start()) {
            assertGuarded(client, server.port());
        }
    }

    @Test
    void apiRoutes_withFilter_isMountedWithTheRoutes() throws Exception {
        HttpServer own = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ROUTES.withFilter(new Auth()).mount(own);
        own.start();
        try (TestServer client = new TestServer(ROUTES)) {
            assertGuarded(client, own.getAddress().getPort());
        } finally {
            own.stop(0);
        }
    }
}
