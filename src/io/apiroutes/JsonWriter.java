package io.apiroutes;

import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.RandomAccess;

/**
 * Writes a value as UTF-8 JSON into a {@link ByteSink}: a set of small per-token methods and one
 * escaping routine. One instance writes one value.
 */
final class JsonWriter {
    /** Nesting deeper than this is taken for a cycle (a map, list or record containing itself). */
    static final int MAX_DEPTH = 1000;

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /**
     * For each ASCII character: 0 to copy it, else the letter of its short escape, or 'u' for
     * <code>&#92;u00XX</code>. Read-only after class initialisation.
     */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = 'u';
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
        ESCAPES['\t'] = 't';
        ESCAPES[0x7F] = 0;
    }

    private final JsonCodec codec;
    private final ByteSink sink;
    private int depth;

    JsonWriter(JsonCodec codec, ByteSink sink) {
        this.codec = codec;
        this.sink = sink;
    }

    void write(Object value) {
        if (value == null) {
            writeNull();
        } else if (value instanceof String s) {
            writeString(s);
        } else if (value instanceof Integer i) {
            writeLong(i);
        } else if (value instanceof Long l) {
            writeLong(l);
        } else if (value instanceof Boolean b) {
            writeBoolean(b);
        } else if (value instanceof Double d) {
            writeDouble(d);
        } else {
            writeOther(value);
        }
    }

    private void writeOther(Object value) {
        Class<?> type = value.getClass();
        switch (codec.kind(type)) {
            case STRING -> writeString(value.toString());
            case INTEGRAL -> writeLong(((Number) value).longValue());
            case BIG_NUMBER, TO_STRING -> writeQuotedOrPlain(value);
            case DOUBLE -> writeDouble((Double) value);
            case FLOAT -> writeFloat((Float) value);
            case BOOLEAN -> writeBoolean((Boolean) value);
            case CHARACTER -> writeString(value.toString());
            case RECORD -> writeRecord(codec.record(type), value);
            case ENUM -> writeString(((Enum<?>) value).name());
            case MAP -> writeMap((Map<?, ?>) value);
            case ITERABLE -> writeIterable((Iterable<?>) value);
            case OPTIONAL -> write(((Optional<?>) value).orElse(null));
            case OPTIONAL_INT -> writeOptionalInt((OptionalInt) value);
            case OPTIONAL_LONG -> writeOptionalLong((OptionalLong) value);
            case OPTIONAL_DOUBLE -> writeOptionalDouble((OptionalDouble) value);
            case OBJECT_ARRAY -> writeArray((Object[]) value);
            case BYTE_ARRAY -> writeBase64((byte[]) value);
            case CHAR_ARRAY -> writeString(new String((char[]) value));
            case SHORT_ARRAY -> writeArray((short[]) value);
            case INT_ARRAY -> writeArray((int[]) value);
            case LONG_ARRAY -> writeArray((long[]) value);
            case FLOAT_ARRAY -> writeArray((float[]) value);
            case DOUBLE_ARRAY -> writeArray((double[]) value);
            case BOOLEAN_ARRAY -> writeArray((boolean[]) value);
            default -> throw JsonFailure.writing("Cannot write " + type.getName() + " as JSON");
        }
    }

    /** Numbers as their plain {@code toString()}, other text types quoted. */
    private void writeQuotedOrPlain(Object value) {
        if (value instanceof Number) {
            sink.writeAscii(value.toString());
        } else {
            writeString(value.toString());
        }
    }

    // ---- containers

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw JsonFailure.writing("Cannot write: nesting deeper than " + MAX_DEPTH
                    + " levels (a value that contains itself?)");
        }
    }

    private void writeMap(Map<?, ?> map) {
        enter();
        sink.write('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object key = e.getKey();
            if (key == null) {
                throw JsonFailure.writing("Cannot write a map with a null key as JSON");
            }
            if (!first) {
                sink.write(',');
            }
            first = false;
            writeString(key instanceof String s ? s : String.valueOf(key));
            sink.write(':');
            try {
                write(e.getValue());
            } catch (JsonFailure f) {
                throw f.inKey(key);
            }
        }
        sink.write('}');
        depth--;
    }

    private void writeRecord(JsonRecordInfo info, Object record) {
        enter();
        sink.write('{');
        byte[][] tokens = info.nameTokens;
        for (int i = 0; i < tokens.length; i++) {
            sink.write(tokens[i]);
            try {
                write(info.get(i, record));
            } catch (JsonFailure f) {
                throw f.inKey(info.names[i]);
            }
        }
        sink.write('}');
        depth--;
    }

    private void writeIterable(Iterable<?> values) {
        enter();
        sink.write('[');
        int i = 0;
        if (values instanceof List<?> list && values instanceof RandomAccess) {
            for (int n = list.size(); i < n; i++) {
                if (i > 0) {
                    sink.write(',');
                }
                writeElement(list.get(i), i);
            }
        } else {
            for (Iterator<?> it = values.iterator(); it.hasNext(); i++) {
                if (i > 0) {
                    sink.write(',');
                }
                writeElement(it.next(), i);
            }
        }
        sink.write(']');
        depth--;
    }

    private void writeArray(Object[] values) {
        enter();
        sink.write('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sink.write(',');
            }
            writeElement(values[i], i);
        }
        sink.write(']');
        depth--;
    }

    private void writeElement(Object value, int index) {
        try {
            write(value);
        } catch (JsonFailure f) {
            throw f.inIndex(index);
        }
    }

    private void writeArray(short[] values) {
        sink.write('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sink.write(',');
            }
            writeLong(values[i]);
        }
        sink.write(']');
    }

    private void writeArray(int[] values) {
        sink.write('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sink.write(',');
            }
            writeLong(values[i]);
        }
        sink.write(']');
    }

    private void writeArray(long[] values) {
        sink.write('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sink.write(',');
            }
            writeLong(values[i]);
        }
        sink.write(']');
    }

    private void writeArray(float[] values) {
        sink.write('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sink.write(',');
            }
            writeFloat(values[i]);
        }
        sink.write(']');
    }

    private void writeArray(double[] values) {
        sink.write('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sink.write(',');
            }
            writeDouble(values[i]);
        }
        sink.write(']');
    }

    private void writeArray(boolean[] values) {
        sink.write('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sink.write(',');
            }
            writeBoolean(values[i]);
        }
        sink.write(']');
    }

    private void writeOptionalInt(OptionalInt value) {
        if (value.isPresent()) {
            writeLong(value.getAsInt());
        } else {
            writeNull();
        }
    }

    private void writeOptionalLong(OptionalLong value) {
        if (value.isPresent()) {
            writeLong(value.getAsLong());
        } else {
            writeNull();
        }
    }

    private void writeOptionalDouble(OptionalDouble value) {
        if (value.isPresent()) {
            writeDouble(value.getAsDouble());
        } else {
            writeNull();
        }
    }

    // ---- scalars

    private void writeNull() {
        byte[] b = sink.reserve(4);
        int p = sink.length();
        b[p] = 'n';
        b[p + 1] = 'u';
        b[p + 2] = 'l';
        b[p + 3] = 'l';
        sink.length(p + 4);
    }

    private void writeBoolean(boolean value) {
        sink.writeAscii(value ? "true" : "false");
    }

    /** Finite doubles in their shortest form ({@link Double#toString}), others as null. */
    private void writeDouble(double value) {
        if (Double.isFinite(value)) {
            sink.writeAscii(Double.toString(value));
        } else {
            writeNull();
        }
    }

    private void writeFloat(float value) {
        if (Float.isFinite(value)) {
            sink.writeAscii(Float.toString(value));
        } else {
            writeNull();
        }
    }

    private void writeLong(long value) {
        if (value == Long.MIN_VALUE) {
            sink.writeAscii("-9223372036854775808");
            return;
        }
        byte[] b = sink.reserve(20);
        int p = sink.length();
        if (value < 0) {
            b[p++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        int q = p + digits;
        do {
            b[--q] = (byte) ('0' + (int) (value % 10));
            value /= 10;
        } while (value != 0);
        sink.length(p + digits);
    }

    private void writeBase64(byte[] value) {
        byte[] encoded = Base64.getEncoder().encode(value);
        sink.write('"');
        sink.write(encoded);
        sink.write('"');
    }

    /**
     * Writes a JSON string: quote, backslash and controls escaped (short forms where JSON has
     * them, else <code>&#92;u00XX</code>), U+2028 and U+2029 escaped for JavaScript, lone surrogates as
     * <code>&#92;uDXXX</code> so the output is always valid UTF-8.
     */
    void writeString(String s) {
        int n = s.length();
        byte[] b = sink.reserve(n + 2);
        int p = sink.length();
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || ESCAPES[c] != 0) {
                sink.length(p);
                writeStringSlow(s, i);
                return;
            }
            b[p++] = (byte) c;
        }
        b[p++] = '"';
        sink.length(p);
    }

    private void writeStringSlow(String s, int from) {
        int n = s.length();
        for (int i = from; i < n; i++) {
            // at most 12 bytes per char: an escaped surrogate pair
            byte[] b = sink.reserve(12);
            int p = sink.length();
            char c = s.charAt(i);
            if (c < 0x80) {
                byte escape = ESCAPES[c];
                if (escape == 0) {
                    b[p++] = (byte) c;
                } else if (escape != 'u') {
                    b[p++] = '\\';
                    b[p++] = escape;
                } else {
                    p = writeUnicodeEscape(b, p, c);
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    b[p++] = (byte) (0xF0 | (cp >> 18));
                    b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[p++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    p = writeUnicodeEscape(b, p, c);
                }
            } else if (c == '\u2028' || c == '\u2029') {
                p = writeUnicodeEscape(b, p, c);
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
            sink.length(p);
        }
        sink.write('"');
    }

    private static int writeUnicodeEscape(byte[] b, int p, char c) {
        b[p] = '\\';
        b[p + 1] = 'u';
        b[p + 2] = HEX[c >> 12];
        b[p + 3] = HEX[(c >> 8) & 0xF];
        b[p + 4] = HEX[(c >> 4) & 0xF];
        b[p + 5] = HEX[c & 0xF];
        return p + 6;
    }
}
