package api.soak;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;

/** POST /api/soak/echo: answers the parsed body as JSON (the amplifying-body and churn scenarios). */
public final class Echo implements ApiHandler {
    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        res.json(req.body());
    }
}
