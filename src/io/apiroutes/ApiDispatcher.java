package io.apiroutes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one JDK handler behind {@code /api}: checks the request, finds its route, reads the body,
 * runs the handler, turns every failure into a JSON error, and always closes the exchange.
 */
final class ApiDispatcher implements HttpHandler {

    private final RouteTable table;
    private final RequestLimits limits;
    private final RequestGate gate;

    ApiDispatcher(RouteTable table, RequestLimits limits, RequestGate gate) {
        this.table = table;
        this.limits = limits;
        this.gate = gate;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            boolean admitted = gate.enter();
            try {
                if (admitted) {
                    dispatch(exchange);
                } else {
                    exchange.getResponseHeaders().set("Connection", "close");
                    new ApiResponse(exchange, null, null, null).sendError(503, new ErrorBody("Server is shutting down"));
                }
            } finally {
                gate.exit();
            }
        } catch (RuntimeException | Error e) {
            // Only reached when even the error response failed: the client is gone.
            Logging.LOG.log(Level.DEBUG, "could not answer " + exchange.getRequestURI(), e);
        } finally {
            exchange.close();
        }
    }

    private void dispatch(HttpExchange exchange) {
        ApiRequest req = null;
        ApiResponse res = new ApiResponse(exchange, null, null, gate);
        boolean checked = false;
        boolean inHandler = false;
        try {
            RequestChecks.check(exchange, limits);
            checked = true;
            if (!RequestBody.present(exchange)) {
                RequestBody.readEnd(exchange);
            }
            if (asksToClose(exchange)) {
                // The JDK closes without saying so, and clients then take the close for an error (RFC 9112 §9.6).
                exchange.getResponseHeaders().set("Connection", "close");
            }
            String rawPath = exchange.getRequestURI().getRawPath();
            if (rawPath == null || !(rawPath.equals("/api") || rawPath.startsWith("/api/"))) {
                throw new ApiException(404, "Not Found");
            }
            String[] segments = RequestPath.segments(rawPath);
            RouteMatch match = table.match(segments);
            if (match == null) {
                throw new ApiException(404, "Not Found");
            }
            req = new ApiRequest(exchange, segments, match, limits);
            res = new ApiResponse(exchange, match.route(), req, gate);
            if (match.route().config().bodyParser()) {
                req.parseBody();
            }
            inHandler = true;
            match.route().handler().handle(req, res);
            if (!res.sent()) {
                if (match.route().warnedUnanswered().compareAndSet(false, true)) {
                    Logging.LOG.log(Level.WARNING, "handler {0} for {1} returned without sending a response; "
                            + "it got status {2} and an empty body (logged once)",
                            match.route().handlerName(), match.route().pattern(), res.statusCode());
                }
                res.end();
            }
        } catch (ApiException e) {
            boolean bodyUnread = RequestBody.present(exchange) && (req == null || !req.bodyConsumed());
            if (!checked || (!inHandler && bodyUnread)) {
                // Bad framing, or a body left unread: what follows on the connection cannot be trusted.
                exchange.getResponseHeaders().set("Connection", "close");
            }
            answer(res, e.status(), new ErrorBody(e.getMessage()), e, exchange);
        } catch (ClientIOException e) {
            Logging.LOG.log(Level.DEBUG, "client went away during " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
                    + ": " + e.getMessage());
            exchange.getResponseHeaders().set("Connection", "close");
        } catch (Throwable e) {
            String id = errorId();
            String where = req != null ? req.route().handlerName() : "apiroutes";
            Logging.LOG.log(Level.ERROR, "error " + id + " in " + where + " answering " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getRawPath(), e);
            answer(res, 500, new ServerErrorBody("Internal Server Error", id), e, exchange);
        }
    }

    private static boolean asksToClose(HttpExchange exchange) {
        List<String> values = exchange.getRequestHeaders().get("Connection");
        if (values != null) {
            for (String value : values) {
                for (String option : value.split(",")) {
                    if (option.trim().equalsIgnoreCase("close")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void answer(ApiResponse res, int status, Object body, Throwable cause, HttpExchange exchange) {
        if (res.sent()) {
            Logging.LOG.log(Level.WARNING, "error after the response to " + exchange.getRequestURI().getRawPath()
                    + " was sent: " + cause);
            return;
        }
        res.sendError(status, body);
    }

    private static String errorId() {
        return String.format("%016x", ThreadLocalRandom.current().nextLong());
    }
}
