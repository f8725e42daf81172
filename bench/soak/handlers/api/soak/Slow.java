package api.soak;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;

/** GET /api/soak/slow: answers after 100 ms, so that requests are in flight when the server gets SIGTERM. */
public final class Slow implements ApiHandler {
    @Override
    public void handle(ApiRequest req, ApiResponse res) throws InterruptedException {
        Thread.sleep(100);
        res.json("slow");
    }
}
