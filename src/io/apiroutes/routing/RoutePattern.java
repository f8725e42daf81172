package io.apiroutes.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A route as Next.js writes it, {@code /api/users/[id]}: the segments after {@code /api}.
 *
 * @param segments the segments below {@code /api}, none for {@code /api} itself
 */
public record RoutePattern(List<RouteSegment> segments) {

    /** Besides ASCII letters and digits, what a static segment may hold: RFC 3986's pchar, unencoded. */
    private static final String STATIC_PUNCTUATION = "._~!$&'()*+,;=:@-";

    public RoutePattern {
        segments = List.copyOf(segments);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < segments.size(); i++) {
            RouteSegment segment = segments.get(i);
            boolean catchAll = segment.kind() == RouteSegment.Kind.CATCH_ALL
                    || segment.kind() == RouteSegment.Kind.OPTIONAL_CATCH_ALL;
            if (catchAll && i != segments.size() - 1) {
                throw new IllegalArgumentException("a catch-all segment must be the last one: " + segment);
            }
            if (segment.kind() != RouteSegment.Kind.STATIC && !names.add(segment.text())) {
                throw new IllegalArgumentException("the param name '" + segment.text() + "' appears twice");
            }
        }
    }

    /**
     * Reads a pattern written as in Next.js: {@code /api}, {@code /api/users/[id]},
     * {@code /api/files/[...path]}, {@code /api/docs/[[...slug]]}.
     */
    public static RoutePattern parse(String path) {
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            throw new IllegalArgumentException("a route must start with /api: " + path);
        }
        String rest = path.substring(4);
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        List<RouteSegment> segments = new ArrayList<>();
        if (!rest.isEmpty()) {
            for (String part : rest.substring(1).split("/", -1)) {
                segments.add(parseSegment(part, path));
            }
        }
        return new RoutePattern(segments);
    }

    private static RouteSegment parseSegment(String part, String path) {
        if (part.startsWith("[[...") && part.endsWith("]]")) {
            return param(RouteSegment.Kind.OPTIONAL_CATCH_ALL, part.substring(5, part.length() - 2), path);
        }
        if (part.startsWith("[...") && part.endsWith("]")) {
            return param(RouteSegment.Kind.CATCH_ALL, part.substring(4, part.length() - 1), path);
        }
        if (part.startsWith("[") && part.endsWith("]")) {
            return param(RouteSegment.Kind.DYNAMIC, part.substring(1, part.length() - 1), path);
        }
        if (!madeOf(part, STATIC_PUNCTUATION) || part.equals(".") || part.equals("..")) {
            throw new IllegalArgumentException("'" + part + "' is not a valid path segment in " + path);
        }
        return new RouteSegment(RouteSegment.Kind.STATIC, part);
    }

    static RouteSegment param(RouteSegment.Kind kind, String name, String where) {
        if (!madeOf(name, "_") || name.charAt(0) == '_') {
            throw new IllegalArgumentException("'" + name + "' is not a valid param name in " + where
                    + " (letters, digits and _, not first)");
        }
        return new RouteSegment(kind, name);
    }

    /**
     * Whether text is not empty and made of ASCII letters, digits and the others given. A loop, not a
     * regular expression: it runs at every start, where compiling one links a dozen lambdas.
     */
    private static boolean madeOf(String text, String others) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || others.indexOf(c) >= 0)) {
                return false;
            }
        }
        return !text.isEmpty();
    }

    /** The pattern as Next.js writes it, {@code /api/users/[id]}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("/api");
        for (RouteSegment segment : segments) {
            text.append('/').append(segment);
        }
        return text.toString();
    }
}
