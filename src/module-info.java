/**
 * apiroutes: Next.js-style API routes on the JDK's own HTTP server.
 *
 * <p>Handlers implement {@link io.apiroutes.ApiHandler}; they are found through
 * {@link java.util.ServiceLoader} and mapped to paths under {@code /api} by the naming
 * convention described in {@link io.apiroutes.ApiRoutes}.
 */
module io.apiroutes {
    requires transitive jdk.httpserver;
    // Dev mode only (java -jar api.jar dev); the server runs without it.
    requires static java.compiler;

    exports io.apiroutes;

    uses io.apiroutes.ApiHandler;
}
