package api.users;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apiroutes.testing.ApiTest;
import org.junit.jupiter.api.Test;

/** Tests api/users/_id.java, the route /api/users/[id], through a real server on a free port. */
class _idTest {
    @Test
    void get_answersTheUserOfTheId() {
        try (ApiTest api = ApiTest.start()) {
            ApiTest.Response res = api.get("/api/users/42");

            assertEquals(200, res.status(), res.toString());
            assertEquals("{\"id\":\"42\",\"name\":\"User 42\"}", res.body());
        }
    }
}
