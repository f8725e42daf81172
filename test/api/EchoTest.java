package api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apiroutes.testing.ApiTest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests api/Echo.java through a real server on a free port, as a client sees it. */
class EchoTest {
    @Test
    void post_echoesTheJsonBody() {
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("name", "Ada");
        sent.put("tags", Arrays.asList(1, true, null));
        try (ApiTest api = ApiTest.start()) {
            ApiTest.Response res = api.post("/api/echo", sent);

            assertEquals(200, res.status(), res.toString());
            assertEquals("{\"name\":\"Ada\",\"tags\":[1,true,null]}", res.body());
        }
    }

    @Test
    void get_isNotAllowed() {
        try (ApiTest api = ApiTest.start()) {
            ApiTest.Response res = api.get("/api/echo");

            assertEquals(405, res.status(), res.toString());
            assertEquals("POST", res.header("Allow"));
            assertEquals("{\"error\":\"Method GET Not Allowed\"}", res.body());
        }
    }
}
