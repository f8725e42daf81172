package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.apiroutes.testing.ApiTest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

class AppTest {
    record Todo(long id, String title, boolean done) {}

    @Test
    void hello() {
        try (var api = ApiTest.start()) {
            assertEquals(200, api.get("/api/hello").status());
        }
    }

    @Test
    void todos_postThenList() {
        try (var api = ApiTest.start()) {
            var created = api.post("/api/todos", Map.of("title", "milk"));
            assertEquals(201, created.status(), created.toString());
            assertEquals(new Todo(1, "milk", false), created.json(Todo.class));

            assertEquals(List.of(Map.of("id", 1L, "title", "milk", "done", false)), api.get("/api/todos").json());
            assertEquals(400, api.post("/api/todos", Map.of("title", " ")).status());
            assertEquals("GET, POST", api.delete("/api/todos").header("Allow"));
        }
    }

    @Test
    void app_servesItsPageAndTheApiBesideIt() throws Exception {
        HttpServer server = App.start(new InetSocketAddress("127.0.0.1", 0));
        try {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.getAddress().getPort();

            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> hello = client.send(HttpRequest.newBuilder(URI.create(base + "/api/hello")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, page.statusCode());
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
            assertEquals("{\"message\":\"Hello from Maven!\"}", hello.body());
        } finally {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdown();
        }
    }
}
