package io.apiroutes;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpServer;
import io.apiroutes.engine.EngineProvider;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A JDK {@code HttpServer} of its own that serves a route table, with safe defaults: its own
 * executor (virtual threads on Java 24 and later, a growing pool before), a memory budget and
 * time limits for its requests, and a graceful stop. It also sets JVM-wide properties of the
 * JDK's server ({@code TCP_NODELAY}, the request time limit, the connection cap; SECURITY.md),
 * each only when unset; the JDK reads them once, when the first {@code HttpServer} of the JVM is
 * created, so they do not apply when the application created one before.
 *
 * <pre>{@code
 * try (ApiServer server = ApiServer.start(3000)) {   // routes found with ServiceLoader
 *     ...
 * }
 * ApiServer server = ApiServer.builder().routes(routes).host("127.0.0.1").port(0).start();
 * }</pre>
 */
public final class ApiServer implements AutoCloseable {

    /** How long {@link #stop()} lets requests in flight finish, unless the builder says otherwise. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

    /** Connections the OS may queue before the server accepts them; the JDK's default of 50 drops bursts. */
    private static final int BACKLOG = 1024;

    /** The longest a stop waits, after the requests in flight, for queued ones to get their 503. */
    private static final long QUEUE_SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final HttpServer server;
    private final ApiDispatcher dispatcher;
    private volatile ApiRoutes routes;
    private final RequestGate gate;
    private final CountingExecutor executor;
    private final ExecutorService ownExecutor;
    private final String executorDescription;
    private final Duration shutdownGrace;
    private boolean stopped;

