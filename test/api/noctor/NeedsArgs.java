package api.noctor;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;

/** A handler ServiceLoader could not create: it has no constructor without parameters. */
public final class NeedsArgs implements ApiHandler {
    private final String greeting;

    public NeedsArgs(String greeting) {
        this.greeting = greeting;
    }

    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        res.send(greeting);
    }
}
