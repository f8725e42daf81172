package api.child;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;
import java.util.Map;

/** GET /api/child/hello: a small answer, to see that the server still serves. */
public final class Hello implements ApiHandler {
    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        res.json(Map.of("message", "hello"));
    }
}
