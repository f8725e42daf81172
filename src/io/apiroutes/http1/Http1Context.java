package io.apiroutes.http1;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A path prefix of the server with its handler, filters, attributes and authenticator. It is also
 * the innermost link of its filter chain: it authenticates, as the JDK's own filter does, then
 * calls the handler.
 */
final class Http1Context extends com.sun.net.httpserver.HttpContext implements HttpHandler {
    private final Http1Server server;
    private final String path;
    private final List<Filter> filters = new CopyOnWriteArrayList<>();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private volatile HttpHandler handler;
    private volatile Authenticator authenticator;

    Http1Context(Http1Server server, String path) {
        this.server = server;
        this.path = path;
    }

    @Override
    public HttpHandler getHandler() {
        return handler;
    }

    @Override
    public void setHandler(HttpHandler handler) {
        if (handler == null) {
            throw new NullPointerException("handler");
        }
        if (this.handler != null) {
            throw new IllegalArgumentException("handler already set");
        }
        this.handler = handler;
    }

    @Override
    public String getPath() {
        return path;
    }

    @Override
    public HttpServer getServer() {
        return server;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    @Override
    public List<Filter> getFilters() {
        return filters;
    }

    @Override
    public Authenticator setAuthenticator(Authenticator authenticator) {
        Authenticator previous = this.authenticator;
        this.authenticator = authenticator;
        return previous;
    }

    @Override
    public Authenticator getAuthenticator() {
        return authenticator;
    }

    /** Authenticates the exchange if an authenticator is set, then runs the handler. */
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Authenticator auth = authenticator;
        if (auth != null) {
            Authenticator.Result result = auth.authenticate(exchange);
            if (result instanceof Authenticator.Success) {
                if (exchange instanceof Http1Exchange) {
                    ((Http1Exchange) exchange).principal = ((Authenticator.Success) result).getPrincipal();
                }
            } else {
                int status = result instanceof Authenticator.Failure
                        ? ((Authenticator.Failure) result).getResponseCode() : ((Authenticator.Retry) result).getResponseCode();
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
                return;
            }
        }
        handler.handle(exchange);
    }
}
