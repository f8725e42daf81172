package io.apiroutes.json;


/**
 * Thrown when text is not valid JSON, when a JSON tree does not fit a target type, or when a
 * value cannot be written as JSON. The message says what was expected and where.
 *
 * <p>A parse error has a position and a message such as
 * {@code Unexpected character '}' at 1:12 (offset 11), expected a value}: {@link #offset()},
 * {@link #line()} and {@link #column()} return it, and {@link #path()} returns null. A binding
 * error has a JSON path instead and a message that starts with it, such as
 * {@code $.items[2].price: expected a number, got "abc"}; its position accessors return -1. A
 * writing error names the type it could not write and, below the top level, the path where it
 * met it.
 *
 * <pre>{@code
 * try {
 *     Order order = Json.read(body, Order.class);
 * } catch (JsonException e) {
 *     throw new ApiException(400, e.getMessage());
 * }
 * }</pre>
 */
public final class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The 0-based offset of a parse error, or -1. */
    private final int offset;
    /** The 1-based line of a parse error, or -1. */
    private final int line;
    /** The 1-based column of a parse error, or -1. */
    private final int column;
    /** The JSON path of a binding or writing error, or null. */
    private final String path;
    /** Whether the text was refused for the memory its value would take. */
    private final boolean tooComplex;

    /** A parse error at a position of the input. */
    JsonException(String message, int offset, int line, int column, boolean tooComplex) {
        super(message);
        this.offset = offset;
        this.line = line;
        this.column = column;
        this.path = null;
        this.tooComplex = tooComplex;
    }

    /** A binding or writing error at a JSON path ({@code $} for the root), or at none. */
    JsonException(String message, String path) {
        this(message, path, null);
    }

    /** A binding error caused by another exception, such as a record constructor's check. */
    JsonException(String message, String path, Throwable cause) {
        super(message, cause);
        this.offset = -1;
        this.line = -1;
        this.column = -1;
        this.path = path;
        this.tooComplex = false;
    }

    /**
     * Returns where in the input a parse error was found: the byte offset for byte input, the
     * {@code char} index for {@code String} input.
     *
     * @return the 0-based offset, or -1 for an error that is not a parse error
     */
    public int offset() {
        return offset;
    }

    /**
     * Returns the line of a parse error; lines end at {@code \n}, {@code \r\n} or {@code \r}.
     *
     * @return the 1-based line, or -1 for an error that is not a parse error
     */
    public int line() {
        return line;
    }

    /**
     * Returns the column of a parse error, counted in characters (code points) as an editor
     * shows them.
     *
     * @return the 1-based column, or -1 for an error that is not a parse error
     */
    public int column() {
        return column;
    }

    /**
     * Returns whether the text was refused because its parsed value would take more memory than
     * {@link Json#maxTreeBytes(long)} allows for its length, rather than for its syntax: a server
     * answers such a body with 413 rather than 400.
     *
     * @return true for a text refused as too complex
     */
    public boolean tooComplex() {
        return tooComplex;
    }

    /**
     * Returns the JSON path of a binding or writing error, such as {@code $.items[2].price}.
     *
     * @return the path, {@code $} for the root, or null for a parse error
     */
    public String path() {
        return path;
    }
}
