package io.apiroutes;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.util.List;
import java.util.Map;

/**
 * What the JDK's parser lets through and a server facing the internet must not: an unknown HTTP
 * version, a method that is not a token, a missing or doubled {@code Host}, a {@code Content-Length}
 * that is not plain digits or is given twice, {@code Content-Length} with {@code Transfer-Encoding},
 * a transfer coding other than {@code chunked}, control characters in header values, and too many
 * or too large headers. Each failure is an {@link ApiException}; the dispatcher closes the
 * connection after it, since the framing of what follows cannot be trusted.
 */
final class RequestChecks {
    private RequestChecks() {}

    static void check(HttpExchange exchange, RequestLimits limits) {
        String protocol = exchange.getProtocol();
        boolean http11 = "HTTP/1.1".equals(protocol);
        if (!http11 && !"HTTP/1.0".equals(protocol)) {
            throw new ApiException(505, "HTTP version not supported: " + protocol);
        }
        if (!HeaderText.isToken(exchange.getRequestMethod())) {
            throw new ApiException(400, "Invalid method");
        }
        Headers headers = exchange.getRequestHeaders();
        int count = 0;
        long bytes = 0;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            for (String value : header.getValue()) {
                count++;
                bytes += header.getKey().length() + value.length() + 4;
                if (HeaderText.firstInvalidValueChar(value) >= 0) {
                    throw new ApiException(400, "Header " + header.getKey() + " has a control character in its value");
                }
            }
        }
        if (count > limits.maxHeaderCount()) {
            throw new ApiException(431, "Too many headers (at most " + limits.maxHeaderCount() + ")");
        }
        if (bytes > limits.maxHeaderBytes()) {
            throw new ApiException(431, "Request headers too large (at most " + ByteSizes.format(limits.maxHeaderBytes()) + ")");
        }
        List<String> hosts = headers.get("Host");
        if (http11 && (hosts == null || hosts.size() != 1)) {
            throw new ApiException(400, hosts == null ? "Missing Host header" : "More than one Host header");
        }
        List<String> lengths = headers.get("Content-Length");
        List<String> encodings = headers.get("Transfer-Encoding");
        if (lengths != null) {
            if (encodings != null) {
                throw new ApiException(400, "Content-Length and Transfer-Encoding together");
            }
            if (lengths.size() != 1) {
                throw new ApiException(400, "More than one Content-Length header");
            }
            String length = lengths.get(0);
            if (length.isEmpty() || length.length() > 18 || !length.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new ApiException(400, "Content-Length must be digits only");
            }
        }
        if (encodings != null && (encodings.size() != 1 || !encodings.get(0).equalsIgnoreCase("chunked"))) {
            throw new ApiException(501, "Unsupported Transfer-Encoding (only chunked)");
        }
    }
}
