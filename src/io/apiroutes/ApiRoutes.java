package io.apiroutes;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpServer;
import io.apiroutes.exchange.Dispatcher;
import io.apiroutes.exchange.HandlerSlots;
import io.apiroutes.exchange.Logging;
import io.apiroutes.exchange.RequestGate;
import io.apiroutes.exchange.RequestLimits;
import io.apiroutes.jdk.ServerDefaults;
import io.apiroutes.processor.HandlerProcessor;
import io.apiroutes.routing.Route;
import io.apiroutes.routing.RouteNaming;
import io.apiroutes.routing.RoutePattern;
import io.apiroutes.routing.RouteTable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * An immutable route table: which handler answers which path under {@code /api}.
 *
 * <p>{@link #discover()} builds it from the handlers that {@link ServiceLoader} lists (the build
 * writes {@code META-INF/services/io.apiroutes.ApiHandler} through {@link HandlerProcessor}; on the
 * module path, {@code provides io.apiroutes.ApiHandler with ...} lists them), naming each route
 * after its class:
 *
 * <table>
 * <caption>The route convention</caption>
 * <tr><th>class</th><th>route</th></tr>
 * <tr><td>{@code api.Hello}</td><td>{@code /api/hello}</td></tr>
 * <tr><td>{@code api.Index}</td><td>{@code /api}</td></tr>
 * <tr><td>{@code api.users.Index}</td><td>{@code /api/users}</td></tr>
 * <tr><td>{@code api.UserProfile}</td><td>{@code /api/user-profile}</td></tr>
 * <tr><td>{@code api.users._id}</td><td>{@code /api/users/[id]}</td></tr>
 * <tr><td>{@code api.files.__path}</td><td>{@code /api/files/[...path]} (one segment or more)</td></tr>
 * <tr><td>{@code api.docs.___slug}</td><td>{@code /api/docs/[[...slug]]} (zero or more)</td></tr>
 * <tr><td>{@code api.default_.X}</td><td>{@code /api/default/x} (a trailing {@code _} escapes a keyword)</td></tr>
 * </table>
 *
 * <p>Precedence is Next.js's, segment by segment from the left: static, then dynamic, then
 * catch-all, then optional catch-all. Two handlers for one route, or a class name the convention
 * cannot read, fail the build of the table with a message naming the classes. A request path is
 * only ever looked up in the table; it never names a class to load.
 *
 * <pre>{@code
 * ApiRoutes.discover().mount(existingServer);                  // in an application's own HttpServer
 * ApiRoutes routes = ApiRoutes.builder()                       // or in code, without ServiceLoader
 *         .route("/api/users/[id]", (req, res) -> res.json(Map.of("id", req.query("id"))))
 *         .build();
 * }</pre>
 */
public final class ApiRoutes {
    private final RouteTable table;
    private final List<Filter> filters;
    private final ApiApp app;

    ApiRoutes(RouteTable table, List<Filter> filters, ApiApp app) {
        this.table = table;
        this.filters = filters;
        this.app = app;
    }

    /** What to check when discovery finds no handler; logged by {@link #discover()}. */
    private static final String NO_HANDLERS = """
            no handler found, so every request gets 404. Check:
              - that the build ran the apiroutes annotation processor, which writes META-INF/services/io.apiroutes.ApiHandler \
            (javac 23 and later run it only with -proc:full or the apiroutes jar on -processorpath; Maven: annotationProcessorPaths)
              - that each handler is a public class in package api or below it that implements io.apiroutes.ApiHandler
              - on the module path: that module-info.java lists each handler, provides io.apiroutes.ApiHandler with ...;""";

    /**
     * Returns these routes with a filter around every request to them: the JDK's own
     * {@link Filter}, which runs before the route's handler and can answer instead of it (an
     * authentication check, say) or call {@code chain.doFilter(exchange)} to go on. Filters run
     * in the order they were added, before any check of apiroutes' but one: a {@code Host} that
     * {@link ApiServer.Builder#allowedHosts} refuses is answered before any filter.
     *
     * <pre>{@code
     * ApiRoutes routes = ApiRoutes.discover().withFilter(Filter.beforeHandler("auth", exchange -> ...));
     * }</pre>
     *
     * @param filter the filter
     * @return a copy of these routes with the filter added last
     */
    public ApiRoutes withFilter(Filter filter) {
        List<Filter> more = new ArrayList<>(filters);
        more.add(Objects.requireNonNull(filter, "filter"));
        return new ApiRoutes(table, List.copyOf(more), app);
    }

