package api.soak;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;

/** GET /api/soak/overflow: recurses until the stack runs out, a StackOverflowError (the errors scenario). */
public final class Overflow implements ApiHandler {
    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        res.json(depth(0));
    }

    private static int depth(int n) {
        return depth(n + 1) + 1;
    }
}
