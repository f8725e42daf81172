package io.apiroutes;

/**
 * Code that runs around every request under {@code /api}: a matched route, a 404 and a 405 alike,
 * in the order added with {@link ApiServer.Builder#middleware(Middleware)}, as Next.js's middleware
 * does. It sees the route's params when one matched; it may answer itself and not call
 * {@code next.run()} (a 401, a redirect), set headers before it, or time and log the request after
 * it. What it throws is answered as a handler's exceptions are (an {@link ApiException}'s status,
 * else a 500 with an error id). CORS preflights and the health paths are answered before it.
 *
 * <pre>{@code
 * server.middleware((req, res, next) -> {
 *     if (req.header("Authorization") == null) {
 *         res.status(401).json(Map.of("error", "Sign in first"));
 *         return;
 *     }
 *     long start = System.nanoTime();
 *     next.run();
 *     System.out.println(req.path() + " took " + (System.nanoTime() - start) / 1000 + " µs");
 * });
 * }</pre>
 */
@FunctionalInterface
public interface Middleware {
    /**
     * Handles the request, calling {@code next.run()} to go on to the next middleware and the handler.
     *
     * @param req the request
     * @param res the response
     * @param next the rest of the chain
     * @throws Exception answered as a handler's exception is
     */
    void handle(ApiRequest req, ApiResponse res, Next next) throws Exception;

    /** The rest of the chain: the next middleware, then the route's handler (or its 404 or 405). */
    @FunctionalInterface
    interface Next {
        /**
         * Runs the rest of the chain; when it returns, the response has been sent.
         *
         * @throws Exception what the rest of the chain threw
         */
        void run() throws Exception;
    }
}
