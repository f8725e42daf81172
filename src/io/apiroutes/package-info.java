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
 * <p>The module exports this package, {@link io.apiroutes.json}, {@link io.apiroutes.testing}
 * and {@link io.apiroutes.engine}; the others are the implementation, in packages named for their
 * job, and may change in any release.
 */
package io.apiroutes;
