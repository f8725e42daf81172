package io.apiroutes.http1;

import java.net.URI;

/**
 * A request head as {@link HeadParser} read it: nothing in it was taken on trust.
 *
 * @param method a token
 * @param uri the target: origin form, absolute form, or {@code *} for {@code OPTIONS}
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers the header fields, read-only
 * @param bodyLength the body's length: 0 for none, -1 for chunked
 */
record RequestHead(String method, URI uri, String version, RequestHeaders headers, long bodyLength) {}
