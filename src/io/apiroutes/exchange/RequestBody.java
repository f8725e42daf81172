package io.apiroutes.exchange;

import io.apiroutes.ApiException;
import io.apiroutes.http.ByteSizes;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body within a size limit and the server's memory budget: a declared
 * {@code Content-Length} over the limit is refused before a byte is read, a chunked body as soon
 * as it grows past the limit, and the buffer grows only as bytes arrive, each step charged to
 * the budget first, so that a client that declares much and sends little holds little.
 */
final class RequestBody {
    /** The first buffer; it then doubles, up to the declared length or the limit. */
    private static final int STEP = 64 * 1024;

    private RequestBody() {}

    /**
     * Reads the whole body of a request that declared one.
     *
     * @throws ApiException 413 when the body is larger than {@code routeLimit} (or than an array
     *     holds, 2 GiB less 16 bytes); 400 for a chunk size
     *     the JDK cannot read; 503 when the server's memory is taken
     * @throws ClientIOException when the client goes away mid-body
     */
    static byte[] read(Exchange exchange, long routeLimit) {
        long limit = Math.min(routeLimit, Integer.MAX_VALUE - 16); // a body read whole fits one array
        String declared = exchange.http.getRequestHeaders().getFirst("Content-Length");
        long expected = declared == null ? -1 : Long.parseLong(declared); // digits only: RequestChecks
        if (expected > limit) {
            throw tooLarge(limit);
        }
        // Not closed on failure: closing drains what is left, which a 413 must not wait for.
        InputStream in = exchange.http.getRequestBody();
        byte[] buffer = new byte[0];
        int length = 0;
        try {
            while (true) {
                if (length == buffer.length) {
                    if (length == expected || length > limit) {
                        // One more read: it sees the end (which the JDK needs to keep the connection) or a body too long.
                        if (exchange.read(in, new byte[1], 0, 1) < 0) {
                            break;
                        }
                        throw tooLarge(limit);
                    }
                    long grown = Math.min(expected >= 0 ? expected : limit + 1, Math.max(STEP, 2L * length));
                    exchange.chargeBuffer(grown - length);
                    buffer = Arrays.copyOf(buffer, (int) grown);
                }
                int n = exchange.read(in, buffer, length, buffer.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
            }
        } catch (IndexOutOfBoundsException e) {
            // The JDK's ChunkedInputStream reads a chunk size past Integer.MAX_VALUE as a negative int.
            throw new ApiException(400, "Malformed chunked body: chunk size out of range");
        }
        if (length > limit) {
            throw tooLarge(limit);
        }
        if (expected >= 0 && length < expected) {
            exchange.drop();
            throw new ClientIOException(new IOException("body ended after " + length + " of " + expected + " bytes"));
        }
        return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException(413, "Body exceeded " + ByteSizes.format(limit) + " limit");
    }
}
