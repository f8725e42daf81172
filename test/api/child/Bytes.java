package api.child;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;

/** GET /api/child/bytes?mb=N: N MiB made for this request, byte i being (byte) i. */
public final class Bytes implements ApiHandler {
    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        byte[] body = new byte[Integer.parseInt(req.query("mb")) << 20];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        res.send(body);
    }
}
