package io.apiroutes;

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
 * @param warnedUnanswered set once the "returned without answering" warning has been logged
 */
record Route(RoutePattern pattern, ApiHandler handler, String handlerName, RouteConfig config,
             AtomicBoolean warnedUnanswered) {

    static Route of(RoutePattern pattern, ApiHandler handler, String handlerName) {
        RouteConfig config = handler.config();
        if (config == null) {
            throw new IllegalArgumentException("handler " + handlerName + " returned a null config()");
        }
        return new Route(pattern, handler, handlerName, config, new AtomicBoolean());
    }
}
