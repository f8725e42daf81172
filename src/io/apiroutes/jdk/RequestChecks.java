package io.apiroutes.jdk;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.apiroutes.ApiException;
import io.apiroutes.exchange.RequestLimits;
import io.apiroutes.http.ByteSizes;
import io.apiroutes.http.HeaderText;
import java.util.List;
import java.util.Map;

/**
 * What the JDK's parser lets through and a server facing the internet must not: an unknown HTTP
 * version, a method that is not a token, a missing, doubled, empty or malformed {@code Host}, a
 * {@code Content-Length} that is not plain digits ({@code +5}), {@code Transfer-Encoding} on an
 * HTTP/1.0 request, control characters in header values, and too many or too large headers. Each
 * failure is an {@link ApiException}; the dispatcher closes the connection after it, since the
 * framing of what follows cannot be trusted. (The JDK itself refuses, with an HTML page, a doubled
 * {@code Content-Length}, {@code Content-Length} with {@code Transfer-Encoding}, and a coding
 * other than {@code chunked}: docs/security.md.) On apiroutes' engine, which refuses a malformed
 * head itself with the same rules ({@code http.HeaderText}), only the server's limits are checked.
 */
public final class RequestChecks {
    private RequestChecks() {}

    /**
     * Checks a request's head: its size against the server's limits always, its syntax unless
     * {@code syntaxChecked} (apiroutes' engine has refused a bad head before any handler runs).
     *
     * @throws ApiException 400, 431 or 505 naming what is wrong
     */
    public static void check(HttpExchange exchange, RequestLimits limits, boolean syntaxChecked) {
        String protocol = exchange.getProtocol();
        boolean http11 = "HTTP/1.1".equals(protocol);
        if (!syntaxChecked && !http11 && !"HTTP/1.0".equals(protocol)) {
            throw new ApiException(505, "HTTP version not supported: " + protocol);
        }
        if (!syntaxChecked && !HeaderText.isToken(exchange.getRequestMethod())) {
            throw new ApiException(400, "Invalid method");
        }
        Headers headers = exchange.getRequestHeaders();
        int count = 0;
        long bytes = 0;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            for (String value : header.getValue()) {
                count++;
                bytes += header.getKey().length() + value.length() + 4;
                if (!syntaxChecked && HeaderText.firstInvalidValueChar(value) >= 0) {
                    throw new ApiException(400, "Header " + header.getKey() + " has a control character in its value");
                }
            }
        }
        if (count > limits.maxHeaderCount()) {
            throw new ApiException(431, HeaderText.tooManyFields(limits.maxHeaderCount()));
        }
        if (bytes > limits.maxHeaderBytes()) {
            throw new ApiException(431, "Request headers too large (at most " + ByteSizes.format(limits.maxHeaderBytes()) + ")");
        }
        if (!syntaxChecked) {
            checkFraming(headers, http11);
        }
    }

    /** {@code Host}, {@code Content-Length} and {@code Transfer-Encoding} as RFC 9112 has them. */
    private static void checkFraming(Headers headers, boolean http11) {
        List<String> hosts = headers.get("Host");
        if (http11 && (hosts == null || hosts.size() != 1)) {
            throw new ApiException(400, hosts == null ? "Missing Host header" : "More than one Host header");
        }
        if (hosts != null && !hosts.isEmpty() && !HeaderText.isHost(hosts.get(0))) {
            throw new ApiException(400, "Invalid Host header");
        }
        String length = headers.getFirst("Content-Length");
        if (length != null && !HeaderText.isContentLength(length)) {
            throw new ApiException(400, "Content-Length must be digits only");
        }
        if (!http11 && headers.containsKey("Transfer-Encoding")) {
            throw new ApiException(400, "Transfer-Encoding is not allowed in an HTTP/1.0 request");
        }
    }
}
