package io.apiroutes.http1;

import java.net.ProtocolException;

/**
 * The one refusal of a request the engine cannot serve: its status, its message (the JSON error's
 * text: ASCII, no quotes or backslashes) and whether the connection may go on. Every refusal of a
 * head or of a body's framing closes the connection, since what follows cannot be trusted.
 */
final class RequestException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final boolean keepAlive;

    RequestException(int status, String message) {
        this(status, message, false);
    }

    RequestException(int status, String message, boolean keepAlive) {
        super(message);
        this.status = status;
        this.keepAlive = keepAlive;
    }

    int status() {
        return status;
    }

    boolean keepAlive() {
        return keepAlive;
    }
}
