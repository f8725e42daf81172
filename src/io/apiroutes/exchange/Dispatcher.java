package io.apiroutes.exchange;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.apiroutes.ApiException;
import io.apiroutes.Cors;
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
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

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
    private String livePath;
    private String readyPath;
    private ProxyTrust proxies;
    private AllowedHosts hosts;

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
    }

    /** Says that the engine checks each head's syntax (apiroutes' own does), so the dispatcher does not again. */
    public void headSyntaxChecked(boolean checked) {
        headSyntaxChecked = checked;
    }

    /** Logs one line per request from now on: method, path, status, bytes, milliseconds. */
    public void logRequests(boolean on) {
        logRequests = on;
    }

    /** The CORS policy of the routes that have none of their own; null for none. */
    public void cors(Cors policy) {
        cors = policy;
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
        HttpExchange http = exchange.http;
        HandlerSlots running = null;
        try {
            Route route = route(exchange);
            if (route == null) {
                return; // answered: health, a CORS preflight, OPTIONS, or a method the route does not answer
            }
            running = enter(exchange);
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
        } catch (ApiException e) {
            answer(exchange, e.status(), e.body() != null ? e.body() : new ErrorBody(e.getMessage()), e);
        } catch (ClientIOException e) {
            exchange.drop();
            Logging.LOG.log(Level.DEBUG, "client went away during " + http.getRequestMethod() + " " + http.getRequestURI()
                    + ": " + e.getMessage());
        } catch (Throwable e) {
            if (exchange.expired()) {
                // cut off at its time limit and answered for: what the handler does after that (an
                // interrupted wait, a refused send) is expected, not an error of its own
                Logging.LOG.log(Level.DEBUG, "handler for " + http.getRequestURI().getRawPath()
                        + " ended after its time limit: " + e);
                return;
            }
            try {
                String id = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
                errors.log(id, exchange.match(), http.getRequestMethod(), http.getRequestURI().getRawPath(), e);
                exchange.clearHeadersOfFailure();
                answer(exchange, 500, new ServerErrorBody("Internal Server Error", id), e);
            } catch (Throwable again) {
                lastResort(exchange);
            }
        } finally {
            if (running != null) {
                running.exit();
            }
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
     * Checks the request and, when hosts are restricted, its {@code Host}; finds its route, and
     * answers what the server answers itself: the health paths, a CORS preflight, and for a
     * {@link RouteHandler} {@code OPTIONS} and the methods it does not implement.
     *
     * @return the route for the handler to run, or null when the request was answered
     * @throws ApiException for a malformed request (the connection closes) or an unknown path
     */
    private Route route(Exchange exchange) {
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
        if (match == null) {
            throw new ApiException(404, "Not Found");
        }
        exchange.route(segments, match);
        Route route = match.route();
        Cors policy = route.config().cors() != null ? route.config().cors() : cors;
        if (policy != null && CorsAnswer.answer(policy, exchange, route)) {
            return null;
        }
        String method = http.getRequestMethod();
        if (route.allow() != null) {
            if (method.equals("OPTIONS") || !route.answers(method)) {
                exchange.header("Allow", route.allow(), false);
                if (!method.equals("OPTIONS")) {
                    throw new ApiException(405, "Method Not Allowed");
                }
                exchange.status(204);
                exchange.send(new byte[0], 0, 0, null);
                return null;
            }
        }
        return route;
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
