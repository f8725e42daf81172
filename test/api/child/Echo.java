package api.child;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;

/** POST /api/child/echo: answers the parsed body as JSON. */
public final class Echo implements ApiHandler {
    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        res.json(req.body());
    }
}
