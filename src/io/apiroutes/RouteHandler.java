package io.apiroutes;


/**
 * A route with a method per HTTP method, as Next.js Route Handlers export {@code GET} and
 * {@code POST}: implement the ones the route answers, and the server does the rest. A method the
 * class does not implement gets 405 with an {@code Allow} header listing those it does;
 * {@code HEAD} runs {@link #get} and sends no body; {@code OPTIONS} gets 204 with {@code Allow}.
 * Which methods a class implements is read once, when the route table is built.
 *
 * <pre>{@code
 * public final class Index implements RouteHandler {       // api/todos/Index.java: /api/todos
 *     public void get(ApiRequest req, ApiResponse res) { res.json(todos.all()); }
 *     public void post(ApiRequest req, ApiResponse res) { res.status(201).json(todos.add(req.body(NewTodo.class))); }
 * }
 * }</pre>
 */
public interface RouteHandler extends ApiHandler {

    /**
     * Answers {@code GET}, and {@code HEAD} without the body.
     *
     * @param req the request
     * @param res the response
     * @throws Exception as {@link ApiHandler#handle}
     */
    default void get(ApiRequest req, ApiResponse res) throws Exception {
        throw new ApiException(405, "Method Not Allowed");
    }

    /**
     * Answers {@code POST}.
     *
     * @param req the request
     * @param res the response
     * @throws Exception as {@link ApiHandler#handle}
     */
    default void post(ApiRequest req, ApiResponse res) throws Exception {
        throw new ApiException(405, "Method Not Allowed");
    }

    /**
     * Answers {@code PUT}.
     *
     * @param req the request
     * @param res the response
     * @throws Exception as {@link ApiHandler#handle}
     */
    default void put(ApiRequest req, ApiResponse res) throws Exception {
        throw new ApiException(405, "Method Not Allowed");
    }

    /**
     * Answers {@code PATCH}.
     *
     * @param req the request
     * @param res the response
     * @throws Exception as {@link ApiHandler#handle}
     */
    default void patch(ApiRequest req, ApiResponse res) throws Exception {
        throw new ApiException(405, "Method Not Allowed");
    }

    /**
     * Answers {@code DELETE}.
     *
     * @param req the request
     * @param res the response
     * @throws Exception as {@link ApiHandler#handle}
     */
    default void delete(ApiRequest req, ApiResponse res) throws Exception {
        throw new ApiException(405, "Method Not Allowed");
    }

    /**
     * Calls the method of the request's HTTP method. The server does not call it: it answers
     * 405, {@code HEAD} and {@code OPTIONS} itself, from the methods the class implements.
     *
     * @param req the request
     * @param res the response
     * @throws Exception as the method called
     */
    @Override
    default void handle(ApiRequest req, ApiResponse res) throws Exception {
        switch (req.method()) {
            case "GET", "HEAD" -> get(req, res);
            case "POST" -> post(req, res);
            case "PUT" -> put(req, res);
            case "PATCH" -> patch(req, res);
            case "DELETE" -> delete(req, res);
            default -> throw new ApiException(405, "Method Not Allowed");
        }
    }
}
