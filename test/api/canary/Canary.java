package api.canary;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;

/**
 * A handler on the class path that no services file lists: a request must never load it. Its
 * static initializer leaves a mark (a system property) that HostileRequestTest looks for.
 */
public final class Canary implements ApiHandler {
    static {
        System.setProperty("apiroutes.test.canaryInitialized", "true");
    }

    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        res.json("canary");
    }
}
