package api;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;

/**
 * {@code POST /api/echo}: answers with the body it was sent, parsed by its Content-Type.
 * Other methods get 405 with {@code Allow: POST}, as in Next.js's REST example.
 */
public final class Echo implements ApiHandler {
    record Error(String error) {}

    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        if (!req.method().equals("POST")) {
            res.setHeader("Allow", "POST").status(405).json(new Error("Method " + req.method() + " Not Allowed"));
            return;
        }
        res.status(200).json(req.body());
    }
}
