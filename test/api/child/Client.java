package api.child;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;

/** GET /api/child/client: who the server takes the client for, behind a proxy or not. */
public final class Client implements ApiHandler {
    record Seen(String client, String peer, String origin) {}

    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        res.json(new Seen(req.clientAddress().getHostAddress(), req.remoteAddress().getAddress().getHostAddress(),
                req.origin()));
    }
}
