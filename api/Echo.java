package api;

import io.apiroutes.ApiException;
import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;

/**
 * {@code POST /api/echo}: answers with the body it was sent, parsed by its Content-Type.
 * Other methods get 405 with {@code Allow: POST}, as in Next.js's REST example: an
 * {@link ApiException} answers {@code {"error": "..."}} with the headers set before it.
 */
public final class Echo implements ApiHandler {
    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        if (!req.method().equals("POST")) {
            res.setHeader("Allow", "POST");
            throw new ApiException(405, "Method " + req.method() + " Not Allowed");
        }
        res.status(200).json(req.body());
    }
}
