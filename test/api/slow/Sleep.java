package api.slow;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;

/** Answers after {@code ?ms=} milliseconds (1000 by default): a request to be in flight at shutdown. */
public final class Sleep implements ApiHandler {
    @Override
    public void handle(ApiRequest req, ApiResponse res) throws InterruptedException {
        String ms = req.query("ms");
        Thread.sleep(ms == null ? 1000 : Long.parseLong(ms));
        res.json("slept");
    }
}
