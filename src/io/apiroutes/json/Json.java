package io.apiroutes.json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads and writes JSON (RFC 8259), with no dependency beyond the JDK.
 *
 * <p>Writing: maps, iterables, arrays, records (components in declaration order), public
 * classes with getters or public fields (properties in alphabetical order), strings, numbers,
 * booleans, null, enums (by name), {@code Optional}s, {@code UUID}, {@code URI} and the
 * {@code java.time} types (ISO-8601 {@code toString()}); {@code byte[]} becomes a base64 string.
 * Reading: objects become unmodifiable {@code Map<String, Object>}s in document order (a
 * duplicate key keeps its last value, as {@code JSON.parse}), arrays unmodifiable
 * {@code List<Object>}s, integers {@code Long} or {@code BigInteger}, other numbers
 * {@code Double} when their digits are the double's shortest form and {@code BigDecimal}
 * otherwise. A text whose value would take more than {@link #maxTreeBytes(long)} is refused.
 * Binding maps such a tree onto records, collections and the scalar types above.
 *
 * <pre>{@code
 * record Item(String sku, int qty) {}
 * record Order(String id, List<Item> items) {}
 *
 * String json = Json.write(new Order("o1", List.of(new Item("a", 2))));
 * // {"id":"o1","items":[{"sku":"a","qty":2}]}
 * Order order = Json.read(json, Order.class);
 * }</pre>
 *
 * <p>All methods are thread-safe. Every failure caused by the input or the value is a
 * {@link JsonException}.
 */
public final class Json {
    private Json() {
    }

    /**
     * Writes a value as JSON text.
     *
     * @param value the value, may be null
     * @return the JSON text
     * @throws JsonException if the value, or a value inside it, cannot be written as JSON,
     *     contains itself (a map, list, array or record holding itself), or nests deeper than
     *     512 levels
     */
    public static String write(Object value) {
        ByteSink sink = encode(value);
        return new String(sink.buffer(), 0, sink.length(), StandardCharsets.UTF_8);
    }

    /**
     * Writes a value as JSON in UTF-8.
     *
     * @param value the value, may be null
     * @return the UTF-8 bytes, in an array of exactly their length
     * @throws JsonException if the value cannot be written as JSON, as for {@link #write(Object)}
     */
    public static byte[] toBytes(Object value) {
        return encode(value).toByteArray();
    }

    /**
     * Writes a value as JSON in UTF-8 to a stream, through a buffer of at most 8 KB: a value
     * that fits is given to the stream in one {@code write} call. The stream is neither flushed
     * nor closed; after a {@code JsonException} it may hold part of the output.
     *
     * <pre>{@code
     * ByteArrayOutputStream out = new ByteArrayOutputStream();
     * Json.write(Map.of("ok", true), out);      // {"ok":true}
     * }</pre>
     *
     * @param value the value, may be null
     * @param out the stream
     * @throws IOException if the stream fails
     * @throws JsonException if the value cannot be written as JSON, as for {@link #write(Object)}
     */
    public static void write(Object value, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        ByteSink sink = new ByteSink(out, 512, 8192);
        try {
            JsonWriter.write(value, sink);
            sink.flush();
        } catch (UncheckedIOException e) {
            if (e.getCause() == sink.failure()) {
                throw sink.failure();
            }
            throw e;
        }
    }

    private static ByteSink encode(Object value) {
        ByteSink sink = new ByteSink(512);
        JsonWriter.write(value, sink);
        return sink;
    }

    /**
     * Returns the most memory the value parsed from {@code length} bytes of UTF-8 JSON may take:
     * 16 bytes per byte, plus 1 KB for the fixed costs of a short text. Every {@code parse} (and so
     * every {@code read}) refuses a text whose value would take more, with a {@link JsonException}
     * whose {@link JsonException#tooComplex()} is true. The costliest shapes measured take 12 to 15
     * bytes per byte, ordinary JSON 2 to 6. Sizes are estimated for a 64-bit JVM with compressed
     * references (heaps under 32 GB); while it runs, parsing also holds 4 to 8 bytes per value of
     * the arrays and objects still open. A server can reserve this much for each body it parses:
     *
     * <pre>{@code
     * long worstCase = Json.maxTreeBytes(1 << 20);   // 16 MB and 1 KB for a 1 MB body
     * }</pre>
     *
     * @param length the length of the JSON text in UTF-8 bytes
     * @return the most bytes its parsed value may take
     */
    public static long maxTreeBytes(long length) {
        return JsonReader.TREE_BYTES_PER_BYTE * length + JsonReader.TREE_BYTES_BASE;
    }

    /**
     * Parses JSON text, nested at most 512 levels deep.
     *
     * @param text the JSON text
     * @return the value: an unmodifiable {@code Map} (in document order) or {@code List},
     *     a {@code String}, {@code Long}, {@code BigInteger}, {@code Double},
     *     {@code BigDecimal}, {@code Boolean} or null
     * @throws JsonException if the text is not one valid JSON value, contains a lone
     *     surrogate {@code char}, or its value would take more than {@link #maxTreeBytes(long)}
     *     of its UTF-8 length; its message and accessors give the position (offsets in chars)
     * @throws NullPointerException if {@code text} is null
     */
    public static Object parse(String text) {
        Objects.requireNonNull(text, "text");
        return parse(JsonReader.utf8(text), JsonReader.DEFAULT_MAX_DEPTH, true);
    }

    /**
     * Parses JSON text encoded in UTF-8, nested at most 512 levels deep. A leading byte order
     * mark is rejected, as are invalid UTF-8 sequences (overlong forms, encoded surrogates,
     * code points past U+10FFFF).
     *
     * @param utf8 the JSON text in UTF-8
     * @return the value, as for {@link #parse(String)}
     * @throws JsonException if the bytes are not valid UTF-8 or not one valid JSON value; its
     *     message and accessors give the position (offsets in bytes)
     * @throws NullPointerException if {@code utf8} is null
     */
    public static Object parse(byte[] utf8) {
        return parse(utf8, JsonReader.DEFAULT_MAX_DEPTH);
    }

    /**
     * Parses JSON text encoded in UTF-8, with a cap on the nesting of arrays and objects.
     *
     * @param utf8 the JSON text in UTF-8
     * @param maxDepth the deepest nesting allowed, from 1 to 1024 ({@code []} is 1 level)
     * @return the value, as for {@link #parse(String)}
     * @throws JsonException if the bytes are not valid UTF-8 or not one valid JSON value
     * @throws IllegalArgumentException if {@code maxDepth} is out of range
     * @throws NullPointerException if {@code utf8} is null
     */
    public static Object parse(byte[] utf8, int maxDepth) {
        Objects.requireNonNull(utf8, "utf8");
        if (maxDepth < 1 || maxDepth > JsonReader.MAX_DEPTH_LIMIT) {
            throw new IllegalArgumentException("maxDepth must be from 1 to "
                    + JsonReader.MAX_DEPTH_LIMIT + ": " + maxDepth);
        }
        return parse(utf8, maxDepth, false);
    }

    private static Object parse(byte[] utf8, int maxDepth, boolean charOffsets) {
        try {
            return new JsonReader(utf8, maxDepth, maxTreeBytes(utf8.length), charOffsets).parse();
        } catch (StackOverflowError e) {
            // a safety net: the depth cap keeps threads with an ordinary stack far from this
            throw new JsonException("Nesting too deep for this thread's stack", -1, -1, -1, false);
        }
    }

    /**
     * Parses JSON text and binds it to a type.
     *
     * @param <T> the target type
     * @param text the JSON text
     * @param type the target: a record, a scalar, collection or map type (see {@link Json})
     * @return the bound value; null for JSON null (unless {@code type} is primitive)
     * @throws JsonException if the text is not valid JSON, or does not fit {@code type}; a
     *     binding error's message starts with the JSON path, as in
     *     {@code $.items[2].price: expected a number, got "abc"}
     * @throws NullPointerException if an argument is null
     */
    public static <T> T read(String text, Class<T> type) {
        return convert(parse(text), type);
    }

    /**
     * Parses UTF-8 JSON text and binds it to a type.
     *
     * @param <T> the target type
     * @param utf8 the JSON text in UTF-8
     * @param type the target: a record, a scalar, collection or map type (see {@link Json})
     * @return the bound value; null for JSON null (unless {@code type} is primitive)
     * @throws JsonException if the bytes are not valid JSON, or do not fit {@code type}
     * @throws NullPointerException if an argument is null
     */
    public static <T> T read(byte[] utf8, Class<T> type) {
        return convert(parse(utf8), type);
    }

    /**
     * Parses JSON text and binds it to a generic type such as {@code List<Order>}.
     *
     * @param <T> the target type, which the caller asserts matches {@code type}
     * @param text the JSON text
     * @param type the target type, for instance a record component's generic type
     * @return the bound value
     * @throws JsonException if the text is not valid JSON, or does not fit {@code type}
     * @throws NullPointerException if an argument is null
     */
    public static <T> T read(String text, Type type) {
        return convert(parse(text), type);
    }

    /**
     * Parses UTF-8 JSON text and binds it to a generic type such as {@code List<Order>}.
     *
     * @param <T> the target type, which the caller asserts matches {@code type}
     * @param utf8 the JSON text in UTF-8
     * @param type the target type
     * @return the bound value
     * @throws JsonException if the bytes are not valid JSON, or do not fit {@code type}
     * @throws NullPointerException if an argument is null
     */
    public static <T> T read(byte[] utf8, Type type) {
        return convert(parse(utf8), type);
    }

    /**
     * Binds an already parsed tree (as {@link #parse(String)} returns) to a type.
     * Record components missing from the JSON get null, an empty {@code Optional}, or 0 and
     * false for primitives; keys that match no component are ignored.
     *
     * @param <T> the target type
     * @param tree the parsed value, may be null
     * @param type the target class; a primitive class gives its box
     * @return the bound value; null for a null tree (unless {@code type} is primitive)
     * @throws JsonException if the tree does not fit {@code type}, with the JSON path
     * @throws NullPointerException if {@code type} is null
     */
    public static <T> T convert(Object tree, Class<T> type) {
        Objects.requireNonNull(type, "type");
        Object value = JsonBinder.bind(tree, type);
        return type.isPrimitive() ? uncheckedCast(value) : type.cast(value);
    }

    /**
     * Binds an already parsed tree to a generic type such as {@code List<Order>} or
     * {@code Map<String, Item>}.
     *
     * @param <T> the target type, which the caller asserts matches {@code type}
     * @param tree the parsed value, may be null
     * @param type the target type
     * @return the bound value
     * @throws JsonException if the tree does not fit {@code type}, with the JSON path
     * @throws NullPointerException if {@code type} is null
     */
    public static <T> T convert(Object tree, Type type) {
        Objects.requireNonNull(type, "type");
        return uncheckedCast(JsonBinder.bind(tree, type));
    }

    @SuppressWarnings("unchecked") // the caller names T through the Type it passes, as with TypeReference
    private static <T> T uncheckedCast(Object value) {
        return (T) value;
    }
}
