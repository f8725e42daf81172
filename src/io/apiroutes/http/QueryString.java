package io.apiroutes.http;

import io.apiroutes.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code a=1&b=2&a=3} (a query string or a form body) into names and their values, in order. */
public final class QueryString {
    private QueryString() {}

    /**
     * Parses a raw, still encoded, {@code application/x-www-form-urlencoded} string.
     *
     * @param raw the text; null or empty gives an empty map
     * @param maxFields the most fields accepted
     * @param what "query string" or "form body", for messages
     * @throws ApiException 400 for malformed escapes, 413 past {@code maxFields}
     */
    public static Map<String, List<String>> parse(String raw, int maxFields, String what) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return fields;
        }
        int count = 0;
        int start = 0;
        while (start <= raw.length()) {
            int amp = raw.indexOf('&', start);
            int end = amp < 0 ? raw.length() : amp;
            if (end > start) {
                if (++count > maxFields) {
                    throw new ApiException(413, "Too many fields in the " + what + " (at most " + maxFields + ")");
                }
                int eq = raw.indexOf('=', start);
                String name;
                String value;
                try {
                    if (eq < 0 || eq > end) {
                        name = PercentDecoding.decode(raw.substring(start, end), true);
                        value = "";
                    } else {
                        name = PercentDecoding.decode(raw.substring(start, eq), true);
                        value = PercentDecoding.decode(raw.substring(eq + 1, end), true);
                    }
                } catch (IllegalArgumentException e) {
                    throw new ApiException(400, "Malformed " + what + ": " + e.getMessage());
                }
                List<String> values = fields.get(name);
                if (values == null) {
                    values = new ArrayList<>(1);
                    fields.put(name, values);
                }
                values.add(value);
            }
            start = end + 1;
        }
        return fields;
    }
}
