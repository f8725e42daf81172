import io.javalin.Javalin;

/**
 * Javalin 6 (Jetty 11) answering {@code GET /api/hello} with the bytes apiroutes answers, for the
 * engine comparison of {@code bench/http/engines.sh}. Bench code only; no JSON library is needed.
 *
 * <pre>java -cp build/bench-http/engines:build/bench-http/lib/javalin/* JavalinHello --port 21501</pre>
 */
public final class JavalinHello {
    private JavalinHello() {}

    public static void main(String[] args) {
        int port = args.length == 2 && args[0].equals("--port") ? Integer.parseInt(args[1]) : 21501;
        Javalin.create(config -> config.showJavalinBanner = false)
                .get("/api/hello", ctx -> ctx.contentType("application/json; charset=utf-8")
                        .result("{\"message\":\"Hello from Java!\"}"))
                .start("127.0.0.1", port);
    }
}
