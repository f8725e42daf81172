package api.soak;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;
import io.apiroutes.ServerSentEvents;

/** GET /api/soak/events: an event stream with an event a second, for as long as it is open (the streams scenario). */
public final class Events implements ApiHandler {
    @Override
    public void handle(ApiRequest req, ApiResponse res) throws InterruptedException {
        ServerSentEvents events = res.sse();
        for (int tick = 0; events.open(); tick++) {
            events.send("tick", tick);
            Thread.sleep(1000);
        }
    }
}
