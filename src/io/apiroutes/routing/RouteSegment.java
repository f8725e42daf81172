package io.apiroutes.routing;

/**
 * One segment of a route pattern: {@code users}, {@code [id]}, {@code [...path]} or
 * {@code [[...slug]]}.
 *
 * @param kind what the segment matches
 * @param text the literal text of a static segment, or the param name of the others
 */
record RouteSegment(Kind kind, String text) {

    /**
     * What a segment matches, in precedence order: a kind earlier in the list wins; with the
     * brackets that mark it in a pattern.
     */
    enum Kind {
        STATIC("", ""), DYNAMIC("[", "]"), CATCH_ALL("[...", "]"), OPTIONAL_CATCH_ALL("[[...", "]]");

        private final String open;
        private final String close;

        Kind(String open, String close) {
            this.open = open;
            this.close = close;
        }
    }

    @Override
    public String toString() {
        return kind.open + text + kind.close;
    }
}
