package api.child;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;

/** GET /api/child/text?mb=N: a text of N Mi characters, "é" every 1024th (two bytes in UTF-8), made for this request. */
public final class Text implements ApiHandler {
    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        int length = Integer.parseInt(req.query("mb")) << 20;
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(i % 1024 == 0 ? 'é' : (char) ('a' + i % 26));
        }
        res.send(text.toString());
    }
}
