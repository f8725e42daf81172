package io.apiroutes.http;

import io.apiroutes.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a raw request path below {@code /api} into decoded segments, refusing anything that
 * could be read as another path: empty segments, {@code .} and {@code ..}, a decoded {@code /}
 * or {@code \}, control characters (C0, DEL and C1), and malformed escapes. One trailing slash is ignored.
 */
public final class RequestPath {
    private static final String[] NO_SEGMENTS = new String[0];

    private RequestPath() {}

    /**
     * The decoded segments after {@code /api}.
     *
     * @param rawPath the path as sent, still percent-encoded; {@code /api} or starting with {@code /api/}
     * @throws ApiException 400 naming what is wrong with the path
     */
    public static String[] segments(String rawPath) {
        if (rawPath.length() <= 5) {
            return NO_SEGMENTS; // "/api" or "/api/"
        }
        int end = rawPath.length();
        if (rawPath.charAt(end - 1) == '/') {
            end--;
        }
        List<String> segments = new ArrayList<>(8);
        int start = 5;
        while (start <= end) {
            int slash = rawPath.indexOf('/', start);
            int stop = slash < 0 || slash > end ? end : slash;
            segments.add(segment(rawPath.substring(start, stop)));
            start = stop + 1;
        }
        return segments.toArray(NO_SEGMENTS);
    }

    private static String segment(String raw) {
        if (raw.isEmpty()) {
            throw new ApiException(400, "Invalid path: empty segment");
        }
        String decoded;
        try {
            decoded = PercentDecoding.decode(raw, false);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "Invalid path: " + e.getMessage());
        }
        if (decoded.equals(".") || decoded.equals("..")) {
            throw new ApiException(400, "Invalid path: '.' and '..' segments are not allowed");
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c == '/' || c == '\\') {
                throw new ApiException(400, "Invalid path: an encoded '/' or '\\' is not allowed in a segment");
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                throw new ApiException(400, "Invalid path: control characters are not allowed");
            }
        }
        return decoded;
    }
}
