package api.child;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;
import io.apiroutes.RouteConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** GET /api/child/slow: never answers within its 1 s time limit; GET /api/child/slow?stats counts the interrupts it saw. */
public final class Slow implements ApiHandler {
    private static final AtomicInteger INTERRUPTED = new AtomicInteger();

    @Override
    public RouteConfig config() {
        return RouteConfig.defaults().withTimeLimit(Duration.ofSeconds(1));
    }

    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        if (req.query("stats") != null) {
            res.json(Map.of("interrupted", INTERRUPTED.get()));
            return;
        }
        try {
            Thread.sleep(60_000);
            res.json("too late");
        } catch (InterruptedException e) {
            INTERRUPTED.incrementAndGet();
            res.json("interrupted"); // refused: the server already answered for it
        }
    }
}
