// GET /api/hello
package api;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;

public final class Hello implements ApiHandler {
    record Message(String message) {}

    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        res.status(200).json(new Message("Hello from a module!"));
    }
}
