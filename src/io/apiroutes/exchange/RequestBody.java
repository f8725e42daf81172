package io.apiroutes.exchange;

import io.apiroutes.ApiException;
import io.apiroutes.http.ByteSizes;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

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
        InputStream raw = exchange.http.getRequestBody();
        InputStream in = decoded(exchange, raw);
        expected = in != raw ? -1 : expected; // the limit is on decoded bytes, which only reading them tells
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
        if (in != raw) {
            decodedToTheEnd(exchange, raw, in);
        }
        if (expected >= 0 && length < expected) {
            exchange.drop();
            throw new ClientIOException(new IOException("body ended after " + length + " of " + expected + " bytes"));
        }
        return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
    }

    /**
     * The body decoded by its {@code Content-Encoding} for the body parser: {@code gzip} or
     * {@code deflate} (zlib's format, RFC 9110); a route without the parser reads the bytes as sent
     * (a webhook's signature is over those).
     *
     * @throws ApiException 415 for any other encoding
     */
    private static InputStream decoded(Exchange exchange, InputStream raw) {
        String encoding = exchange.http.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding == null || encoding.isBlank() || encoding.strip().equalsIgnoreCase("identity")
                || !exchange.config().bodyParser()) {
            return raw;
        }
        encoding = encoding.strip().toLowerCase(Locale.ROOT);
        if (encoding.equals("deflate")) {
            return new InflaterInputStream(raw);
        }
        if (!encoding.equals("gzip") && !encoding.equals("x-gzip")) {
            throw new ApiException(415, "Unsupported Content-Encoding (gzip, deflate or identity)");
        }
        byte[] header = new byte[10];
        int got = 0;
        for (int n = 0; got < 10 && n >= 0; got += Math.max(n, 0)) {
            n = exchange.read(raw, header, got, 10 - got);
        }
        try { // the header read through the exchange first: GZIPInputStream's constructor would read it unguarded
            PushbackInputStream headed = new PushbackInputStream(raw, 10); // not a SequenceInputStream, which closes raw at its end
            headed.unread(header, 0, got);
            return new GZIPInputStream(headed);
        } catch (IOException e) {
            throw new ApiException(400, "Malformed body: not in its Content-Encoding");
        }
    }

    /**
     * Checks that the decoder's end is the body's: the connection's next request must not start
     * inside this body. Then frees the decoder's memory.
     *
     * @throws ApiException 400 when data follows the compressed stream
     */
    private static void decodedToTheEnd(Exchange exchange, InputStream raw, InputStream decoder) {
        if (exchange.read(raw, new byte[1], 0, 1) >= 0) {
            throw new ApiException(400, "Malformed body: data after its Content-Encoding's end");
        }
        try {
            decoder.close();
        } catch (IOException e) {
            // the raw body is at its end: nothing is lost
        }
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException(413, "Body exceeded " + ByteSizes.format(limit) + " limit");
    }
}
