package io.apiroutes.exchange;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.apiroutes.ApiException;
import io.apiroutes.Cors;
import io.apiroutes.Middleware;
import io.apiroutes.RouteHandler;
import io.apiroutes.http.AllowedHosts;
import io.apiroutes.http.ErrorBody;
import io.apiroutes.http.MediaType;
import io.apiroutes.http.ProxyTrust;
import io.apiroutes.http.RequestPath;
import io.apiroutes.http.ServerErrorBody;
import io.apiroutes.jdk.RequestChecks;
import io.apiroutes.json.Json;
import io.apiroutes.routing.Route;
import io.apiroutes.routing.RouteMatch;
import io.apiroutes.routing.RouteTable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

// Longer than 400 lines because a request's way through the server (checks, route, middleware, slot,
// failure) reads in one place, and each class split off costs api.jar a class file's fixed size.
/**
 * The one JDK handler behind {@code /api}. Each request becomes an {@link Exchange} and goes
 * through the same steps: admit, check, route, body, run, finish. Every failure becomes a JSON
 * error, and the exchange always ends in {@link Exchange#finish()}, which keeps the connection
 * or drops it.
 */
public final class Dispatcher implements HttpHandler {
    private volatile RouteTable table;
    private final RequestLimits limits;
    private final RequestGate gate;
    private final MemoryBudget buffers = MemoryBudget.forBuffers();
    private final MemoryBudget trees = MemoryBudget.forTrees();
    private final Watchdog watchdog;
    private final Heartbeats heartbeats = new Heartbeats();
    private volatile HandlerSlots slots;
    private final RequestViews views;
    private final ErrorLog errors = new ErrorLog();
    private volatile boolean logRequests;
    /** Whether the engine refuses a malformed head itself (apiroutes' own): then only the limits are checked here. */
    private volatile boolean headSyntaxChecked;
    private volatile Cors cors;
    private Middleware[] middleware = {};
    private String livePath;
    private String readyPath;
    private ProxyTrust proxies;
    private AllowedHosts hosts;
    private long gzipMinBytes = 1024;
    private String hsts;

    /** The body of a 500 when even writing the usual one failed (memory ran out). */
    private static final byte[] LAST_RESORT = "{\"error\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8);

    /** Builds the dispatcher, and with it everything an error needs: the logger, and the JSON of error bodies. */
    public Dispatcher(RouteTable table, RequestLimits limits, RequestGate gate, HandlerSlots slots, RequestViews views) {
        this.table = table;
        this.limits = limits;
        this.gate = gate;
        this.slots = slots;
        this.views = views;
        this.watchdog = new Watchdog(heartbeats);
        Logging.ready();
        Json.toBytes(new ErrorBody(""));
        Json.toBytes(new ServerErrorBody("", ""));
    }

    public RequestLimits limits() {
        return limits;
    }

    RequestGate gate() {
        return gate;
    }

    /** The memory of request bodies and response buffers. */
    MemoryBudget buffers() {
        return buffers;
    }

    /** The memory of parsed bodies. */
    MemoryBudget trees() {
        return trees;
    }

    Watchdog watchdog() {
        return watchdog;
    }

    public Heartbeats heartbeats() {
        return heartbeats;
    }

    HandlerSlots slots() {
        return slots;
    }

    /** Counts handlers and streams in these slots, before the server starts. */
    public void slots(HandlerSlots slots) {
        this.slots = slots;
    }

    /** How the request and response a handler sees are made of an exchange. */
    RequestViews views() {
        return views;
    }

    /**
     * Serves another table from the next request on; requests already running finish with the old one.
     * Its errors get their stack traces afresh: the code changed.
     */
    public void routes(RouteTable table) {
        this.table = table;
        errors.forget();
        heartbeats.endAll(); // the old code's event streams end: their clients reconnect to the new
    }

    /** Says that the engine checks each head's syntax (apiroutes' own does), so the dispatcher does not again. */
    public void headSyntaxChecked(boolean checked) {
        headSyntaxChecked = checked;
    }

    /** Logs one line per request from now on: method, path, status, bytes, milliseconds. */
    public void logRequests(boolean on) {
        logRequests = on;
    }

    /** Answers of at least this many bytes (streams: any) may be gzip-compressed; negative for none. */
    public void gzipMinBytes(long bytes) {
        gzipMinBytes = bytes;
    }

    long gzipMinBytes() {
        return gzipMinBytes;
    }

    /** The {@code Strict-Transport-Security} value of every answer, or null for none. */
    public void hsts(String value) {
        hsts = value;
    }

    String hsts() {
        return hsts;
    }

    /** The CORS policy of the routes that have none of their own; null for none. */
    public void cors(Cors policy) {
        cors = policy;
    }

    /** Runs this middleware, in order, around every request under {@code /api}, before the server starts. */
    public void middleware(List<Middleware> chain) {
        middleware = chain.toArray(new Middleware[0]);
    }

