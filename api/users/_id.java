package api.users;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;

/** {@code GET /api/users/[id]}: a dynamic route; the segment arrives as the param {@code id}. */
public final class _id implements ApiHandler {
    record User(String id, String name) {}

    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        String id = req.query("id");
        res.status(200).json(new User(id, "User " + id));
    }
}
