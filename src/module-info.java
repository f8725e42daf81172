/**
 * apiroutes: Next.js-style API routes on the JDK's own HTTP server.
 *
 * <p>Handlers implement {@link io.apiroutes.ApiHandler}; they are found through
 * {@link java.util.ServiceLoader} and mapped to paths under {@code /api} by the naming
 * convention described in {@link io.apiroutes.ApiRoutes}. An application module lists its
 * handlers with {@code provides io.apiroutes.ApiHandler with ...} and opens the packages whose
 * records are read or written as JSON to this module.
 *
 * <p>At run time it needs {@code java.base} and {@code jdk.httpserver} only. {@code java.compiler}
 * serves the annotation processor ({@link io.apiroutes.processor.HandlerProcessor}, run by javac) and
 * {@code java.net.http} the test client ({@code io.apiroutes.testing}); neither is loaded by a server.
 */
module io.apiroutes {
    requires transitive jdk.httpserver;
    requires static transitive java.compiler; // the annotation processor (its public API), and dev mode
    requires static java.net.http;           // the test client, io.apiroutes.testing

    exports io.apiroutes;
    exports io.apiroutes.engine;
    exports io.apiroutes.json;
    exports io.apiroutes.testing;

    uses io.apiroutes.ApiApp;
    uses io.apiroutes.ApiHandler;
}
