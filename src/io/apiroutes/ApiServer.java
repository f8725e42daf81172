package io.apiroutes;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.apiroutes.engine.EngineProvider;
import io.apiroutes.exchange.Dispatcher;
import io.apiroutes.exchange.HandlerSlots;
import io.apiroutes.exchange.Logging;
import io.apiroutes.exchange.RequestGate;
import io.apiroutes.http.AllowedHosts;
import io.apiroutes.http.ProxyTrust;
import io.apiroutes.http1.Http1Server;
import io.apiroutes.jdk.CountingExecutor;
import io.apiroutes.jdk.ServerDefaults;
import io.apiroutes.jdk.ServerExecutors;
import io.apiroutes.jdk.StopHold;
import io.apiroutes.tls.ServerKeys;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A JDK {@code HttpServer} of its own that serves a route table, with safe defaults: its own
 * executor (virtual threads on Java 24 and later, a growing pool before), a memory budget and
 * time limits for its requests, and a graceful stop. It also sets JVM-wide properties of the
 * JDK's server ({@code TCP_NODELAY}, the request time limit, the connection cap; docs/security.md),
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
// Longer than 400 lines because its Builder, public and documented setter by setter, is nested in it.
public final class ApiServer implements AutoCloseable {

    /** How long {@link #stop()} lets requests in flight finish, unless the builder says otherwise. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

    /** Connections the OS may queue before the server accepts them; the JDK's default of 50 drops bursts. */
    private static final int BACKLOG = 1024;

    private final HttpServer server;
    private final Dispatcher dispatcher;
    private volatile ApiRoutes routes;
    private final RequestGate gate;
    /** How long a stop waits past its grace for threads whose requests have just ended. */
    private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private final CountingExecutor executor;
    private final ExecutorService ownExecutor;
    private final String executorDescription;
    private final ServerCapacity capacity;
    private final Duration shutdownGrace;
    private boolean stopped;
    /** The plain-HTTP port that redirects to HTTPS, or null. */
    private HttpServer redirect;

    private ApiServer(HttpServer server, Dispatcher dispatcher, ApiRoutes routes, RequestGate gate,
                      CountingExecutor executor, ExecutorService ownExecutor, String executorDescription,
                      ServerCapacity capacity, Duration shutdownGrace) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.routes = routes;
        this.gate = gate;
        this.executor = executor;
        this.ownExecutor = ownExecutor;
        this.executorDescription = executorDescription;
        this.capacity = capacity;
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

    /**
     * Serves other routes from the next request on, as dev mode does when a source changes;
     * requests already running finish with the routes they found, and open event streams end (their
     * clients reconnect to the new routes). Their application class is not started here (dev mode
     * stops the old one and starts the new); a stop stops the one of the routes served then.
     *
     * @param routes the new routes; their filters are not applied (the server keeps those it started with)
     */
    public void replaceRoutes(ApiRoutes routes) {
        this.routes = routes;
        dispatcher.routes(routes.table());
    }

