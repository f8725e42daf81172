package io.apiroutes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code Cookie} headers as the {@code cookie} package behind Next.js does: pairs split on
 * {@code ;}, the first value of a name wins, quoted values are unquoted, percent-escapes are
 * decoded when they are valid, and pieces without a name or an {@code =} are skipped.
 */
final class Cookies {
    private Cookies() {}

    static Map<String, String> parse(List<String> headers) {
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : headers) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = pair.substring(0, eq).trim();
                if (name.isEmpty() || cookies.containsKey(name)) {
                    continue;
                }
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                    value = value.substring(1, value.length() - 1);
                }
                if (value.indexOf('%') >= 0) {
                    try {
                        value = PercentDecoding.decode(value, false);
                    } catch (IllegalArgumentException e) {
                        // keep the raw value, as the cookie package does when decoding fails
                    }
                }
                cookies.put(name, value);
            }
        }
        return Collections.unmodifiableMap(cookies);
    }
}
