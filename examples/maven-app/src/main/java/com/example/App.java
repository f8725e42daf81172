package com.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.apiroutes.ApiRoutes;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** An application that serves its own page at / and mounts the API routes beside it. */
public final class App {
    private App() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = start(new InetSocketAddress(port));
        System.out.println("maven-app on http://localhost:" + server.getAddress().getPort());
    }

    /** Starts the server: the page at /, the handlers under src/main/java/api at /api. */
    public static HttpServer start(InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 1024);
        server.createContext("/", App::page);
        ApiRoutes.discover().mount(server);
        // The JDK's default runs every exchange on one thread; give it a pool.
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        return server;
    }

    private static void page(HttpExchange exchange) throws IOException {
        byte[] html = "<!doctype html><title>maven-app</title><h1>maven-app</h1><p>Try <a href=\"/api/hello\">/api/hello</a>."
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/") ? 200 : 404, html.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(html);
        }
    }
}