    /**
     * Runs the application's start, then admits requests; when the start fails, closes the server
     * and says why.
     */
    private void open(ApiApp app, boolean jdkEngine) {
        try {
            if (app != null) {
                app.start(this);
            }
        } catch (Exception e) {
            if (jdkEngine) {
                // the JDK's engine lets go of its port only through its dispatcher thread; the
                // gate, closed first, refuses what comes meanwhile
                gate.advance(RequestGate.STOPPING);
                server.start();
            }
            stop(Duration.ZERO);
            throw new IllegalStateException("the application's start failed: " + e, e);
        }
        server.start();
        if (redirect != null) {
            redirect.start();
        }
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
     * Returns how much the server takes on at once.
     *
     * @return its connection, thread, request and stream limits
     */
    public ServerCapacity capacity() {
        return capacity;
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
     * Stops gracefully. At once readiness answers 503 and the server stops accepting connections
     * (a balancer's new connection is refused, which it may safely retry elsewhere); requests
     * on the connections it has are still served, each answer with {@code Connection: close}.
     * Once no request is in flight and none ended for a second, or when {@code grace} is over,
     * the remaining connections are closed (a request still arriving then gets 503) and the
     * executor stops. A server idle for a second stops at once.
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
        long deadline = System.nanoTime() + grace.toNanos();
        gate.advance(RequestGate.STOPPING);
        dispatcher.heartbeats().endAll(); // event streams end: handlers looping or waiting on them return
        boolean drained = false;
        StopHold hold = null;
        try {
            if (server instanceof Http1Server own) {
                own.stopAccepting();
            } else if (!grace.isZero()) {
                hold = StopHold.begin(server, gate, grace, deadline);
            }
            gate.advance(RequestGate.DRAINING);
            drained = drain(deadline, hold != null && hold.held());
        } catch (IOException e) {
            // the listening socket is closed below anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (hold != null) {
                hold.close();
            }
        }
        gate.advance(RequestGate.CLOSED);
        if (!drained && gate.inFlight() > 0) {
            Logging.LOG.log(Level.WARNING, "{0} request(s) still running after the {1} ms shutdown grace period",
                    gate.inFlight(), grace.toMillis());
        }
        server.stop(0);
        if (redirect != null) {
            redirect.stop(0);
        }
        dispatcher.stop();
        stopOwnExecutor();
        ApiApp app = routes.app();
        try {
            if (app != null) {
                app.stop();
            }
        } catch (RuntimeException e) {
            Logging.LOG.log(Level.WARNING, "the application's stop failed", e);
        }
        return drained;
    }

    /**
     * Waits for the requests in flight to end and the connections to go quiet, until {@code deadline};
     * past it, a moment more for requests whose answer is out but whose thread has not yet left
     * (a test client's close comes right after the answer), so they are not reported as running.
     *
     * @param held whether one exchange on the executor is the stop's own, held
     * @return whether every request ended
     */
    private boolean drain(long deadline, boolean held) throws InterruptedException {
        int others = held ? 1 : 0;
        if (gate.awaitQuiet(deadline) && (executor == null || executor.awaitIdle(deadline, others))) {
            return true;
        }
        long settle = System.nanoTime() + SETTLE_NANOS;
        return gate.awaitNone(settle) && (executor == null || executor.awaitIdle(settle, others));
    }

    private void stopOwnExecutor() {
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
            try {
                ownExecutor.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
        private final List<Middleware> middleware = new ArrayList<>();
        private String engine = System.getProperty("apiroutes.engine", "apiroutes");
        private String livePath = "/livez";
        private String readyPath = "/readyz";
        private ProxyTrust proxies;
        private int maxConnections;
        private int maxThreads;
        private int maxRequests;
        private int maxStreams;
        private List<String> allowedHosts;
        private long gzipMinBytes = 1024;
        private Path tlsCertificate;
        private Path tlsKey;
        private String tlsPassword;
        private long hstsSeconds = -1;
        private int httpRedirectPort;

        private Builder() {}

        /**
         * Sets the most connections open at once. By default it follows the heap the JVM may grow
         * to: on apiroutes' engine a connection per 16 KiB (4096 under a 64 MB heap), where a
         * connection waiting for a request holds little more than the bytes it sent and, at the
         * cap, the one that waited longest makes room for a new one; on the JDK's engine a
         * connection per 128 KiB (512), whose parser keeps about 30 KB per connection, where a new
         * connection past the cap is closed at once. On the JDK's engine the cap is JVM-wide
         * ({@code jdk.httpserver.maxConnections}) and read when the JVM's first JDK server is
         * created: this sets it only when it is not yet set.
         *
         * @param max at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is below 1
         */
        public Builder maxConnections(int max) {
            this.maxConnections = atLeastOne(max);
            return this;
        }

        /**
         * Sets the most platform threads that serve requests, where the server uses a pool of them
         * (before Java 24 on the JDK's engine, before Java 21 on apiroutes'): 512 and 256 by default.
         *
         * @param max at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is below 1
         */
        public Builder maxThreads(int max) {
            this.maxThreads = atLeastOne(max);
            return this;
        }

        /**
         * Sets the most requests whose handlers run at once; past it a request gets 503 with
         * {@code Retry-After: 1} at once, before its body is read. By default, with a pool of
         * platform threads, the pool's size less an eighth kept for health answers, refusals and
         * reading requests; with virtual threads a request per 64 KiB of heap (1024 under 64 MB),
         * at most the connection cap.
         *
         * @param max at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is below 1
         */
        public Builder maxRequests(int max) {
            this.maxRequests = atLeastOne(max);
            return this;
        }

        /**
         * Sets the most streams ({@link ApiResponse#sse()}, {@link ApiResponse#stream(String)}) open
         * at once, half of {@link #maxRequests(int)} by default: a handler that loops on a stream
         * holds its thread, so streams may take only a share of them. Past it, opening a stream
         * throws an {@link ApiException} that answers 503 with {@code Retry-After: 1}.
         *
         * @param max at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is below 1
         */
        public Builder maxStreams(int max) {
            this.maxStreams = atLeastOne(max);
            return this;
        }

        private static int atLeastOne(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("a limit must be at least 1, not " + max);
            }
            return max;
        }

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
         * Sets the paths of the health answers, outside {@code /api} so that no route can shadow
         * them. Liveness answers 200 {@code {"status":"ok"}} while the server runs; readiness the
         * same until a stop begins, then 503 {@code {"status":"stopping"}} at once, while requests
         * in flight finish. Each answers any method, on the raw path exactly.
         *
         * <pre>{@code
         * ApiServer.builder().healthPaths("/livez", "/readyz")   // the defaults
         * }</pre>
         *
         * @param livePath the liveness path, e.g. {@code /livez}; null for none
         * @param readyPath the readiness path, e.g. {@code /readyz}; null for none
         * @return this builder
         * @throws IllegalArgumentException if a path does not start with {@code /} or is {@code /api} or under it
         */
        public Builder healthPaths(String livePath, String readyPath) {
            for (String path : new String[] {livePath, readyPath}) {
                if (path != null && (!path.startsWith("/") || path.equals("/api") || path.startsWith("/api/"))) {
                    throw new IllegalArgumentException("a health path starts with / and is outside /api, not '" + path + "'");
                }
            }
            this.livePath = livePath;
            this.readyPath = readyPath;
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
         * Adds a middleware, run around every request under {@code /api} after the ones added
         * before it (see {@link Middleware}).
         *
         * @param middleware the middleware
         * @return this builder
         */
        public Builder middleware(Middleware middleware) {
            this.middleware.add(Objects.requireNonNull(middleware, "middleware"));
            return this;
        }

        /**
         * Trusts the forwarded headers of these proxies, for {@link ApiRequest#clientAddress()} and
         * {@link ApiRequest#origin()}: name the load balancer in front of the server, never a range
         * clients can send from.
         *
         * <pre>{@code
         * ApiServer.builder().trustProxies(List.of("127.0.0.1", "10.0.0.0/8", "fd00::/8"))
         * }</pre>
         *
         * @param addresses IPv4 or IPv6 addresses and CIDR blocks; none when never set or empty
         * @return this builder
         * @throws IllegalArgumentException naming an entry that is not an IP address or CIDR block
         */
        public Builder trustProxies(List<String> addresses) {
            this.proxies = addresses.isEmpty() ? null : ProxyTrust.parse(addresses);
            return this;
        }

        /**
         * Answers only requests whose {@code Host} names this machine or one of {@code hosts}, every
         * other with 403 and a JSON error, before any path is looked at, against DNS rebinding: a
         * page on another site whose owner points its name at 127.0.0.1 would otherwise read a
         * server on loopback from a browser there. Always allowed, on any port: {@code localhost}
         * and its subdomains, IP addresses (a rebinding needs a name), and the {@link #host(String)}
         * listened on. For a server on loopback that browsers may reach (dev mode turns it on);
         * off when never set, as behind a proxy any {@code Host} is normal.
         *
         * <pre>{@code
         * ApiServer.builder().host("127.0.0.1").allowedHosts(List.of("myapp.test", ".dev.example.com"))
         * }</pre>
         *
         * @param hosts names, compared without case and port; {@code .example.com} allows it and its
         *     subdomains; {@code *} allows any host (no check); empty for the ones always allowed
         * @return this builder
         * @throws IllegalArgumentException naming an entry that is not a host name
         */
        public Builder allowedHosts(List<String> hosts) {
            AllowedHosts.of(hosts, null);
            this.allowedHosts = List.copyOf(hosts);
            return this;
        }

        /**
         * Serves HTTPS with a certificate chain and key in PEM files, which are read again when they
         * are replaced on disk (a renewal reaches the next connection, without a restart). TLS 1.3
         * and 1.2 with the JDK's default cipher suites; served by the JDK's engine.
         *
         * <pre>{@code
         * ApiServer.builder().tls(Path.of("/etc/letsencrypt/live/example.com/fullchain.pem"),
         *         Path.of("/etc/letsencrypt/live/example.com/privkey.pem")).port(443).start();
         * }</pre>
         *
         * @param certificate the chain, leaf first
         * @param key the private key, PKCS#8 ({@code BEGIN PRIVATE KEY}), RSA or EC
         * @return this builder
         */
        public Builder tls(Path certificate, Path key) {
            this.tlsCertificate = Objects.requireNonNull(certificate, "certificate");
            this.tlsKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * Serves HTTPS with the key and certificate chain of a PKCS#12 keystore, read again when it
         * is replaced on disk, as {@link #tls(Path, Path)} does.
         *
         * @param keystore the keystore, holding one private key entry
         * @param password its password (and the key's)
         * @return this builder
         */
        public Builder tlsKeyStore(Path keystore, String password) {
            this.tlsCertificate = Objects.requireNonNull(keystore, "keystore");
            this.tlsKey = null;
            this.tlsPassword = password;
            return this;
        }

        /**
         * Listens on a plain-HTTP port too, where every request is redirected (308) to the same
         * host, path and query over HTTPS: port 80 for browsers that type a bare name.
         *
         * @param port the plain-HTTP port; 0 (the default) for none
         * @return this builder
         */
        public Builder httpRedirectPort(int port) {
            this.httpRedirectPort = port;
            return this;
        }

        /**
         * Tells browsers to use HTTPS only for this host ({@code Strict-Transport-Security}) on
         * every answer. Browsers remember it for the time given: turn it on once HTTPS works.
         *
         * @param maxAgeSeconds how long browsers remember it; -1 (the default) for no header
         * @return this builder
         */
        public Builder hsts(long maxAgeSeconds) {
            this.hstsSeconds = maxAgeSeconds;
            return this;
        }

        /**
         * Sets the smallest answer sent gzip-compressed to clients whose {@code Accept-Encoding}
         * takes it; streams of a compressible type are compressed whatever their length. Only text,
         * JSON, JavaScript and XML are compressed, never an answer to {@code HEAD} or one the handler
         * encoded itself; a route turns it off with {@link RouteConfig#withoutCompression()}.
         *
         * @param bytes at least 0; 1024 when never set; -1 turns compression off for every route
         * @return this builder
         */
        public Builder gzipMinBytes(long bytes) {
            this.gzipMinBytes = bytes;
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
         * Chooses the HTTP engine: {@code apiroutes} (the default: strict parsing, JSON refusals,
         * waiting connections parked without a thread, each request served on the thread that read
         * it; see {@link EngineProvider}) or {@code jdk} (the JDK's own {@code com.sun.net.httpserver}).
         * The system property {@code apiroutes.engine} sets the default.
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
            ApiRoutes served = served();
            // TLS is the JDK engine's: apiroutes' own speaks plain HTTP
            boolean ours = engine(engine).engine.equals("apiroutes") && tlsCertificate == null;
            long heap = Runtime.getRuntime().maxMemory();
            if (!ours) {
                applyJdkDefaults();
            }
            InetSocketAddress address = address();
            EngineProvider provider = ours ? engineProvider() : null;
            HttpServer server = tlsCertificate != null ? https(address)
                    : ours ? provider.createHttpServer(address, BACKLOG) : HttpServer.create(address, BACKLOG);
            HttpServer redirect = redirect(server);
            RequestGate gate = new RequestGate();
            Dispatcher dispatcher = dispatcher(served, gate);
            dispatcher.headSyntaxChecked(ours);
            served.mount(server, dispatcher);
            server.createContext("/", dispatcher);
            ExecutorService own = null;
            String description = "the application's executor";
            ServerCapacity capacity;
            if (ours) {
                description = server.toString(); // the engine serves each busy connection on a thread of its own
                boolean virtual = executor != null || provider.usesVirtualThreads();
                capacity = ServerCapacity.of(provider.maxConnections(), provider.maxThreads(), virtual, maxRequests, maxStreams, heap);
            } else {
                int connections = ServerDefaults.jdkMaxConnections();
                int threads = maxThreads > 0 ? maxThreads : ServerExecutors.POOL_THREADS;
                boolean virtual = executor != null;
                if (executor == null) {
                    ServerExecutors.Choice choice = ServerExecutors.create(threads);
                    own = choice.executor();
                    description = choice.description();
                    virtual = choice.virtual();
                }
                capacity = ServerCapacity.of(connections, virtual ? connections : threads, virtual, maxRequests, maxStreams, heap);
            }
            dispatcher.slots(new HandlerSlots(capacity.requests(), capacity.streams()));
            CountingExecutor counting = own == null && executor == null ? null : new CountingExecutor(executor != null ? executor : own);
            server.setExecutor(counting);
            ApiServer api = new ApiServer(server, dispatcher, served, gate, counting, own, description, capacity, shutdownGrace);
            api.redirect = redirect;
            api.open(served.app(), !ours);
            return api;
        }

        /** The routes to serve, after the application configured this builder, with the filters. */
        private ApiRoutes served() {
            ApiRoutes served = routes != null ? routes : ApiRoutes.discover();
            if (served.app() != null) {
                served.app().configure(this);
            }
            for (Filter filter : filters) {
                served = served.withFilter(filter);
            }
            return served;
        }

        private InetSocketAddress address() throws IOException {
            InetSocketAddress address = host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new IOException("cannot resolve host " + host);
            }
            return address;
        }

        /**
         * The plain-HTTP port that redirects to HTTPS, on apiroutes' engine, or null. A port that
         * cannot be taken fails the start, and stops the HTTPS server (never started) with it.
         */
        private HttpServer redirect(HttpServer https) throws IOException {
            if (tlsCertificate == null || httpRedirectPort <= 0) {
                return null;
            }
            try {
                HttpServer redirect = new EngineProvider().createHttpServer(host == null ? new InetSocketAddress(httpRedirectPort)
                        : new InetSocketAddress(host, httpRedirectPort), BACKLOG);
                int port = https.getAddress().getPort();
                redirect.createContext("/", exchange -> redirectToHttps(exchange, port));
                return redirect;
            } catch (IOException e) {
                https.start(); // the JDK's engine lets go of its port only through its dispatcher thread
                https.stop(0);
                throw e;
            }
        }

        /**
         * 308 to the same host, path and query over HTTPS (308 keeps a POST a POST), as nginx's
         * {@code return 308 https://$host$request_uri}; 400 without a {@code Host}. A method, not
         * a handler class: a class file costs api.jar about a kilobyte of its budget.
         */
        private static void redirectToHttps(HttpExchange exchange, int httpsPort) throws IOException {
            // the engine (apiroutes' own) refused a malformed Host; HTTP/1.0 may send none
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (host == null) {
                exchange.sendResponseHeaders(400, -1);
            } else {
                int colon = host.lastIndexOf(':');
                URI target = exchange.getRequestURI();
                exchange.getResponseHeaders().set("Location", "https://" + (colon > host.lastIndexOf(']') ? host.substring(0, colon) : host)
                        + (httpsPort == 443 ? "" : ":" + httpsPort) + target.getRawPath()
                        + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
                exchange.sendResponseHeaders(308, -1);
            }
            exchange.close();
        }

        /** The JDK's HTTPS server, its keys read before its port is taken. */
        private HttpServer https(InetSocketAddress address) throws IOException {
            SSLContext tls = ServerKeys.context(tlsCertificate, tlsKey, tlsPassword);
            HttpsServer https = HttpsServer.create(address, BACKLOG);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            return https;
        }

        /** The JDK engine's JVM-wide settings: the builder's connection cap where none is set, and apiroutes' defaults. */
        private void applyJdkDefaults() {
            if (maxConnections > 0 && System.getProperty("jdk.httpserver.maxConnections") == null) {
                System.setProperty("jdk.httpserver.maxConnections", Integer.toString(maxConnections));
                System.setProperty("sun.net.httpserver.maxIdleConnections", Integer.toString(maxConnections));
            }
            ServerDefaults.apply(); // logged nowhere: asking the logger would start java.util.logging
        }

        /** apiroutes' engine with the builder's limits. */
        private EngineProvider engineProvider() {
            // Heads past what the dispatcher accepts (16 KB of headers, 431) are refused as they
            // arrive: a connection never buffers more of a head than can be served.
            EngineProvider provider = new EngineProvider().withRequestLimits(8192, 200, 32 * 1024);
            if (maxConnections > 0) {
                provider = provider.withConnectionLimits(maxConnections, maxConnections);
            }
            if (maxThreads > 0) {
                provider = provider.withMaxThreads(maxThreads);
            }
            List<String> health = new ArrayList<>(2);
            for (String path : new String[] {livePath, readyPath}) {
                if (path != null) {
                    health.add(path);
                }
            }
            return provider.withPriorityPaths(health.toArray(new String[0]));
        }

        /** The dispatcher of the routes, with the builder's server-wide settings. */
        private Dispatcher dispatcher(ApiRoutes served, RequestGate gate) {
            Dispatcher dispatcher = served.dispatcher(gate);
            dispatcher.logRequests(requestLog);
            dispatcher.gzipMinBytes(gzipMinBytes);
            dispatcher.hsts(hstsSeconds < 0 ? null : "max-age=" + hstsSeconds);
            dispatcher.cors(cors);
            dispatcher.middleware(middleware);
            dispatcher.health(livePath, readyPath);
            dispatcher.proxies(proxies);
            dispatcher.allowedHosts(allowedHosts == null ? null : AllowedHosts.of(allowedHosts, host));
            return dispatcher;
        }
    }
}