    /** Answers liveness and readiness at these raw paths (null for none), before the server starts. */
    public void health(String livePath, String readyPath) {
        this.livePath = livePath;
        this.readyPath = readyPath;
    }

    /** The proxies whose forwarded headers are believed, or null for none. */
    public ProxyTrust proxies() {
        return proxies;
    }

    /** Trusts these proxies' forwarded headers, before the server starts. */
    public void proxies(ProxyTrust proxies) {
        this.proxies = proxies;
    }

    /** Answers only requests whose {@code Host} these allow, before the server starts; null for any. */
    public void allowedHosts(AllowedHosts hosts) {
        this.hosts = hosts;
    }

    /**
     * A filter that goes first on the {@code /api} contexts when routes have filters of their own,
     * so that a refused {@code Host} reaches none of them: the dispatcher answers it at once.
     * Null when any host is answered.
     */
    public Filter hostFilter() {
        if (hosts == null) {
            return null;
        }
        return new Filter() {
            @Override
            public void doFilter(HttpExchange http, Chain chain) throws IOException {
                if (hosts.allows(http.getRequestHeaders().getFirst("Host"))) {
                    chain.doFilter(http);
                } else {
                    handle(http);
                }
            }

            @Override
            public String description() {
                return "apiroutes: allowed hosts";
            }
        };
    }

    /** Stops the watchdog's thread, when the server stops. */
    public void stop() {
        watchdog.stop();
    }

    /**
     * Serves one request.
     *
     * @throws IOException when the connection must be dropped (the client went away, or an answer
     *     broke off): the JDK then closes it and frees its slot at once
     */
    @Override
    public void handle(HttpExchange http) throws IOException {
        if (gate.holding() && gate.hold(http.getRequestURI().getRawPath())) {
            http.close(); // the stop's own request: its connection closes with the server
            return;
        }
        Exchange exchange = new Exchange(http, this);
        watchdog.watch(exchange);
        boolean admitted = gate.enter();
        try {
            if (admitted) {
                serve(exchange);
            } else {
                answer(exchange, 503, new ErrorBody("Server is shutting down"), null);
            }
        } finally {
            gate.exit();
            if (logRequests) {
                Logging.LOG.log(Level.INFO, exchange.logLine());
            }
            exchange.finish();
        }
    }

    private void serve(Exchange exchange) {
        try {
            RouteMatch match = match(exchange);
            if (exchange.sent()) {
                return; // answered: health, or a CORS preflight
            }
            Middleware[] chain = middleware;
            if (chain.length == 0) {
                run(exchange, match);
            } else {
                next(exchange, match, chain, 0);
                if (!exchange.sent()) {
                    exchange.response().end(); // a middleware that neither answered nor went on
                }
            }
        } catch (Throwable e) {
            fail(exchange, e);
        }
    }

    /**
     * Runs middleware {@code i} of the chain, whose next runs the one after it, and the last the
     * route, whose failures are answered there: a middleware's code after {@code next.run()} sees
     * every answer sent, a 404 or a 500 as well.
     */
    private void next(Exchange exchange, RouteMatch match, Middleware[] chain, int i) throws Exception {
        if (i == chain.length) {
            try {
                run(exchange, match);
            } catch (Throwable e) {
                fail(exchange, e);
            }
        } else {
            chain[i].handle(exchange.request(), exchange.response(), () -> next(exchange, match, chain, i + 1));
        }
    }

    /** Answers what a handler or a middleware threw: its status for an {@link ApiException}, else a logged 500. */
    private void fail(Exchange exchange, Throwable e) {
        HttpExchange http = exchange.http;
        if (e instanceof ApiException api) {
            answer(exchange, api.status(), api.body() != null ? api.body() : new ErrorBody(api.getMessage()), api);
        } else if (e instanceof ClientIOException) {
            exchange.drop();
            Logging.LOG.log(Level.DEBUG, "client went away during " + http.getRequestMethod() + " " + http.getRequestURI()
                    + ": " + e.getMessage());
        } else if (exchange.expired() || (e instanceof InterruptedException && gate.stopping())) {
            // cut off at its time limit and answered for, or interrupted by the stop: what the
            // handler does after that (an interrupted wait, a refused send) is expected, not an error
            Logging.LOG.log(Level.DEBUG, "handler for " + http.getRequestURI().getRawPath()
                    + " ended after its time limit or at the stop: " + e);
        } else {
            try {
                String id = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
                errors.log(id, exchange.match(), http.getRequestMethod(), http.getRequestURI().getRawPath(), e);
                exchange.clearHeadersOfFailure();
                answer(exchange, 500, new ServerErrorBody("Internal Server Error", id), e);
            } catch (Throwable again) {
                lastResort(exchange);
            }
        }
    }

