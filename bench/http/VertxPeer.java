import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * Vert.x 5 core (Netty, its native epoll transport) answering the three routes of the engine
 * comparison as apiroutes does: {@code GET /api/hello}, {@code POST /api/echo} (the JSON body parsed
 * and written back, with Vert.x's own {@code JsonObject} on Jackson core) and
 * {@code GET /api/users/{id}}. One HTTP server per core on the same port, as Vert.x shares a port
 * across event loops. Bench code only.
 *
 * <pre>java -cp build/bench-http/engines:build/bench-http/lib/vertx/* VertxPeer --port 21501</pre>
 */
public final class VertxPeer {
    private static final Buffer HELLO = Buffer.buffer("{\"message\":\"Hello from Java!\"}");
    private static final String JSON = "application/json; charset=utf-8";

    private VertxPeer() {}

    public static void main(String[] args) {
        int port = args.length == 2 && args[0].equals("--port") ? Integer.parseInt(args[1]) : 21501;
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        if (!vertx.isNativeTransportEnabled()) {
            System.err.println("VertxPeer: native transport unavailable: " + vertx.unavailableNativeTransportCause());
        }
        int loops = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < loops; i++) {
            vertx.createHttpServer().requestHandler(VertxPeer::handle).listen(port, "127.0.0.1")
                    .onFailure(e -> { e.printStackTrace(); System.exit(1); });
        }
        System.out.println("VertxPeer: " + loops + " event loops, native transport " + vertx.isNativeTransportEnabled());
    }

    private static void handle(HttpServerRequest req) {
        String path = req.path();
        if (path.equals("/api/hello")) {
            req.response().putHeader("Content-Type", JSON).end(HELLO);
        } else if (path.equals("/api/echo") && req.method().name().equals("POST")) {
            req.body().onSuccess(body -> req.response().putHeader("Content-Type", JSON)
                    .end(new JsonObject(body).toBuffer()))
                    .onFailure(e -> req.response().setStatusCode(400).end());
        } else if (path.startsWith("/api/users/")) {
            String id = path.substring("/api/users/".length());
            req.response().putHeader("Content-Type", JSON)
                    .end(new JsonObject().put("id", id).put("name", "User " + id).toBuffer());
        } else {
            req.response().setStatusCode(404).end();
        }
    }
}
