package io.apiroutes.routing;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;
import io.apiroutes.RouteConfig;
import io.apiroutes.RouteHandler;
import io.apiroutes.processor.HandlerProcessor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One entry of the route table: a pattern, the handler that answers it, and its settings,
 * read once when the table is built. The table's conflict checks read only the pattern and the
 * name, so {@link HandlerProcessor} checks a compilation's handlers with routes that have no
 * handler, config or flag (null), before any handler class exists.
 *
 * @param pattern the path pattern
 * @param handler the handler
 * @param handlerName the handler's class name, for the route table and messages
 * @param config the handler's settings
 * @param allow for a {@link RouteHandler}, the methods it answers as an {@code Allow} header
 *     ({@code GET, HEAD, POST, OPTIONS}); null for a plain handler, which answers every method
 * @param warnedUnanswered set once the "returned without answering" warning has been logged
 */
public record Route(RoutePattern pattern, ApiHandler handler, String handlerName, RouteConfig config, String allow,
             AtomicBoolean warnedUnanswered) {

    private static final String[] METHODS = {"get", "post", "put", "patch", "delete"};

    public static Route of(RoutePattern pattern, ApiHandler handler, String handlerName) {
        RouteConfig config = handler.config();
        if (config == null) {
            throw new IllegalArgumentException("handler " + handlerName + " returned a null config()");
        }
        return new Route(pattern, handler, handlerName, config, allow(handler), new AtomicBoolean());
    }

    /** The methods a {@link RouteHandler} implements, found once by looking at which it overrides. */
    private static String allow(ApiHandler handler) {
        if (!(handler instanceof RouteHandler)) {
            return null;
        }
        StringBuilder allow = new StringBuilder();
        for (String method : METHODS) {
            try {
                if (handler.getClass().getMethod(method, ApiRequest.class, ApiResponse.class).getDeclaringClass()
                        != RouteHandler.class) {
                    allow.append(method.toUpperCase(java.util.Locale.ROOT)).append(method.equals("get") ? ", HEAD, " : ", ");
                }
            } catch (NoSuchMethodException e) {
                throw new AssertionError(e); // RouteHandler declares each of them
            }
        }
        return allow.append("OPTIONS").toString();
    }

    /** Whether the route answers {@code method}: any, for a plain handler. */
    public boolean answers(String method) {
        if (allow == null) {
            return true;
        }
        int at = allow.indexOf(method);
        return at >= 0 && (at == 0 || allow.charAt(at - 1) == ' ') && (at + method.length() == allow.length()
                || allow.charAt(at + method.length()) == ',');
    }

    /** The methods for the route table: {@code GET POST}, or empty for a plain handler. */
    public String methods() {
        return allow == null ? "" : allow.replace(", HEAD", "").replace(", OPTIONS", "").replace("OPTIONS", "").replace(",", "");
    }
}
