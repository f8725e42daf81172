package io.apiroutes.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A route as Next.js writes it, {@code /api/users/[id]}: the segments after {@code /api}.
 *
 * @param segments the segments below {@code /api}, none for {@code /api} itself
 */
public record RoutePattern(List<RouteSegment> segments) {

    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_]*");
    private static final Pattern STATIC_TEXT = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@-]+");

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
        if (!STATIC_TEXT.matcher(part).matches() || part.equals(".") || part.equals("..")) {
            throw new IllegalArgumentException("'" + part + "' is not a valid path segment in " + path);
        }
        return new RouteSegment(RouteSegment.Kind.STATIC, part);
    }

    static RouteSegment param(RouteSegment.Kind kind, String name, String where) {
        if (!PARAM_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid param name in " + where
                    + " (letters, digits and _, not first)");
        }
        return new RouteSegment(kind, name);
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