    private ApiServer(HttpServer server, ApiDispatcher dispatcher, ApiRoutes routes, RequestGate gate,
                      CountingExecutor executor, ExecutorService ownExecutor, String executorDescription,
                      Duration shutdownGrace) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.routes = routes;
        this.gate = gate;
        this.executor = executor;
        this.ownExecutor = ownExecutor;
        this.executorDescription = executorDescription;
        this.shutdownGrace = shutdownGrace;
    }

    /**
     * Serves the discovered routes on a port of all interfaces.
     *
     * @param port the port; 0 for any free one
     * @return the running server
     * @throws IOException if the port cannot be bound
     * @throws IllegalStateException if the route table cannot be built (see {@link ApiRoutes#discover()})
     */
    public static ApiServer start(int port) throws IOException {
        return builder().port(port).start();
    }

    /**
     * Starts describing a server.
     *
     * @return a builder with port 3000 on all interfaces, discovered routes and a 10 s shutdown grace
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the address the server listens on, with the real port when it was started on port 0.
     *
     * @return the bound address
     */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * Returns the port the server listens on.
     *
     * @return the bound port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Returns the routes served.
     *
     * @return the route table
     */
    public ApiRoutes routes() {
        return routes;
    }

    /** Serves other routes from the next request on (dev mode); requests already running finish on the old ones. */
    void replaceRoutes(ApiRoutes routes) {
        this.routes = routes;
        dispatcher.routes(routes.table());
    }

    /**
     * Says which executor runs the exchanges, for the start-up log.
     *
     * @return e.g. {@code virtual threads}
     */
    public String executorDescription() {
        return executorDescription;
    }

    /**
     * Stops gracefully within the builder's grace period (10 s by default).
     *
     * @return true when every request in flight finished within the grace period
     */
    public boolean stop() {
        return stop(shutdownGrace);
    }

    /**
     * Stops gracefully: new requests get 503 with {@code Connection: close}, requests in flight
     * may finish within {@code grace}, then the server closes its connections and its executor.
     * An idle server stops at once.
     *
     * @param grace how long requests in flight may take to finish
     * @return true when every request in flight finished within the grace period
     */
    public synchronized boolean stop(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (stopped) {
            return true;
        }
        stopped = true;
        long start = System.nanoTime();
        boolean drained;
        try {
            drained = gate.close(grace);
            // Exchanges still queued (read by the JDK, not yet at the gate) get their 503 first.
            long remaining = grace.toNanos() - (System.nanoTime() - start);
            if (executor != null) {
                executor.awaitIdle(System.nanoTime() + Math.max(0, Math.min(QUEUE_SETTLE_NANOS, remaining)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        if (!drained) {
            Logging.LOG.log(Level.WARNING, "{0} request(s) still running after the {1} ms shutdown grace period",
                    gate.inFlight(), grace.toMillis());
        }
        server.stop(0);
        dispatcher.stop();
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
            try {
                ownExecutor.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return drained;
    }

    /** Stops gracefully, as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Describes a server before it starts. */
    public static final class Builder {
        private ApiRoutes routes;
        private String host;
        private int port = 3000;
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private ExecutorService executor;
        private boolean requestLog;
        private Cors cors;
        private final List<Filter> filters = new ArrayList<>();
        private String engine = System.getProperty("apiroutes.engine", "jdk");

        private Builder() {}

        /**
         * Sets the CORS policy of every route that has none of its own ({@link RouteConfig#withCors}).
         *
         * @param policy e.g. {@code Cors.allow("https://app.example.com")}
         * @return this builder
         */
        public Builder cors(Cors policy) {
            this.cors = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Adds a filter around every API request, as {@link ApiRoutes#withFilter(Filter)} does.
         *
         * @param filter the JDK filter; it may answer instead of the handler
         * @return this builder
         */
        public Builder filter(Filter filter) {
            filters.add(Objects.requireNonNull(filter, "filter"));
            return this;
        }

        /**
         * Logs one line per request, at INFO through {@code System.Logger} {@code io.apiroutes}:
         * method, path, status, body bytes, milliseconds ({@code GET /api/users/42 200 57 1.3ms}).
         *
         * @param on whether to log; off when never set
         * @return this builder
         */
        public Builder requestLog(boolean on) {
            this.requestLog = on;
            return this;
        }

        /**
         * Sets the routes to serve.
         *
         * @param routes the routes; {@link ApiRoutes#discover()} when never set
         * @return this builder
         */
        public Builder routes(ApiRoutes routes) {
            this.routes = Objects.requireNonNull(routes, "routes");
            return this;
        }

        /**
         * Sets the interface to listen on.
         *
         * @param host a host name or address, e.g. {@code 127.0.0.1}; all interfaces when never set
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * Sets the port.
         *
         * @param port from 0 (any free port) to 65535
         * @return this builder
         * @throws IllegalArgumentException if the port is out of range
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be from 0 to 65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets how long {@link ApiServer#stop()} lets requests in flight finish.
         *
         * @param grace the grace period, zero or more
         * @return this builder
         * @throws IllegalArgumentException if {@code grace} is negative
         */
        public Builder shutdownGrace(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException("the shutdown grace period must not be negative");
            }
            this.shutdownGrace = grace;
            return this;
        }

        /**
         * Runs the exchanges on the application's executor, which the server will not shut down.
         *
         * @param executor the executor; the server's own choice when never set
         * @return this builder
         */
        public Builder executor(ExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Chooses the HTTP engine: {@code jdk} (the JDK's own, the default) or {@code apiroutes}
         * (strict parsing, JSON refusals, each request served on the thread that read it; see
         * {@link EngineProvider}). The system property {@code apiroutes.engine} sets the default.
         *
         * @param engine {@code jdk} or {@code apiroutes}
         * @return this builder
         * @throws IllegalArgumentException if the name is neither
         */
        public Builder engine(String engine) {
            if (!engine.equals("jdk") && !engine.equals("apiroutes")) {
                throw new IllegalArgumentException("the engine is jdk or apiroutes, not '" + engine + "'");
            }
            this.engine = engine;
            return this;
        }

        /**
         * Starts the server.
         *
         * @return the running server
         * @throws IOException if the address cannot be bound
         * @throws IllegalStateException if the routes were never set and cannot be discovered
         */
        public ApiServer start() throws IOException {
            ApiRoutes served = routes != null ? routes : ApiRoutes.discover();
            for (Filter filter : filters) {
                served = served.withFilter(filter);
            }
            boolean ours = engine(engine).engine.equals("apiroutes");
            if (!ours) {
                ServerDefaults.apply(); // logged nowhere: asking the logger would start java.util.logging
            }
            InetSocketAddress address = host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new IOException("cannot resolve host " + host);
            }
            HttpServer server = ours ? new EngineProvider().createHttpServer(address, BACKLOG) : HttpServer.create(address, BACKLOG);
            RequestGate gate = new RequestGate();
            ApiDispatcher dispatcher = served.dispatcher(gate, MemoryBudget.ofHeap());
            dispatcher.logRequests(requestLog);
            dispatcher.cors(cors);
            served.mount(server, dispatcher);
            server.createContext("/", dispatcher);
            ExecutorService own = null;
            String description = "the application's executor";
            if (executor == null && ours) {
                description = server.toString(); // the engine serves each connection on a thread of its own
            } else if (executor == null) {
                ServerExecutors.Choice choice = ServerExecutors.create();
                own = choice.executor();
                description = choice.description();
            }
            CountingExecutor counting = own == null && executor == null ? null : new CountingExecutor(executor != null ? executor : own);
            server.setExecutor(counting);
            server.start();
            return new ApiServer(server, dispatcher, served, gate, counting, own, description, shutdownGrace);
        }
    }
}
