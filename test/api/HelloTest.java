package api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apiroutes.ApiRoutes;
import io.apiroutes.ApiServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Tests api/Hello.java through a real server on a free port, as a client sees it. */
class HelloTest {
    @Test
    void get_greets() throws Exception {
        try (ApiServer server = ApiServer.builder().routes(ApiRoutes.discover()).host("127.0.0.1").port(0).start()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/hello")).build();

            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertEquals("{\"message\":\"Hello from Java!\"}", response.body());
        }
    }
}
