package io.apiroutes.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The client went away mid-body or mid-response: nothing more can be sent, and it is not a server error. */
public final class ClientIOException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    public ClientIOException(IOException cause) {
        super(cause.getMessage(), cause);
    }
}
