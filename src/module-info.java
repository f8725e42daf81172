/**
 * apiroutes: Next.js-style API routes on the JDK's own HTTP server.
 *
 * <p>Handlers implement {@link io.apiroutes.ApiHandler}; they are found through
 * {@link java.util.ServiceLoader} and mapped to paths under {@code /api} by the naming
 * convention described in {@link io.apiroutes.ApiRoutes}.
 */
module io.apiroutes {
    requires transitive jdk.httpserver;

    exports io.apiroutes;
    exports io.apiroutes.engine;

    uses io.apiroutes.ApiHandler;
}
