package io.apiroutes.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * The naming convention that maps a handler class to its route: package {@code api} is
 * {@code /api}, sub-packages are segments, {@code UserProfile} is {@code user-profile},
 * {@code Index} is the package's own route, {@code _id} is {@code [id]}, {@code __path} is
 * {@code [...path]}, {@code ___slug} is {@code [[...slug]]}, and a trailing {@code _} escapes a
 * Java keyword ({@code default_} is {@code default}).
 */
public final class RouteNaming {
    public static final String ROOT_PACKAGE = "api";

    private RouteNaming() {}

    /**
     * The route of a handler class.
     *
     * @throws IllegalArgumentException naming the class and why, when the convention cannot read it
     */
    public static RoutePattern patternOf(String className) {
        if (!className.startsWith(ROOT_PACKAGE + ".")) {
            throw new IllegalArgumentException("handler " + className + " is not in package " + ROOT_PACKAGE
                    + " or below it; add it with ApiRoutes.builder().route(path, handler) instead");
        }
        String[] names = className.substring(ROOT_PACKAGE.length() + 1).split("\\.");
        List<RouteSegment> segments = new ArrayList<>();
        try {
            for (int i = 0; i < names.length; i++) {
                boolean isClass = i == names.length - 1;
                if (isClass && names[i].equals("Index")) {
                    continue;
                }
                segments.add(segmentOf(names[i]));
            }
            return new RoutePattern(segments);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot map handler " + className + " to a route: " + e.getMessage(), e);
        }
    }

    private static RouteSegment segmentOf(String name) {
        if (name.indexOf('$') >= 0) {
            throw new IllegalArgumentException("'" + name + "' is a nested class; handlers must be top-level classes");
        }
        String unescaped = name.endsWith("_") && name.length() > 1 && !name.equals("__") && !name.equals("___")
                ? name.substring(0, name.length() - 1)
                : name;
        if (unescaped.startsWith("___")) {
            return RoutePattern.param(RouteSegment.Kind.OPTIONAL_CATCH_ALL, unescaped.substring(3), "'" + name + "'");
        }
        if (unescaped.startsWith("__")) {
            return RoutePattern.param(RouteSegment.Kind.CATCH_ALL, unescaped.substring(2), "'" + name + "'");
        }
        if (unescaped.startsWith("_")) {
            return RoutePattern.param(RouteSegment.Kind.DYNAMIC, unescaped.substring(1), "'" + name + "'");
        }
        return new RouteSegment(RouteSegment.Kind.STATIC, kebabCase(unescaped, name));
    }

    /** {@code UserProfile} to {@code user-profile}, {@code HTTPStatus} to {@code http-status}, {@code v2} stays. */
    static String kebabCase(String name, String original) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean upper = c >= 'A' && c <= 'Z';
            boolean lowerOrDigit = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!upper && !lowerOrDigit) {
                throw new IllegalArgumentException("'" + original + "' has a character the convention cannot map: '"
                        + c + "' (use letters and digits: UserProfile becomes user-profile)");
            }
            if (upper && i > 0) {
                char before = name.charAt(i - 1);
                boolean beforeUpper = before >= 'A' && before <= 'Z';
                boolean nextLower = i + 1 < name.length() && name.charAt(i + 1) >= 'a' && name.charAt(i + 1) <= 'z';
                if (!beforeUpper || nextLower) {
                    out.append('-');
                }
            }
            out.append(upper ? (char) (c + ('a' - 'A')) : c);
        }
        return out.toString();
    }
}
