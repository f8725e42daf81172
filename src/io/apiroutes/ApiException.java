package io.apiroutes;

/**
 * An HTTP error a handler throws on purpose: it becomes the response {@code status} with the
 * JSON body {@code {"error": message}}, or with a body of the handler's own, such as a list of
 * field errors a client can act on.
 *
 * <pre>{@code
 * if (user == null) throw new ApiException(404, "User not found");
 * throw new ApiException(422, "Invalid order", Map.of("error", "Invalid order", "fields", errors));
 * }</pre>
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status of the response. */
    private final int status;

    /** The JSON body, or null for {@code {"error": message}}. */
    private final transient Object body;

    /**
     * Creates an HTTP error answered with {@code {"error": message}}.
     *
     * @param status an HTTP status from 400 to 599
     * @param message the text of the {@code error} field, shown to the client
     * @throws IllegalArgumentException if {@code status} is not from 400 to 599
     */
    public ApiException(int status, String message) {
        this(status, message, null);
    }

    /**
     * Creates an HTTP error answered with a JSON body of the handler's own.
     *
     * @param status an HTTP status from 400 to 599
     * @param message what went wrong, for the log and {@link #getMessage()}
     * @param body the value sent as JSON; null for {@code {"error": message}}
     * @throws IllegalArgumentException if {@code status} is not from 400 to 599
     */
    public ApiException(int status, String message, Object body) {
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("An error status must be from 400 to 599, not " + status);
        }
        this.status = status;
        this.body = body;
    }

    /**
     * Returns the HTTP status of the response.
     *
     * @return the status, from 400 to 599
     */
    public int status() {
        return status;
    }

    /**
     * Returns the JSON body the error is answered with.
     *
     * @return the handler's body, or null for {@code {"error": message}}
     */
    public Object body() {
        return body;
    }
}
