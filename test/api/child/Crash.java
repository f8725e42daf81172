package api.child;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;

/** GET /api/child/crash: a thread of the process dies of an Error, as the JDK's server threads can when memory runs out. */
public final class Crash implements ApiHandler {
    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        new Thread(() -> {
            throw new OutOfMemoryError("simulated, in a thread nothing restarts");
        }, "doomed").start();
        res.json("ok");
    }
}
