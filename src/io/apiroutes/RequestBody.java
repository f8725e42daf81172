package io.apiroutes;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Reads a request body within a size limit: a declared {@code Content-Length} over the limit is
 * refused before a byte is read, and a chunked body is refused as soon as it grows past the
 * limit, so memory stays bounded by the limit whatever the client sends.
 */
final class RequestBody {
    private static final byte[] EMPTY = new byte[0];

    private RequestBody() {}

    /** Whether the request declares a body at all. */
    static boolean present(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        return (length != null && !length.equals("0")) || exchange.getRequestHeaders().containsKey("Transfer-Encoding");
    }

    /**
     * Reads the end of a request that declares no body, which costs no I/O. The JDK keeps a
     * connection open only when the body was read to its end, and with {@code drainAmount=0}
     * (see {@link ServerDefaults}) it no longer reads that end itself: without this, every
     * {@code GET} would close its connection.
     *
     * @throws ClientIOException when the client went away
     */
    static void readEnd(HttpExchange exchange) {
        try {
            exchange.getRequestBody().read();
        } catch (IOException e) {
            throw new ClientIOException(e);
        }
    }

    /**
     * Reads the whole body.
     *
     * @throws ApiException 413 when the body is larger than {@code limit}
     * @throws UncheckedIOException when the client goes away mid-body
     */
    static byte[] read(HttpExchange exchange, long limit, String limitText) {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        long expected = -1;
        if (declared != null) {
            expected = Long.parseLong(declared); // digits only: checked by RequestChecks
            if (expected > limit) {
                throw tooLarge(limitText);
            }
            if (expected == 0) {
                readEnd(exchange);
                return EMPTY;
            }
        }
        // Not closed on failure: closing drains what is left, which a 413 must not wait for.
        InputStream in = exchange.getRequestBody();
        try {
            byte[] buffer = new byte[(int) Math.min(expected > 0 ? expected : 8192, 64 * 1024)];
            int length = 0;
            while (true) {
                if (length == buffer.length) {
                    if (length > limit) {
                        throw tooLarge(limitText);
                    }
                    long grown = Math.min((long) buffer.length * 2, limit + 1);
                    if (grown <= length) {
                        grown = length + 1;
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min(grown, Integer.MAX_VALUE - 8));
                }
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
                if (length > limit) {
                    throw tooLarge(limitText);
                }
            }
            if (expected >= 0 && length < expected) {
                throw new ClientIOException(new IOException("body ended after " + length + " of " + expected + " bytes"));
            }
            return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
        } catch (IOException e) {
            throw new ClientIOException(e);
        } catch (IndexOutOfBoundsException e) {
            // The JDK's ChunkedInputStream reads a chunk size past Integer.MAX_VALUE as a negative int.
            throw new ApiException(400, "Malformed chunked body: chunk size out of range");
        }
    }

    private static ApiException tooLarge(String limitText) {
        return new ApiException(413, "Body exceeded " + limitText + " limit");
    }
}
