package io.apiroutes;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-route settings, the counterpart of Next.js's {@code export const config = { api: ... }}.
 *
 * <pre>{@code
 * @Override
 * public RouteConfig config() {
 *     return RouteConfig.defaults().withoutBodyParser();   // raw body, e.g. to check a webhook signature
 * }
 * }</pre>
 *
 * @param bodyParser whether the body is read and parsed before the handler runs
 * @param bodySizeLimit the largest request body accepted, in bytes; a larger one gets 413
 * @param responseSizeWarning a response body of this many bytes or more is logged as a warning
 *     (Next.js's {@code responseLimit}); 0 turns the warning off
 * @param timeLimit how long the handler may take before it starts its answer: past it the client
 *     gets 503 {@code {"error":"Handler timed out after 30 s"}}, the connection closes, and the
 *     handler's thread is interrupted
 * @param streamTimeLimit how long a stream ({@link ApiResponse#stream}, {@link ApiResponse#sse()})
 *     may last from its first byte; then it is cut off and the handler's thread interrupted
 * @param etag whether {@code json} and {@code send} answers to {@code GET} and {@code HEAD} carry
 *     an {@code ETag} made from the body, and a matching {@code If-None-Match} gets 304 (Next.js's
 *     {@code generateEtags}); an {@code ETag} the handler sets itself is honoured either way
 * @param cors the route's CORS policy; null for the server's (none unless the server has one)
 * @param compress whether answers may be sent gzip-compressed to clients that accept it (above the
 *     server's threshold, for text, JSON, JavaScript, XML and SVG); off for a route whose answers
 *     reflect a secret beside what a client sends (BREACH)
 */
public record RouteConfig(boolean bodyParser, long bodySizeLimit, long responseSizeWarning, Duration timeLimit,
                          Duration streamTimeLimit, boolean etag, Cors cors, boolean compress) {

    /** 1 MiB, Next.js's default {@code sizeLimit} of {@code "1mb"}. */
    public static final long DEFAULT_BODY_SIZE_LIMIT = 1024 * 1024;

    /** 4 MiB, Next.js's default {@code responseLimit}. */
    public static final long DEFAULT_RESPONSE_SIZE_WARNING = 4 * 1024 * 1024;

    /** 30 seconds, the time a client has to send its request. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(30);

    /** 5 minutes: a server-sent-event stream that should last longer says so. */
    public static final Duration DEFAULT_STREAM_TIME_LIMIT = Duration.ofMinutes(5);

    private static final RouteConfig DEFAULTS = new RouteConfig(true, DEFAULT_BODY_SIZE_LIMIT,
            DEFAULT_RESPONSE_SIZE_WARNING, DEFAULT_TIME_LIMIT, DEFAULT_STREAM_TIME_LIMIT, true, null, true);

    /**
     * Checks the settings.
     *
     * @param bodyParser whether the body is read and parsed before the handler runs
     * @param bodySizeLimit the largest request body accepted, in bytes
     * @param responseSizeWarning the response size from which a warning is logged; 0 for none
     * @param timeLimit how long the handler may take before it starts its answer, more than zero
     * @param streamTimeLimit how long a stream may last, more than zero
     * @param etag whether answers carry an {@code ETag}
     * @param cors the route's CORS policy, or null
     * @param compress whether answers may be compressed
     * @throws IllegalArgumentException if a size is negative or a time limit is not positive
     */
    public RouteConfig {
        positive(timeLimit, "timeLimit");
        positive(streamTimeLimit, "streamTimeLimit");
        if (bodySizeLimit < 0) {
            throw new IllegalArgumentException("bodySizeLimit must not be negative: " + bodySizeLimit);
        }
        if (responseSizeWarning < 0) {
            throw new IllegalArgumentException("responseSizeWarning must not be negative: " + responseSizeWarning);
        }
    }

    private static void positive(Duration limit, String name) {
        if (Objects.requireNonNull(limit, name).isZero() || limit.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + limit);
        }
    }

    /**
     * Returns the defaults: body parser on, a 1 MiB body limit, a warning from 4 MiB of response,
     * 30 s for the handler, 5 minutes for a stream, ETags on, the server's CORS policy.
     *
     * @return the default settings
     */
    public static RouteConfig defaults() {
        return DEFAULTS;
    }

    /**
     * Returns these settings with the body parser off: the handler reads the raw body with
     * {@link ApiRequest#bodyBytes()} (still within the size limit) or from the exchange.
     *
     * @return a copy with {@code bodyParser} false
     */
    public RouteConfig withoutBodyParser() {
        return new RouteConfig(false, bodySizeLimit, responseSizeWarning, timeLimit, streamTimeLimit, etag, cors, compress);
    }

    /**
     * Returns these settings with another body size limit.
     *
     * @param bytes the largest body accepted, in bytes
     * @return a copy with the new limit
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public RouteConfig withBodySizeLimit(long bytes) {
        return new RouteConfig(bodyParser, bytes, responseSizeWarning, timeLimit, streamTimeLimit, etag, cors, compress);
    }

    /**
     * Returns these settings with another response size warning.
     *
     * @param bytes the response size from which a warning is logged; 0 for none
     * @return a copy with the new threshold
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public RouteConfig withResponseSizeWarning(long bytes) {
        return new RouteConfig(bodyParser, bodySizeLimit, bytes, timeLimit, streamTimeLimit, etag, cors, compress);
    }

    /**
     * Returns these settings with another time limit for the handler to start its answer.
     *
     * @param limit more than zero; the handler's thread is interrupted when it runs out
     * @return a copy with the new time limit
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    public RouteConfig withTimeLimit(Duration limit) {
        return new RouteConfig(bodyParser, bodySizeLimit, responseSizeWarning, limit, streamTimeLimit, etag, cors, compress);
    }

    /**
     * Returns these settings with another time limit for streams, e.g. an hour for server-sent events.
     *
     * @param limit more than zero
     * @return a copy with the new time limit
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    public RouteConfig withStreamTimeLimit(Duration limit) {
        return new RouteConfig(bodyParser, bodySizeLimit, responseSizeWarning, timeLimit, limit, etag, cors, compress);
    }

    /**
     * Returns these settings without ETags made from the body: no {@code ETag} header unless the
     * handler sets one, and then {@code If-None-Match} is compared with the handler's tag.
     *
     * @return a copy with {@code etag} false
     */
    public RouteConfig withoutEtag() {
        return new RouteConfig(bodyParser, bodySizeLimit, responseSizeWarning, timeLimit, streamTimeLimit, false, cors, compress);
    }

    /**
     * Returns these settings with compression off: every answer goes out as the handler wrote it.
     * For answers that hold a secret (a CSRF token) beside text the client chose, which a
     * compressed length would leak (BREACH).
     *
     * @return a copy with {@code compress} false
     */
    public RouteConfig withoutCompression() {
        return new RouteConfig(bodyParser, bodySizeLimit, responseSizeWarning, timeLimit, streamTimeLimit, etag, cors, false);
    }

    /**
     * Returns these settings with a CORS policy of the route's own, which replaces the server's.
     *
     * @param policy the policy, e.g. {@code Cors.allow("https://app.example.com")}
     * @return a copy with the policy
     */
    public RouteConfig withCors(Cors policy) {
        return new RouteConfig(bodyParser, bodySizeLimit, responseSizeWarning, timeLimit, streamTimeLimit, etag,
                Objects.requireNonNull(policy, "policy"), compress);
    }
}
