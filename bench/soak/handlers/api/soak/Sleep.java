package api.soak;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;

/**
 * GET /api/soak/sleep?s=N: answers after N seconds (28 unless told; at most 29, within the default
 * 30 s time limit), so that many requests hold the server's threads at once (the slowget scenario).
 */
public final class Sleep implements ApiHandler {
    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        String seconds = req.query("s");
        int s = seconds == null ? 28 : Math.max(0, Math.min(29, Integer.parseInt(seconds)));
        try {
            Thread.sleep(s * 1000L);
        } catch (InterruptedException e) {
            return; // the server is stopping or cut the request off: it answers for it
        }
        res.json("slept");
    }
}
