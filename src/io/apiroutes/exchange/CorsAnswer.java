package io.apiroutes.exchange;

import io.apiroutes.ApiException;
import io.apiroutes.Cors;
import io.apiroutes.routing.Route;

/** The CORS headers of an answer, and the answer to a preflight, by a route's {@link Cors} policy. */
final class CorsAnswer {
    private CorsAnswer() {}

    /**
     * Adds the CORS headers to the exchange's answer and answers a preflight itself: 204 for an
     * allowed origin, 403 for another.
     */
    static void answer(Cors cors, Exchange exchange, Route route) {
        String origin = exchange.http.getRequestHeaders().getFirst("Origin");
        String allowed = cors.allowOrigin(origin);
        exchange.header("Vary", "Origin", true);
        if (allowed != null) {
            exchange.header("Access-Control-Allow-Origin", allowed, false);
            if (cors.credentials()) {
                exchange.header("Access-Control-Allow-Credentials", "true", false);
            }
        }
        if (origin == null || !exchange.http.getRequestMethod().equals("OPTIONS")
                || !exchange.http.getRequestHeaders().containsKey("Access-Control-Request-Method")) {
            if (allowed != null && !cors.exposed().isEmpty()) {
                exchange.header("Access-Control-Expose-Headers", String.join(", ", cors.exposed()), false);
            }
            return;
        }
        if (allowed == null) {
            throw new ApiException(403, "Origin not allowed: " + (origin.length() > 100 ? origin.substring(0, 100) : origin));
        }
        exchange.header("Access-Control-Allow-Methods",
                route.allow() != null ? route.allow() : "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS", false);
        StringBuilder allowHeaders = new StringBuilder("Content-Type");
        for (String header : cors.headers()) {
            allowHeaders.append(", ").append(header);
        }
        exchange.header("Access-Control-Allow-Headers", allowHeaders.toString(), false);
        if (cors.maxAge() != null) {
            exchange.header("Access-Control-Max-Age", Long.toString(cors.maxAge().getSeconds()), false);
        }
        exchange.status(204);
        exchange.send(new byte[0], 0, 0, null);
    }

}
