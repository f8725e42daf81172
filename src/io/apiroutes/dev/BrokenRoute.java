package io.apiroutes.dev;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;
import java.util.Map;

/** The handler of a route whose source does not compile: 500 with the compiler's diagnostics. */
final class BrokenRoute implements ApiHandler {
    private final Map<String, Object> body;

    BrokenRoute(Map<String, Object> body) {
        this.body = body;
    }

    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        res.status(500).json(body);
    }
}
