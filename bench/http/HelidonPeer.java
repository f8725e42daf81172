import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.WebServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Helidon 4 SE (its own HTTP/1.1 server on virtual threads; Java 21+) answering the three routes of
 * the engine comparison as apiroutes does: {@code GET /api/hello}, {@code POST /api/echo} (the JSON
 * body parsed and written back with Jackson) and {@code GET /api/users/{id}}. Bench code only.
 *
 * <pre>java -cp build/bench-http/engines:build/bench-http/lib/helidon/* HelidonPeer --port 21501</pre>
 */
public final class HelidonPeer {
    private static final byte[] HELLO = "{\"message\":\"Hello from Java!\"}".getBytes(StandardCharsets.UTF_8);
    private static final String JSON = "application/json; charset=utf-8";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HelidonPeer() {}

    public static void main(String[] args) {
        int port = args.length == 2 && args[0].equals("--port") ? Integer.parseInt(args[1]) : 21501;
        WebServer server = WebServer.builder().host("127.0.0.1").port(port)
                .routing(r -> r
                        .get("/api/hello", (req, res) -> {
                            res.header("Content-Type", JSON);
                            res.send(HELLO);
                        })
                        .post("/api/echo", (req, res) -> {
                            Object body = MAPPER.readValue(req.content().as(byte[].class), Object.class);
                            res.header("Content-Type", JSON);
                            res.send(MAPPER.writeValueAsBytes(body));
                        })
                        .get("/api/users/{id}", (req, res) -> {
                            String id = req.path().pathParameters().get("id");
                            res.header("Content-Type", JSON);
                            res.send(MAPPER.writeValueAsBytes(Map.of("id", id, "name", "User " + id)));
                        }))
                .build()
                .start();
        System.out.println("HelidonPeer: listening on " + server.port());
    }
}
