package io.apiroutes;

/**
 * An API route: the Java counterpart of a Next.js {@code pages/api} file's default export.
 *
 * <p>An implementation is a public, concrete class with a public no-argument constructor,
 * in package {@code api} or below it. The build lists it in
 * {@code META-INF/services/io.apiroutes.ApiHandler}, and its package and class name give its
 * path: {@code api.users._id} answers {@code /api/users/[id]} (see {@link ApiRoutes} for the
 * whole convention). One instance serves every request of its route, on many threads at once,
 * so keep it free of per-request state.
 *
 * <p>The contract of {@link #handle}: answer with exactly one of {@link ApiResponse#json},
 * {@link ApiResponse#send}, {@link ApiResponse#redirect(String)} or {@link ApiResponse#end()}.
 * A handler that returns without answering gets its status (200 unless set) and an empty body.
 * Throw {@link ApiException} for an HTTP error; any other exception becomes a 500 whose details
 * go to the log only.
 *
 * <pre>{@code
 * public final class Hello implements ApiHandler {
 *     record Message(String message) {}
 *
 *     public void handle(ApiRequest req, ApiResponse res) {
 *         res.status(200).json(new Message("Hello from Java!"));
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ApiHandler {

    /**
     * Answers one request.
     *
     * @param req the request, with its path, query, route params, headers, cookies and parsed body
     * @param res the response to answer with
     * @throws Exception anything; {@link ApiException} chooses the status, any other exception
     *     becomes a 500
     */
    void handle(ApiRequest req, ApiResponse res) throws Exception;

    /**
     * The route's settings, Next.js's {@code export const config}.
     *
     * @return the settings; {@link RouteConfig#defaults()} unless overridden
     */
    default RouteConfig config() {
        return RouteConfig.defaults();
    }
}
