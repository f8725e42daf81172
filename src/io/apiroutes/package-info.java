/**
 * The public face of apiroutes: handlers, their request and response, the route table,
 * and the server that serves it; JSON is in {@link io.apiroutes.json}.
 *
 * <pre>{@code
 * package api;
 *
 * public final class Hello implements ApiHandler {
 *     record Message(String message) {}
 *
 *     public void handle(ApiRequest req, ApiResponse res) {
 *         res.status(200).json(new Message("Hello from Java!"));
 *     }
 * }
 * }</pre>
 *
 * <p>Everything that is not public in this package is an internal detail.
 */
package io.apiroutes;
