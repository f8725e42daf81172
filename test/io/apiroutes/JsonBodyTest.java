package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apiroutes.exchange.BodyParser;
import io.apiroutes.json.HiddenRecord;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * JSON through HTTP: request bodies parsed and bound ({@link BodyParser},
 * {@link ApiRequest#body(Class)}) and responses written ({@link ApiResponse#json(Object)}).
 */
@ResourceLock(HostileLog.LOGGER) // tests that run at once must not log into each other's HostileLog
class JsonBodyTest {
    record NewTodo(String title) {
        NewTodo {
            Objects.requireNonNull(title, "title is required");
        }
    }

    @Test
    void body_megabyteOfTheCostliestShapeKnownIsParsed() throws Exception {
        String nest = "{\"\u00e9\":".repeat(499) + "{}" + "}".repeat(499);
        int count = 1_000_000 / (nest.getBytes(StandardCharsets.UTF_8).length + 1);
        String body = "[" + (nest + ",").repeat(count - 1) + nest + "]";
        try (TestServer server = TestServer.of("/api/count", (req, res) -> res.json(((List<?>) req.body()).size()))) {
            HttpResponse<String> response = server.post("/api/count", "application/json", body);

            assertEquals(200, response.statusCode(), response.body());
            assertEquals(Integer.toString(count), response.body());
        }
    }

    record Nums(List<BigInteger> n) {}

    @Test
    void bodyOfClass_megabyteOfHugeExponentsIs400AtTheFirst() throws Exception {
        String body = "{\"n\":[" + "1e9999,".repeat(149_000) + "1e9999]}";
        try (TestServer server = TestServer.of("/api/nums", (req, res) -> res.json(req.body(Nums.class).n().size()))) {
            HttpResponse<String> response = server.post("/api/nums", "application/json", body);

            assertEquals(400, response.statusCode());
            assertEquals("{\"error\":\"$.n[0]: expected an integer whose exponent adds at most 100 digits, got 1E+9999\"}", response.body());
        }
    }

    @Test
    void bodyOfClass_compactConstructorNullCheckIs400NamingPathAndRecord() throws Exception {
        try (TestServer server = TestServer.of("/api/todos", (req, res) -> res.json(req.body(NewTodo.class)))) {
            HttpResponse<String> response = server.post("/api/todos", "application/json", "{\"done\":false}");

            assertEquals(400, response.statusCode());
            assertEquals("{\"error\":\"$: invalid NewTodo: title is required\"}", response.body());
        }
    }

    @Test
    void bodyOfClass_recordNotOpenToApiroutesIs500AndTheLogSaysHowToFixIt() throws Exception {
        Class<?> secret = HiddenRecord.type();
        try (HostileLog log = new HostileLog();
                TestServer server = TestServer.of("/api/secret", (req, res) -> res.json(req.body(secret)))) {
            HttpResponse<String> response = server.post("/api/secret", "application/json", "{\"secret\":\"s\"}");

            assertEquals(500, response.statusCode());
            assertTrue(response.body().startsWith("{\"error\":\"Internal Server Error\",\"id\":\""), response.body());
            LogRecord logged = log.await("answering POST /api/secret", 5000);
            assertNotNull(logged, "no error logged");
            assertTrue(logged.getThrown().getMessage().contains("open package p to module io.apiroutes"),
                    logged.getThrown().getMessage());
        }
    }
}
