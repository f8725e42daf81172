package io.apiroutes.exchange;

/**
 * Limits checked on every request before a handler runs.
 *
 * @param maxHeaderCount the most header lines; more gets 431
 * @param maxHeaderBytes the most bytes of header names and values; more gets 431
 * @param maxFormFields the most fields in a form body or query string; more gets 413
 * @param maxJsonDepth the deepest nesting of a JSON body; deeper gets 400
 */
public record RequestLimits(int maxHeaderCount, int maxHeaderBytes, int maxFormFields, int maxJsonDepth) {
    public static final RequestLimits DEFAULTS = new RequestLimits(100, 16 * 1024, 1000, 512);
}
