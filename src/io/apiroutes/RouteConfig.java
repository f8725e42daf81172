package io.apiroutes;

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
 * @param responseSizeWarning a response body larger than this many bytes is logged as a warning
 *     (Next.js's {@code responseLimit}); 0 turns the warning off
 */
public record RouteConfig(boolean bodyParser, long bodySizeLimit, long responseSizeWarning) {

    /** 1 MiB, Next.js's default {@code sizeLimit} of {@code "1mb"}. */
    public static final long DEFAULT_BODY_SIZE_LIMIT = 1024 * 1024;

    /** 4 MiB, Next.js's default {@code responseLimit}. */
    public static final long DEFAULT_RESPONSE_SIZE_WARNING = 4 * 1024 * 1024;

    private static final RouteConfig DEFAULTS =
            new RouteConfig(true, DEFAULT_BODY_SIZE_LIMIT, DEFAULT_RESPONSE_SIZE_WARNING);

    /**
     * Checks the settings.
     *
     * @param bodyParser whether the body is read and parsed before the handler runs
     * @param bodySizeLimit the largest request body accepted, in bytes
     * @param responseSizeWarning the response size past which a warning is logged; 0 for none
     * @throws IllegalArgumentException if a size is negative
     */
    public RouteConfig {
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
        return new RouteConfig(false, bodySizeLimit, responseSizeWarning);
    }

    /**
     * Returns these settings with another body size limit.
     *
     * @param bytes the largest body accepted, in bytes
     * @return a copy with the new limit
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public RouteConfig withBodySizeLimit(long bytes) {
        return new RouteConfig(bodyParser, bytes, responseSizeWarning);
    }

    /**
     * Returns these settings with another response size warning.
     *
     * @param bytes the response size past which a warning is logged; 0 for none
     * @return a copy with the new threshold
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public RouteConfig withResponseSizeWarning(long bytes) {
        return new RouteConfig(bodyParser, bodySizeLimit, bytes);
    }

    /** The limit as Next.js words it: {@code 1mb}, {@code 512kb}, {@code 100b}. */
    String bodySizeLimitText() {
        return ByteSizes.format(bodySizeLimit);
    }
}
