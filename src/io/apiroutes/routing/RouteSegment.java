package io.apiroutes.routing;

/**
 * One segment of a route pattern: {@code users}, {@code [id]}, {@code [...path]} or
 * {@code [[...slug]]}.
 *
 * @param kind what the segment matches
 * @param text the literal text of a static segment, or the param name of the others
 */
record RouteSegment(Kind kind, String text) {

    /** What a segment matches, in precedence order: a kind earlier in the list wins. */
    enum Kind { STATIC, DYNAMIC, CATCH_ALL, OPTIONAL_CATCH_ALL }

    @Override
    public String toString() {
        // if, not switch: javac compiles a switch on an enum into a class file of its own
        if (kind == Kind.STATIC) {
            return text;
        }
        return kind == Kind.DYNAMIC ? "[" + text + "]" : kind == Kind.CATCH_ALL ? "[..." + text + "]" : "[[..." + text + "]]";
    }
}
