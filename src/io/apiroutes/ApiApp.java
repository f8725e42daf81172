package io.apiroutes;

/**
 * The application around the routes: one public class under {@code api/} that implements this
 * interface, found as the handlers are (the annotation processor lists it; two are a build error
 * naming both). It is what {@code middleware.ts} and {@code instrumentation.ts} are to Next.js:
 * the place for server-wide settings, middleware and the resources handlers share, under
 * {@code java -jar api.jar}, {@code ./run.sh dev}, {@code ApiTest} and {@link ApiServer#builder()}
 * alike. Mounting the routes on an application's own {@code HttpServer} runs none of it: that
 * application owns its start and stop.
 *
 * <pre>{@code
 * package api;
 *
 * public final class App implements ApiApp {
 *     public void configure(ApiServer.Builder server) {
 *         server.cors(Cors.allow("https://app.example.com").withCredentials())
 *               .middleware((req, res, next) -> { res.setHeader("X-Frame-Options", "DENY"); next.run(); });
 *     }
 *     public void start(ApiServer server) throws Exception { Db.open(System.getenv("DB_URL")); }
 *     public void stop() { Db.close(); }
 * }
 * }</pre>
 *
 * <p>Its handlers reach what {@code start} opened through the application's own classes (a field
 * of a class of its own, set in {@code start}). In dev mode a save that rebuilds the routes stops
 * the old application and starts the new one; {@code configure} runs once, at the first start.
 */
public interface ApiApp {
    /**
     * Configures the server before it is built: CORS, middleware, filters, limits. It runs after
     * the command line and environment are applied, so what it sets wins over them.
     *
     * @param server the builder, as an embedding application would use it
     */
    default void configure(ApiServer.Builder server) {
    }

    /**
     * Runs after the routes are built and the port is bound, before the first request is
     * admitted. An exception stops the start: the server closes and the start fails with it as
     * the cause.
     *
     * @param server the server about to serve
     * @throws Exception to stop the start
     */
    default void start(ApiServer server) throws Exception {
    }

    /** Runs when the server stops, after the last request has ended (or its grace period ran out). */
    default void stop() {
    }
}
