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
 */
public record RouteConfig(boolean bodyParser, long bodySizeLimit, long responseSizeWarning, Duration timeLimit) {

    /** 1 MiB, Next.js's default {@code sizeLimit} of {@code "1mb"}. */
    public static final long DEFAULT_BODY_SIZE_LIMIT = 1024 * 1024;

    /** 4 MiB, Next.js's default {@code responseLimit}. */
    public static final long DEFAULT_RESPONSE_SIZE_WARNING = 4 * 1024 * 1024;

    /** 30 seconds, the time a client has to send its request. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(30);

    private static final RouteConfig DEFAULTS =
            new RouteConfig(true, DEFAULT_BODY_SIZE_LIMIT, DEFAULT_RESPONSE_SIZE_WARNING, DEFAULT_TIME_LIMIT);

    /**
     * Checks the settings.
     *
     * @param bodyParser whether the body is read and parsed before the handler runs
     * @param bodySizeLimit the largest request body accepted, in bytes
     * @param responseSizeWarning the response size from which a warning is logged; 0 for none
     * @param timeLimit how long the handler may take before it starts its answer, more than zero
     * @throws IllegalArgumentException if a size is negative or the time limit is not positive
     */
    public RouteConfig {
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (timeLimit.isZero() || timeLimit.isNegative()) {
            throw new IllegalArgumentException("timeLimit must be positive: " + timeLimit);
        }
        if (bodySizeLimit < 0) {
            throw new IllegalArgumentException("bodySizeLimit must not be negative: " + bodySizeLimit);
        }
        if (responseSizeWarning < 0) {
            throw new IllegalArgumentException("responseSizeWarning must not be negative: " + responseSizeWarning);
        }
    }

    /**
     * Returns the defaults: body parser on, a 1 MiB body limit, a warning past 4 MiB of response.
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
        return new RouteConfig(false, bodySizeLimit, responseSizeWarning, timeLimit);
    }

    /**
     * Returns these settings with another body size limit.
     *
     * @param bytes the largest body accepted, in bytes
     * @return a copy with the new limit
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public RouteConfig withBodySizeLimit(long bytes) {
        return new RouteConfig(bodyParser, bytes, responseSizeWarning, timeLimit);
    }

    /**
     * Returns these settings with another response size warning.
     *
     * @param bytes the response size from which a warning is logged; 0 for none
     * @return a copy with the new threshold
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public RouteConfig withResponseSizeWarning(long bytes) {
        return new RouteConfig(bodyParser, bodySizeLimit, bytes, timeLimit);
    }

    /**
     * Returns these settings with another time limit for the handler to start its answer.
     *
     * @param timeLimit more than zero; the handler's thread is interrupted when it runs out
     * @return a copy with the new time limit
     * @throws IllegalArgumentException if {@code timeLimit} is not positive
     */
    public RouteConfig withTimeLimit(Duration timeLimit) {
        return new RouteConfig(bodyParser, bodySizeLimit, responseSizeWarning, timeLimit);
    }

    /** The limit as Next.js words it: {@code 1mb}, {@code 512kb}, {@code 100b}. */
    String bodySizeLimitText() {
        return ByteSizes.format(bodySizeLimit);
    }
}
