package io.apiroutes;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Binds a parsed JSON tree to a Java type: records, collections, maps, arrays, optionals, enums,
 * numbers, text and the ISO-8601 types. The work is split into a {@link Converter} per type,
 * built once per record component (cached with the record's metadata) and once per call for
 * the top-level type. A mismatch throws a {@link JsonFailure} that collects the path on its way
 * out.
 */
final class JsonBinder {
    /** Converts a JSON tree value (which may be null) to one Java type. */
    @FunctionalInterface
    interface Converter {
        Object convert(Object json);
    }

    private static final Converter IDENTITY = json -> json;

    private final JsonCodec codec;

    JsonBinder(JsonCodec codec) {
        this.codec = codec;
    }

    /** The converter for {@code type}; type variables are resolved by {@code bindings}. */
    Converter converter(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof Class<?> c) {
            return classConverter(c);
        }
        if (type instanceof ParameterizedType p) {
            return parameterizedConverter(p, bindings);
        }
        if (type instanceof GenericArrayType g) {
            Type element = g.getGenericComponentType();
            return arrayConverter(rawClass(element, bindings), converter(element, bindings));
        }
        if (type instanceof WildcardType w) {
            return converter(w.getUpperBounds()[0], bindings);
        }
        if (type instanceof TypeVariable<?> v) {
            Type bound = bindings.get(v);
            return converter(bound != null ? bound : v.getBounds()[0], Map.of());
        }
        throw JsonFailure.binding("cannot bind JSON to " + type.getTypeName());
    }

    // ---- classes

    private Converter classConverter(Class<?> c) {
        if (c == String.class) {
            return nullable(json -> {
                if (json instanceof String s) {
                    return s;
                }
                throw mismatch("a string", json);
            });
        }
        if (c.isPrimitive()) {
            return primitiveConverter(c);
        }
        if (c == Object.class) {
            return IDENTITY;
        }
        if (c == Integer.class) {
            return nullable(json -> (int) integer(json, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        if (c == Long.class) {
            return nullable(json -> integer(json, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        if (c == Double.class) {
            return nullable(JsonBinder::toDouble);
        }
        if (c == Boolean.class) {
            return nullable(JsonBinder::toBoolean);
        }
        if (c == BigDecimal.class) {
            return nullable(JsonBinder::toBigDecimal);
        }
        if (c == BigInteger.class) {
            return nullable(JsonBinder::toBigInteger);
        }
        if (c == Short.class) {
            return nullable(json -> (short) integer(json, Short.MIN_VALUE, Short.MAX_VALUE));
        }
        if (c == Byte.class) {
            return nullable(json -> (byte) integer(json, Byte.MIN_VALUE, Byte.MAX_VALUE));
        }
        if (c == Float.class) {
            return nullable(JsonBinder::toFloat);
        }
        if (c == Character.class) {
            return nullable(JsonBinder::toChar);
        }
        if (c == Number.class) {
            return nullable(json -> {
                if (json instanceof Number) {
                    return json;
                }
                throw mismatch("a number", json);
            });
        }
        if (c.isRecord()) {
            return recordConverter(codec.record(c), Map.of());
        }
        if (c.isEnum()) {
            return enumConverter(c);
        }
        if (c.isArray()) {
            Class<?> element = c.getComponentType();
            if (element == byte.class) {
                return nullable(JsonBinder::toBytes);
            }
            if (element == char.class) {
                return nullable(json -> toText(json).toCharArray());
            }
            return arrayConverter(element, converter(element, Map.of()));
        }
        if (c == Optional.class) {
            return json -> Optional.ofNullable(json);
        }
        if (c == OptionalInt.class) {
            return json -> json == null ? OptionalInt.empty()
                    : OptionalInt.of((int) integer(json, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        if (c == OptionalLong.class) {
            return json -> json == null ? OptionalLong.empty()
                    : OptionalLong.of(integer(json, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        if (c == OptionalDouble.class) {
            return json -> json == null ? OptionalDouble.empty() : OptionalDouble.of(toDouble(json));
        }
        Converter container = containerConverter(c, IDENTITY, IDENTITY);
        if (container != null) {
            return container;
        }
        Converter text = textConverter(c);
        if (text != null) {
            return text;
        }
        throw JsonFailure.binding("cannot bind JSON to " + c.getName());
    }

    private Converter parameterizedConverter(ParameterizedType p, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw = (Class<?>) p.getRawType();
        Type[] args = p.getActualTypeArguments();
        if (raw.isRecord()) {
            TypeVariable<?>[] params = raw.getTypeParameters();
            Map<TypeVariable<?>, Type> resolved = new java.util.HashMap<>();
            for (int i = 0; i < params.length; i++) {
                resolved.put(params[i], resolve(args[i], bindings));
            }
            return recordConverter(codec.record(raw), resolved);
        }
        if (raw == Optional.class) {
            Converter inner = converter(args[0], bindings);
            return json -> json == null ? Optional.empty() : Optional.ofNullable(inner.convert(json));
        }
        Converter key = IDENTITY;
        Converter value = IDENTITY;
        if (Map.class.isAssignableFrom(raw)) {
            key = keyConverter(args[0], bindings);
            value = converter(args[1], bindings);
        } else if (Iterable.class.isAssignableFrom(raw)) {
            value = converter(args[0], bindings);
        }
        Converter container = containerConverter(raw, key, value);
        if (container != null) {
            return container;
        }
        throw JsonFailure.binding("cannot bind JSON to " + p.getTypeName());
    }

    private static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> v && bindings.containsKey(v)) {
            return bindings.get(v);
        }
        return type;
    }

    private static Class<?> rawClass(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof GenericArrayType g) {
            return Array.newInstance(rawClass(g.getGenericComponentType(), bindings), 0).getClass();
        }
        if (type instanceof WildcardType w) {
            return rawClass(w.getUpperBounds()[0], bindings);
        }
        if (type instanceof TypeVariable<?> v) {
            Type bound = bindings.get(v);
            return rawClass(bound != null ? bound : v.getBounds()[0], Map.of());
        }
        return Object.class;
    }

    // ---- records

    private Converter recordConverter(JsonRecordInfo info, Map<TypeVariable<?>, Type> bindings) {
        Object[] defaults = new Object[info.names.length];
        for (int i = 0; i < defaults.length; i++) {
            defaults[i] = missingValue(info.rawTypes[i]);
        }
        boolean generic = !bindings.isEmpty();
        Converter[][] local = new Converter[1][];
        return json -> {
            if (!(json instanceof Map<?, ?> map)) {
                if (json == null) {
                    return null;
                }
                throw mismatch("an object", json);
            }
            Converter[] converters = generic ? local[0] : info.converters();
            if (converters == null) {
                converters = componentConverters(info, bindings);
                if (generic) {
                    local[0] = converters;
                } else {
                    info.converters(converters);
                }
            }
            String[] names = info.names;
            Object[] args = new Object[names.length];
            for (int i = 0; i < names.length; i++) {
                String name = names[i];
                Object value = map.get(name);
                if (value == null && !map.containsKey(name)) {
                    args[i] = defaults[i];
                } else {
                    try {
                        args[i] = converters[i].convert(value);
                    } catch (JsonFailure f) {
                        throw f.inKey(name);
                    }
                }
            }
            return info.construct(args);
        };
    }

    private Converter[] componentConverters(JsonRecordInfo info, Map<TypeVariable<?>, Type> bindings) {
        Converter[] converters = new Converter[info.names.length];
        for (int i = 0; i < converters.length; i++) {
            try {
                converters[i] = lazy(info.types[i], bindings);
            } catch (JsonFailure f) {
                throw f.inKey(info.names[i]);
            }
        }
        return converters;
    }

    /**
     * A converter that builds its delegate on first use, so that a record may contain itself
     * ({@code record Node(List<Node> children)}) without building converters forever.
     */
    private Converter lazy(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof Class<?> c && !c.isRecord() && !c.isArray()) {
            return converter(type, bindings);
        }
        Converter[] delegate = new Converter[1];
        return json -> {
            Converter d = delegate[0];
            if (d == null) {
                d = converter(type, bindings);
                delegate[0] = d;
            }
            return d.convert(json);
        };
    }

    /** What a component missing from the JSON object gets. */
    private static Object missingValue(Class<?> type) {
        if (type == Optional.class) {
            return Optional.empty();
        }
        if (type == OptionalInt.class) {
            return OptionalInt.empty();
        }
        if (type == OptionalLong.class) {
            return OptionalLong.empty();
        }
        if (type == OptionalDouble.class) {
            return OptionalDouble.empty();
        }
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == float.class) {
            return 0.0f;
        }
        if (type == short.class) {
            return (short) 0;
        }
        if (type == byte.class) {
            return (byte) 0;
        }
        return 0;
    }

    // ---- containers

    /** A converter for a list, set, collection or map class, or null if {@code raw} is none. */
    private static Converter containerConverter(Class<?> raw, Converter key, Converter value) {
        if (raw.isAssignableFrom(ArrayList.class)) {
            return nullable(json -> {
                List<?> list = array(json);
                ArrayList<Object> out = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    out.add(element(value, list.get(i), i));
                }
                return out;
            });
        }
        if (raw.isAssignableFrom(LinkedHashSet.class)) {
            return nullable(json -> {
                List<?> list = array(json);
                LinkedHashSet<Object> out = new LinkedHashSet<>();
                for (int i = 0; i < list.size(); i++) {
                    out.add(element(value, list.get(i), i));
                }
                return out;
            });
        }
        if (raw.isAssignableFrom(LinkedHashMap.class)) {
            return nullable(json -> {
                if (!(json instanceof Map<?, ?> map)) {
                    throw mismatch("an object", json);
                }
                LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    try {
                        out.put(key.convert(e.getKey()), value.convert(e.getValue()));
                    } catch (JsonFailure f) {
                        throw f.inKey(e.getKey());
                    }
                }
                return out;
            });
        }
        return null;
    }

    private Converter keyConverter(Type type, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw = rawClass(type, bindings);
        if (raw == String.class || raw == Object.class || raw == CharSequence.class) {
            return IDENTITY;
        }
        if (raw == Integer.class || raw == Long.class) {
            return numberKey(raw == Integer.class);
        }
        if (raw.isEnum() || raw == UUID.class) {
            return classConverter(raw);
        }
        throw JsonFailure.binding("cannot bind JSON object keys to " + type.getTypeName());
    }

    private static Converter numberKey(boolean isInt) {
        return json -> {
            String key = (String) json;
            try {
                long n = Long.parseLong(key);
                if (isInt && (int) n != n) {
                    throw mismatch("an int key", json);
                }
                return isInt ? (Object) (int) n : (Object) n;
            } catch (NumberFormatException e) {
                throw mismatch("an integer key", json);
            }
        };
    }

    private static Converter arrayConverter(Class<?> element, Converter convert) {
        return nullable(json -> {
            List<?> list = array(json);
            Object out = Array.newInstance(element, list.size());
            for (int i = 0; i < list.size(); i++) {
                Array.set(out, i, element(convert, list.get(i), i));
            }
            return out;
        });
    }

    private static Object element(Converter convert, Object json, int index) {
        try {
            return convert.convert(json);
        } catch (JsonFailure f) {
            throw f.inIndex(index);
        }
    }

    private static List<?> array(Object json) {
        if (json instanceof List<?> list) {
            return list;
        }
        throw mismatch("an array", json);
    }

    // ---- scalars

    private static Converter primitiveConverter(Class<?> c) {
        if (c == int.class) {
            return json -> (int) integer(json, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (c == long.class) {
            return json -> integer(json, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (c == double.class) {
            return JsonBinder::toDouble;
        }
        if (c == boolean.class) {
            return JsonBinder::toBoolean;
        }
        if (c == float.class) {
            return JsonBinder::toFloat;
        }
        if (c == short.class) {
            return json -> (short) integer(json, Short.MIN_VALUE, Short.MAX_VALUE);
        }
        if (c == byte.class) {
            return json -> (byte) integer(json, Byte.MIN_VALUE, Byte.MAX_VALUE);
        }
        if (c == char.class) {
            return JsonBinder::toChar;
        }
        throw JsonFailure.binding("cannot bind JSON to " + c.getName());
    }

    /**
     * An integer in {@code [min, max]}: integral JSON numbers only ({@code 2.0} and {@code 2e3}
     * count, {@code 1.5} does not).
     */
    private static long integer(Object json, long min, long max) {
        if (json instanceof Long || json instanceof Integer || json instanceof Short || json instanceof Byte) {
            long n = ((Number) json).longValue();
            if (n >= min && n <= max) {
                return n;
            }
        } else if (json instanceof Number) {
            BigDecimal exact = toBigDecimal(json);
            if (exact.signum() == 0) {
                return 0;
            }
            if (exact.stripTrailingZeros().scale() > 0) {
                throw mismatch("an integer", json);
            }
            if (exact.compareTo(BigDecimal.valueOf(min)) >= 0 && exact.compareTo(BigDecimal.valueOf(max)) <= 0) {
                return exact.longValueExact();
            }
        } else {
            throw mismatch("an integer", json);
        }
        String range = max == Long.MAX_VALUE ? "in long range" : "between " + min + " and " + max;
        throw mismatch("an integer " + range, json);
    }

    private static double toDouble(Object json) {
        if (json instanceof Double d) {
            return d;
        }
        if (json instanceof Long l) {
            return l;
        }
        if (!(json instanceof Number n)) {
            throw mismatch("a number", json);
        }
        double d = n.doubleValue();
        if (Double.isInfinite(d)) {
            throw mismatch("a number in double range", json);
        }
        return d;
    }

    private static float toFloat(Object json) {
        double d = toDouble(json);
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) {
            throw mismatch("a number in float range", json);
        }
        return f;
    }

    private static BigDecimal toBigDecimal(Object json) {
        if (json instanceof BigDecimal b) {
            return b;
        }
        if (json instanceof Long || json instanceof Integer || json instanceof Short || json instanceof Byte) {
            return BigDecimal.valueOf(((Number) json).longValue());
        }
        if (json instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (json instanceof Double || json instanceof Float) {
            double d = ((Number) json).doubleValue();
            if (Double.isFinite(d)) {
                // the reader makes a Double only when this gives the digits as written
                return new BigDecimal(json.toString());
            }
        }
        throw mismatch("a number", json);
    }

    private static BigInteger toBigInteger(Object json) {
        if (json instanceof BigInteger b) {
            return b;
        }
        BigDecimal exact = toBigDecimal(json);
        try {
            return exact.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw mismatch("an integer", json);
        }
    }

    private static Boolean toBoolean(Object json) {
        if (json instanceof Boolean b) {
            return b;
        }
        throw mismatch("true or false", json);
    }

    private static Character toChar(Object json) {
        if (json instanceof String s && s.length() == 1) {
            return s.charAt(0);
        }
        throw mismatch("a string of one character", json);
    }

    private static String toText(Object json) {
        if (json instanceof String s) {
            return s;
        }
        throw mismatch("a string", json);
    }

    private static byte[] toBytes(Object json) {
        String s = toText(json);
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw mismatch("a base64 string", json);
        }
    }

    private static Converter enumConverter(Class<?> c) {
        Map<String, Object> byName = new LinkedHashMap<>();
        for (Object constant : c.getEnumConstants()) {
            byName.put(((Enum<?>) constant).name(), constant);
        }
        String expected = "one of " + byName.keySet();
        return nullable(json -> {
            Object constant = json instanceof String s ? byName.get(s) : null;
            if (constant == null) {
                throw mismatch(expected, json);
            }
            return constant;
        });
    }

    /** Types written as their {@code toString()} and read back by their parse method. */
    private static Converter textConverter(Class<?> c) {
        if (c == UUID.class) {
            return text("a UUID", JsonBinder::uuid);
        }
        if (c == Instant.class) {
            return text("an ISO-8601 instant", Instant::parse);
        }
        if (c == LocalDate.class) {
            return text("an ISO-8601 date", LocalDate::parse);
        }
        if (c == LocalDateTime.class) {
            return text("an ISO-8601 local date-time", LocalDateTime::parse);
        }
        if (c == OffsetDateTime.class) {
            return text("an ISO-8601 date-time with offset", OffsetDateTime::parse);
        }
        if (c == ZonedDateTime.class) {
            return text("an ISO-8601 zoned date-time", ZonedDateTime::parse);
        }
        if (c == LocalTime.class) {
            return text("an ISO-8601 time", LocalTime::parse);
        }
        if (c == OffsetTime.class) {
            return text("an ISO-8601 time with offset", OffsetTime::parse);
        }
        if (c == Duration.class) {
            return text("an ISO-8601 duration", Duration::parse);
        }
        if (c == Period.class) {
            return text("an ISO-8601 period", Period::parse);
        }
        if (c == Year.class) {
            return text("an ISO-8601 year", Year::parse);
        }
        if (c == YearMonth.class) {
            return text("an ISO-8601 year-month", YearMonth::parse);
        }
        if (c == MonthDay.class) {
            return text("an ISO-8601 month-day", MonthDay::parse);
        }
        if (c == ZoneId.class) {
            return text("a time-zone id", ZoneId::of);
        }
        if (c == URI.class) {
            return text("a URI", URI::new);
        }
        return null;
    }

    /** A converter for text parsed by {@code parse}, whose exceptions become a mismatch. */
    private static Converter text(String expected, ThrowingParser parse) {
        return nullable(json -> {
            if (json instanceof String s) {
                try {
                    return parse.parse(s);
                } catch (Exception e) {
                    throw mismatch(expected, json);
                }
            }
            throw mismatch(expected, json);
        });
    }

    /** A text parser that may throw a checked exception ({@code new URI(..)}). */
    @FunctionalInterface
    private interface ThrowingParser {
        Object parse(String text) throws Exception;
    }

    /** Only the canonical 36-character form: {@link UUID#fromString} takes shortened fields. */
    private static UUID uuid(String s) {
        if (s.length() != 36 || s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-'
                || s.charAt(23) != '-') {
            throw new IllegalArgumentException(s);
        }
        return UUID.fromString(s);
    }

    private static Converter nullable(Converter c) {
        return json -> json == null ? null : c.convert(json);
    }

    // ---- messages

    static JsonFailure mismatch(String expected, Object json) {
        return JsonFailure.binding("expected " + expected + ", got " + describe(json));
    }

    /** A JSON value as a message shows it: short values in JSON, containers by kind. */
    static String describe(Object json) {
        if (json == null || json instanceof Boolean || json instanceof Number) {
            return String.valueOf(json);
        }
        if (json instanceof String s) {
            return Json.write(s.length() > 40 ? s.substring(0, 40) + "..." : s);
        }
        if (json instanceof Map) {
            return "an object";
        }
        if (json instanceof List || json instanceof Collection) {
            return "an array";
        }
        return "a " + json.getClass().getName();
    }
}