    /**
     * Answers the request with its route's handler, or the 404, the 405 or the {@code OPTIONS} the
     * server answers itself for a {@link RouteHandler}; the handler runs in a slot of its own.
     */
    private void run(Exchange exchange, RouteMatch match) throws Exception {
        if (match == null) {
            throw new ApiException(404, "Not Found");
        }
        Route route = match.route();
        String method = exchange.http.getRequestMethod();
        if (route.allow() != null && (method.equals("OPTIONS") || !route.answers(method))) {
            exchange.header("Allow", route.allow(), false);
            if (!method.equals("OPTIONS")) {
                throw new ApiException(405, "Method Not Allowed");
            }
            exchange.status(204);
            exchange.send(new byte[0], 0, 0, null);
            return;
        }
        HandlerSlots running = enter(exchange);
        try {
            if (route.config().bodyParser()) {
                exchange.parsedBody();
            }
            route.handler().handle(exchange.request(), exchange.response());
            exchange.endStream();
            if (!exchange.sent()) {
                if (route.warnedUnanswered().compareAndSet(false, true)) {
                    Logging.LOG.log(Level.WARNING, "handler {0} for {1} returned without sending a response; "
                            + "it got status {2} and an empty body (logged once)",
                            route.handlerName(), route.pattern(), exchange.status());
                }
                exchange.response().end();
            }
        } finally {
            running.exit();
        }
    }

    /**
     * Takes a handler's slot for the request, or refuses it with 503 and {@code Retry-After} when
     * every slot is taken: handlers never hold every thread of the server.
     *
     * @return the slots to give the slot back to
     */
    private HandlerSlots enter(Exchange exchange) {
        HandlerSlots current = slots;
        if (!current.tryEnter()) {
            exchange.header("Retry-After", "1", false);
            throw new ApiException(503, "Server is busy: too many requests at once");
        }
        return current;
    }

    /**
     * Checks the request and, when hosts are restricted, its {@code Host}; answers the health
     * paths and a CORS preflight (the exchange is then sent) and finds the route of a path under
     * {@code /api}, whose params the request then has.
     *
     * @return the match, or null for a path under {@code /api} that no route matches
     * @throws ApiException for a malformed request (the connection closes) or a path outside {@code /api}
     */
    private RouteMatch match(Exchange exchange) {
        HttpExchange http = exchange.http;
        try {
            RequestChecks.check(http, limits, headSyntaxChecked);
        } catch (ApiException e) {
            exchange.closeConnection(); // bad framing: what follows on the connection cannot be trusted
            throw e;
        }
        String host = http.getRequestHeaders().getFirst("Host");
        if (hosts != null && !hosts.allows(host)) {
            throw new ApiException(403, AllowedHosts.refusal(host)); // before any path is looked at: no route shows
        }
        exchange.readEndOfBodiless();
        String rawPath = http.getRequestURI().getRawPath();
        if (rawPath == null || !(rawPath.equals("/api") || rawPath.startsWith("/api/"))) {
            boolean ready = rawPath != null && rawPath.equals(readyPath);
            if (ready || (rawPath != null && rawPath.equals(livePath))) {
                boolean stopping = ready && gate.stopping();
                exchange.status(stopping ? 503 : 200);
                exchange.response().json(Map.of("status", stopping ? "stopping" : "ok"));
                return null;
            }
            throw new ApiException(404, "Not Found");
        }
        String[] segments = RequestPath.segments(rawPath);
        RouteMatch match = table.match(segments);
        exchange.route(segments, match); // a middleware sees the path (and params) of a 404 too
        if (match != null) {
            Route route = match.route();
            Cors policy = route.config().cors() != null ? route.config().cors() : cors;
            if (policy != null) {
                CorsAnswer.answer(policy, exchange, route);
            }
        }
        return match;
    }

    /** Answers a 500 with bytes made at start-up, when the usual answer failed too (memory ran out). */
    private static void lastResort(Exchange exchange) {
        if (exchange.sent()) {
            exchange.drop();
            return;
        }
        try {
            exchange.status(500);
            exchange.responseHeaders().set("Content-Type", MediaType.JSON_UTF8);
            exchange.send(LAST_RESORT, 0, LAST_RESORT.length, null);
        } catch (Throwable e) {
            exchange.drop();
        }
    }

    /** Sends an error, unless an answer already went out: then the client must see it broken off, not complete. */
    private static void answer(Exchange exchange, int status, Object body, Throwable cause) {
        if (exchange.dropped() || exchange.expired()) {
            return; // gone, or cut off at its time limit: the client has its answer, or a cut-short one
        }
        if (exchange.sending()) {
            Logging.LOG.log(Level.WARNING, "the response to " + exchange.http.getRequestURI().getRawPath()
                    + " broke off after it started (" + cause + "); the connection is closed so the client sees it cut short");
            exchange.drop();
            return;
        }
        if (exchange.sent()) {
            Logging.LOG.log(Level.WARNING, "error after the response to " + exchange.http.getRequestURI().getRawPath()
                    + " was sent: " + cause);
            return;
        }
        try {
            exchange.sendError(status, body);
        } catch (ClientIOException e) {
            exchange.drop();
        }
    }
}
