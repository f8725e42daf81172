package api.users;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apiroutes.ApiRoutes;
import io.apiroutes.ApiServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Tests api/users/_id.java, the route /api/users/[id], through a real server on a free port. */
class _idTest {
    @Test
    void get_answersTheUserOfTheId() throws Exception {
        try (ApiServer server = ApiServer.builder().routes(ApiRoutes.discover()).host("127.0.0.1").port(0).start()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/users/42")).build();

            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertEquals("{\"id\":\"42\",\"name\":\"User 42\"}", response.body());
        }
    }
}