    /**
     * Builds the table from the handlers {@link ServiceLoader} finds with the thread's context
     * class loader (the application's class loader when none was set), as
     * {@link #discover(ClassLoader)} does. Logs a warning, saying what to check, when it finds none.
     *
     * @return the routes
     * @throws IllegalStateException naming the classes, when two handlers claim one route, a class
     *     name cannot be read, or a listed handler cannot be loaded or created
     */
    public static ApiRoutes discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return warnIfEmpty(find(loader != null ? loader : ApiRoutes.class.getClassLoader()));
    }

    /**
     * Builds the table from the handlers {@link ServiceLoader} finds with the given loader. Logs a
     * warning, saying what to check, when it finds none.
     *
     * @param loader the class loader whose {@code META-INF/services/io.apiroutes.ApiHandler} files list the handlers
     * @return the routes
     * @throws IllegalStateException naming the classes, when two handlers claim one route, a class
     *     name cannot be read, or a listed handler cannot be loaded or created
     */
    public static ApiRoutes discover(ClassLoader loader) {
        return warnIfEmpty(find(Objects.requireNonNull(loader, "loader")));
    }

    private static ApiRoutes warnIfEmpty(ApiRoutes routes) {
        if (routes.table.routes().isEmpty()) {
            Logging.LOG.log(System.Logger.Level.WARNING, NO_HANDLERS);
        }
        return routes;
    }

    private static ApiRoutes find(ClassLoader loader) {
        RouteTable.Builder table = new RouteTable.Builder();
        ApiApp app;
        try {
            app = app(loader);
            // the stream's iterator, not toList(): its toArray's method reference is spun at start on 17
            Iterator<ServiceLoader.Provider<ApiHandler>> providers = ServiceLoader.load(ApiHandler.class, loader).stream().iterator();
            while (providers.hasNext()) {
                ServiceLoader.Provider<ApiHandler> provider = providers.next();
                String name = provider.type().getName();
                table.add(Route.of(RouteNaming.patternOf(name), provider.get(), name));
            }
        } catch (ServiceConfigurationError | IllegalArgumentException e) {
            // a constructor's exception is the cause: the message is all a start-up failure prints
            throw new IllegalStateException("cannot build the route table: " + e.getMessage()
                    + (e.getCause() != null ? " (" + e.getCause() + ")" : ""), e);
        }
        return new ApiRoutes(table.build(), List.of(), app);
    }

    /** The application class the build listed beside the handlers (its processor refuses two), or null. */
    private static ApiApp app(ClassLoader loader) {
        return ServiceLoader.load(ApiApp.class, loader).findFirst().orElse(null);
    }

    /**
     * Starts a table built in code.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds the {@code /api} contexts to a server the application already runs. The JDK matches
     * contexts by prefix, so the context {@code /api} that serves {@code /api} itself also
     * receives {@code /apiary}, which gets a JSON 404; give such a path a context of its own.
     * Nothing JVM-wide is changed: see docs/building.md for the properties an application should set.
     *
     * @param server the server
     * @throws IllegalArgumentException if the server already has an {@code /api} or {@code /api/} context
     */
    public void mount(HttpServer server) {
        Objects.requireNonNull(server, "server");
        mount(server, dispatcher(new RequestGate()));
    }

    void mount(HttpServer server, Dispatcher dispatcher) {
        Filter hosts = filters.isEmpty() ? null : dispatcher.hostFilter();
        for (String path : new String[] {"/api/", "/api"}) {
            List<Filter> chain = server.createContext(path, dispatcher).getFilters();
            if (hosts != null) {
                chain.add(hosts);
            }
            chain.addAll(filters);
        }
    }

    RouteTable table() {
        return table;
    }

    /** The application class found beside the handlers, whose lifecycle a server of these routes runs; or null. */
    ApiApp app() {
        return app;
    }

    /** The dispatcher of a server of our own, which answers every path not under {@code /api} with a JSON 404 too. */
    Dispatcher dispatcher(RequestGate gate) {
        long heap = Runtime.getRuntime().maxMemory();
        int connections = ServerDefaults.jdkConnections(heap);
        ServerCapacity capacity = ServerCapacity.of(connections, connections, true, 0, 0, heap);
        return new Dispatcher(table, RequestLimits.DEFAULTS, gate, new HandlerSlots(capacity.requests(), capacity.streams()),
                Views.INSTANCE);
    }

    /**
     * Describes the table as the start-up log shows it, a line a route: its path, the methods of a
     * {@link RouteHandler}, its class.
     *
     * @return the lines, e.g. {@code /api/todos GET POST -> api.todos.Index}
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Route route : table.routes()) {
            String methods = route.methods();
            lines.add(route.pattern() + (methods.isEmpty() ? "" : " " + methods) + " -> " + route.handlerName());
        }
        return lines;
    }

    /**
     * Returns the table: each route, as Next.js writes it, with the class of its handler.
     *
     * @return an unmodifiable map in lookup precedence order, e.g. {@code /api/users/[id] -> api.users._id}
     */
    public Map<String, String> routes() {
        Map<String, String> routes = new LinkedHashMap<>();
        for (Route route : table.routes()) {
            routes.put(route.pattern().toString(), route.handlerName());
        }
        return java.util.Collections.unmodifiableMap(routes);
    }

    /** Builds a route table in code, for tests and for applications that do not use ServiceLoader. */
    public static final class Builder {
        private final RouteTable.Builder table = new RouteTable.Builder();
        private ApiApp app;

        private Builder() {}

        /**
         * Adds a route.
         *
         * @param path the route as Next.js writes it: {@code /api/users/[id]}, {@code /api/files/[...path]}
         * @param handler the handler
         * @return this builder
         * @throws IllegalArgumentException if the path is not a valid route under {@code /api}, or
         *     conflicts with a route already added (the message names both)
         */
        public Builder route(String path, ApiHandler handler) {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(handler, "handler");
            table.add(Route.of(RoutePattern.parse(path), handler, handler.getClass().getName()));
            return this;
        }

        /**
         * Sets the application whose lifecycle a server of these routes runs ({@link ApiApp}),
         * as {@link #discover()} finds it beside the handlers.
         *
         * @param app the application; null for none
         * @return this builder
         */
        public Builder app(ApiApp app) {
            this.app = app;
            return this;
        }

        /**
         * Freezes the routes added so far into a table.
         *
         * @return the routes
         */
        public ApiRoutes build() {
            return new ApiRoutes(table.build(), List.of(), app);
        }
    }
}
