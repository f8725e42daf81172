package io.apiroutes.json;

import java.lang.reflect.Array;
import java.time.LocalDate;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.RandomAccess;

/**
 * Writes a value as UTF-8 JSON into a {@link ByteSink}: a set of small per-token methods, one per
 * way of writing that {@link JsonType} names. One instance writes one value.
 */
final class JsonWriter {
    /** The deepest nesting written; it keeps the recursion well within a thread's stack. */
    static final int MAX_DEPTH = 512;
    /** From this depth on, the containers on the current path are tracked to name a cycle. */
    private static final int TRACK_FROM_DEPTH = 32;

    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};

    private final ByteSink sink;
    private int depth;
    /** The containers on the current path deeper than {@link #TRACK_FROM_DEPTH}, by identity. */
    private IdentityHashMap<Object, Boolean> path;

    private JsonWriter(ByteSink sink) {
        this.sink = sink;
    }

    /** Writes {@code value} as JSON into {@code sink}; a {@link JsonException} if it cannot. */
    static void write(Object value, ByteSink sink) {
        try {
            new JsonWriter(sink).write(value);
        } catch (JsonFailure f) {
            throw f.toException();
        } catch (StackOverflowError e) {
            // a safety net: the depth cap keeps ordinary threads far from this
            throw new JsonException("Cannot write: nesting too deep for this thread's stack", null);
        }
    }

    private void write(Object value) {
        if (value == null) {
            writeNull();
        } else if (value instanceof String s) {
            sink.writeString(s);
        } else if (value instanceof Integer i) {
            writeLong(i);
        } else if (value instanceof Long l) {
            writeLong(l);
        } else if (value instanceof Boolean b) {
            writeBoolean(b);
        } else if (value instanceof Double d) {
            writeDouble(d);
        } else if (value instanceof Record) {
            // before the interface checks below, which are slower for a class that fails them
            writeObject(JsonType.of(value.getClass()).properties(), value);
        } else if (value instanceof Map<?, ?> map) {
            writeMap(map);
        } else if (value instanceof List<?> list) {
            writeIterable(list);
        } else {
            writeOther(value);
        }
    }

    /** The rest of {@link JsonType}'s ways of writing; the common ones are above. */
    private void writeOther(Object value) {
        JsonType type = JsonType.of(value.getClass());
        switch (type.write) {
            case JsonType.BEAN -> writeObject(type.properties(), value);
            case JsonType.STRING -> sink.writeString(value.toString());
            case JsonType.DATE -> writeDate((LocalDate) value);
            case JsonType.INTEGER -> writeLong(((Number) value).longValue());
            case JsonType.PLAIN -> sink.writeAscii(value.toString());
            case JsonType.FLOAT -> writeFloat((Float) value);
            case JsonType.ENUM -> sink.writeString(((Enum<?>) value).name());
            case JsonType.ITERABLE -> writeIterable((Iterable<?>) value);
            case JsonType.OPTIONAL -> write(((Optional<?>) value).orElse(null));
            case JsonType.OPTIONAL_INT -> write(((OptionalInt) value).isPresent() ? ((OptionalInt) value).getAsInt() : null);
            case JsonType.OPTIONAL_LONG -> write(((OptionalLong) value).isPresent() ? ((OptionalLong) value).getAsLong() : null);
            case JsonType.OPTIONAL_DOUBLE -> write(((OptionalDouble) value).isPresent() ? ((OptionalDouble) value).getAsDouble() : null);
            case JsonType.ARRAY -> writeArray((Object[]) value);
            case JsonType.BYTES -> writeBase64((byte[]) value);
            case JsonType.CHARS -> sink.writeString(new String((char[]) value));
            case JsonType.SHORTS, JsonType.INTS, JsonType.LONGS, JsonType.FLOATS, JsonType.DOUBLES, JsonType.BOOLEANS ->
                writePrimitives(value, type.write);
            default -> throw JsonFailure.writing(type.unsupported());
        }
    }

    /** {@code "yyyy-MM-dd"}, as {@link LocalDate#toString()} writes a four-digit year. */
    private void writeDate(LocalDate date) {
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            sink.writeString(date.toString());
            return;
        }
        byte[] b = sink.reserve(12);
        int p = sink.length();
        int month = date.getMonthValue();
        int day = date.getDayOfMonth();
        b[p] = '"';
        b[p + 1] = (byte) ('0' + year / 1000);
        b[p + 2] = (byte) ('0' + year / 100 % 10);
        b[p + 3] = (byte) ('0' + year / 10 % 10);
        b[p + 4] = (byte) ('0' + year % 10);
        b[p + 5] = '-';
        b[p + 6] = (byte) ('0' + month / 10);
        b[p + 7] = (byte) ('0' + month % 10);
        b[p + 8] = '-';
        b[p + 9] = (byte) ('0' + day / 10);
        b[p + 10] = (byte) ('0' + day % 10);
        b[p + 11] = '"';
        sink.length(p + 12);
    }

    // ---- containers

    /**
     * Enters a map, list, array or record: fails past {@link #MAX_DEPTH}, or when deep enough
     * to be suspect, on meeting a container that is already on the path (a cycle).
     */
    private void enter(Object container) {
        if (++depth > TRACK_FROM_DEPTH) {
            if (depth > MAX_DEPTH) {
                throw JsonFailure.writing("Cannot write: nesting deeper than " + MAX_DEPTH + " levels");
            }
            if (path == null) {
                path = new IdentityHashMap<>();
            }
            if (path.put(container, Boolean.TRUE) != null) {
                throw JsonFailure.writing("Cannot write a value that contains itself");
            }
        }
    }

    private void exit(Object container) {
        if (depth-- > TRACK_FROM_DEPTH) {
            path.remove(container);
        }
    }

    private void writeMap(Map<?, ?> map) {
        enter(map);
        sink.write('{');
        if (map instanceof JsonObject object) {
            // a parsed object: its members straight from their array, no entries made
            Object[] members = object.members;
            for (int i = 0; i < members.length; i += 2) {
                writeMember(i == 0, members[i], members[i + 1]);
            }
        } else {
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                writeMember(first, e.getKey(), e.getValue());
                first = false;
            }
        }
        sink.write('}');
        exit(map);
    }

    private void writeMember(boolean first, Object key, Object value) {
        if (key == null) {
            throw JsonFailure.writing("Cannot write a map with a null key as JSON");
        }
        if (!first) {
            sink.write(',');
        }
        sink.writeString(key instanceof String s ? s : String.valueOf(key));
        sink.write(':');
        try {
            write(value);
        } catch (JsonFailure f) {
            throw f.inKey(key);
        }
    }

    private void writeObject(JsonProperties properties, Object object) {
        enter(object);
        sink.write('{');
        byte[][] tokens = properties.nameTokens;
        char[] primitives = properties.primitives;
        for (int i = 0; i < tokens.length; i++) {
            sink.write(tokens[i]);
            switch (primitives[i]) {
                case 'I' -> writeLong(properties.getInt(i, object));
                case 'J' -> writeLong(properties.getLong(i, object));
                case 'D' -> writeDouble(properties.getDouble(i, object));
                default -> {
                    try {
                        write(properties.get(i, object));
                    } catch (JsonFailure f) {
                        throw f.inKey(properties.names[i]);
                    }
                }
            }
        }
        sink.write('}');
        exit(object);
    }

    private void writeIterable(Iterable<?> values) {
        enter(values);
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
        exit(values);
    }

    private void writeArray(Object[] values) {
        enter(values);
        sink.write('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sink.write(',');
            }
            writeElement(values[i], i);
        }
        sink.write(']');
        exit(values);
    }

    private void writeElement(Object value, int index) {
        try {
            write(value);
        } catch (JsonFailure f) {
            throw f.inIndex(index);
        }
    }

    /** An array of a primitive type, {@code kind} saying which. */
    private void writePrimitives(Object values, int kind) {
        sink.write('[');
        for (int i = 0, n = Array.getLength(values); i < n; i++) {
            if (i > 0) {
                sink.write(',');
            }
            switch (kind) {
                case JsonType.SHORTS -> writeLong(((short[]) values)[i]);
                case JsonType.INTS -> writeLong(((int[]) values)[i]);
                case JsonType.LONGS -> writeLong(((long[]) values)[i]);
                case JsonType.FLOATS -> writeFloat(((float[]) values)[i]);
                case JsonType.DOUBLES -> writeDouble(((double[]) values)[i]);
                default -> writeBoolean(((boolean[]) values)[i]);
            }
        }
        sink.write(']');
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

    /**
     * Finite doubles in their shortest form, as {@link Double#toString} writes it from JDK 19 on;
     * others as null.
     */
    private void writeDouble(double value) {
        if (!Double.isFinite(value)) {
            writeNull();
        } else if (!writeShortDecimal(value)) {
            sink.writeAscii(Double.toString(value));
        }
    }

    /**
     * Writes {@code value} as {@code digits.fraction} without a String when it is in
     * {@link Double#toString}'s plain range and has a decimal form of at most 15 significant
     * digits: such a form is its double's only one that short, so it is the shortest.
     *
     * @return false when the value needs the general path
     */
    private boolean writeShortDecimal(double value) {
        double magnitude = Math.abs(value);
        if (!(magnitude >= 1e-3 && magnitude < 1e7)) {
            return false;
        }
        for (int k = 0; k <= 8; k++) {
            double scaled = magnitude * POWERS_OF_TEN[k];
            long digits = (long) scaled;
            if (digits == scaled && digits / POWERS_OF_TEN[k] == magnitude) {
                writeFixed(value < 0, digits, k);
                return true;
            }
        }
        return false;
    }

    /** Writes {@code digits / 10^fraction} with at least one fraction digit. */
    private void writeFixed(boolean negative, long digits, int fraction) {
        while (fraction > 0 && digits % 10 == 0) {
            digits /= 10;
            fraction--;
        }
        long unit = (long) POWERS_OF_TEN[fraction];
        long whole = digits / unit;
        long rest = digits % unit;
        if (negative) {
            sink.write('-');
        }
        writeLong(whole);
        byte[] b = sink.reserve(fraction + 2);
        int p = sink.length();
        b[p++] = '.';
        if (fraction == 0) {
            b[p++] = '0';
        } else {
            for (int i = fraction - 1; i >= 0; i--) {
                b[p + i] = (byte) ('0' + (int) (rest % 10));
                rest /= 10;
            }
            p += fraction;
        }
        sink.length(p);
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
}
