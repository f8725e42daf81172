package api.soak;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;
import io.apiroutes.RouteConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * GET /api/soak/large?as=bytes|json: 8 MiB of bytes, or about 8 MB of JSON, from data made once
 * and shared by every request, so that what a client that never reads costs is only what the
 * server adds (the non-reading-client scenario).
 */
public final class Large implements ApiHandler {
    /** One JSON object of about 80 bytes. */
    public record Item(int id, String name, String note) {}

    /** Made on the first request, not when the server creates the handler. */
    private static final class Data {
        static final byte[] BYTES = new byte[8 << 20];
        static final List<Item> ITEMS = new ArrayList<>();

        static {
            for (int i = 0; i < 100_000; i++) {
                ITEMS.add(new Item(i, "item number " + i, "a note that makes the object longer"));
            }
        }
    }

    @Override
    public RouteConfig config() {
        return RouteConfig.defaults().withResponseSizeWarning(0); // large on purpose: keep the log for what is not
    }

    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        if ("json".equals(req.query("as"))) {
            res.json(Data.ITEMS);
        } else {
            res.send(Data.BYTES);
        }
    }
}
