package api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apiroutes.ApiRoutes;
import io.apiroutes.ApiServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Tests api/Echo.java through a real server on a free port, as a client sees it. */
class EchoTest {
    private static HttpResponse<String> send(ApiServer server, HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.uri(URI.create("http://127.0.0.1:" + server.port() + "/api/echo")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void post_echoesTheJsonBody() throws Exception {
        try (ApiServer server = ApiServer.builder().routes(ApiRoutes.discover()).host("127.0.0.1").port(0).start()) {
            HttpResponse<String> response = send(server, HttpRequest.newBuilder().header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"Ada\", \"tags\": [1, true, null]}")));

            assertEquals(200, response.statusCode());
            assertEquals("{\"name\":\"Ada\",\"tags\":[1,true,null]}", response.body());
        }
    }

    @Test
    void get_isNotAllowed() throws Exception {
        try (ApiServer server = ApiServer.builder().routes(ApiRoutes.discover()).host("127.0.0.1").port(0).start()) {
            HttpResponse<String> response = send(server, HttpRequest.newBuilder().GET());

            assertEquals(405, response.statusCode());
            assertEquals("POST", response.headers().firstValue("Allow").orElse(null));
            assertEquals("{\"error\":\"Method GET Not Allowed\"}", response.body());
        }
    }
}
