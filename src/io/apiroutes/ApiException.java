package io.apiroutes;

/**
 * An HTTP error a handler throws on purpose: it becomes the response
 * {@code status} with the JSON body {@code {"error": message}}.
 *
 * <pre>{@code
 * if (user == null) throw new ApiException(404, "User not found");
 * }</pre>
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status of the response. */
    private final int status;

    /**
     * Creates an HTTP error.
     *
     * @param status an HTTP status from 400 to 599
     * @param message the text of the {@code error} field, shown to the client
     * @throws IllegalArgumentException if {@code status} is not from 400 to 599
     */
    public ApiException(int status, String message) {
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("An error status must be from 400 to 599, not " + status);
        }
        this.status = status;
    }

    /**
     * Returns the HTTP status of the response.
     *
     * @return the status, from 400 to 599
     */
    public int status() {
        return status;
    }
}
