package api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apiroutes.testing.ApiTest;
import org.junit.jupiter.api.Test;

/** Tests api/Hello.java through a real server on a free port, as a client sees it. */
class HelloTest {
    @Test
    void get_greets() {
        try (ApiTest api = ApiTest.start()) {
            ApiTest.Response res = api.get("/api/hello");

            assertEquals(200, res.status(), res.toString());
            assertEquals("{\"message\":\"Hello from Java!\"}", res.body());
        }
    }
}
