package api.soak;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;
import io.apiroutes.RouteConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GET /api/soak/hang: sleeps for a minute, past its 2 s time limit, so that the server answers 503
 * for it and interrupts it; GET /api/soak/hang?stats counts the handlers that were interrupted and
 * the ones that slept to the end (the hung-handler scenario).
 */
public final class Hang implements ApiHandler {
    private final AtomicInteger interrupted = new AtomicInteger();
    private final AtomicInteger overslept = new AtomicInteger();

    @Override
    public RouteConfig config() {
        return RouteConfig.defaults().withTimeLimit(Duration.ofSeconds(2));
    }

    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        if (req.query("stats") != null) {
            res.json(Map.of("interrupted", interrupted.get(), "overslept", overslept.get()));
            return;
        }
        try {
            Thread.sleep(60_000);
            overslept.incrementAndGet();
        } catch (InterruptedException e) {
            interrupted.incrementAndGet(); // and return: the server already answered for it
        }
    }
}
