package api.conventions;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;
import java.util.List;
import java.util.Map;

/** Test handlers that answer with their own class name and the params they received. */
public abstract class NamedRoute implements ApiHandler {
    record Answer(String handler, Map<String, List<String>> query) {}

    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        res.json(new Answer(getClass().getName(), req.query()));
    }
}
