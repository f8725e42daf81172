package io.apiroutes.json;

import static io.apiroutes.json.JsonScalars.integer;
import static io.apiroutes.json.JsonScalars.mismatch;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
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
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * One Java type as the JSON layer sees it: how the writer writes its instances, how the binder
 * binds JSON to it, and the value a record component of this type gets when its key is missing.
 * {@link #TABLE} describes every supported class, one row each; families (records, enums, maps,
 * iterables, arrays, other {@code java.time} values, classes with getters) follow the rules of
 * {@link #classify}. {@link #of} classifies a class once and caches the answer in a
 * {@link ClassValue}, which does not keep the class's loader alive.
 *
 * <p>A type whose JSON is a single value (a string, number, boolean) is its own converter.
 */
final class JsonType implements Converter {
    // How it is written (the writer's switch) and how it is bound (the binder's and convert's),
    // one namespace for both columns. NONE: not written, or not bound.
    static final int NONE = 0;
    static final int STRING = 1; // written: its toString() as a JSON string; bound: a String
    static final int DATE = 2; // a LocalDate, written as toString() without a String
    static final int INTEGER = 3; // written: a JSON integer from longValue()
    static final int PLAIN = 4; // written: its toString() as a JSON number (BigInteger, BigDecimal)
    static final int DOUBLE = 5; // written in shortest form, NaN and infinities as null
    static final int FLOAT = 6;
    static final int BOOLEAN = 7;
    static final int ENUM = 8; // by name()
    static final int RECORD = 9; // an object of its components
    static final int BEAN = 10; // written: an object of its public getters and fields
    static final int MAP = 11; // written: an object; bound: a LinkedHashMap
    static final int ITERABLE = 12; // written: an array
    static final int OPTIONAL = 13; // its value, or null
    static final int OPTIONAL_INT = 14;
    static final int OPTIONAL_LONG = 15;
    static final int OPTIONAL_DOUBLE = 16;
    static final int ARRAY = 17; // an Object[] or, bound, any array but byte[] and char[]: element by element
    static final int BYTES = 18; // a byte[] as a base64 string
    static final int CHARS = 19; // a char[] as a string
    static final int SHORTS = 20; // written: the primitive arrays
    static final int INTS = 21;
    static final int LONGS = 22;
    static final int FLOATS = 23;
    static final int DOUBLES = 24;
    static final int BOOLEANS = 25;
    static final int LIST = 26; // bound: an ArrayList
    static final int SET = 27; // bound: a LinkedHashSet
    static final int CHAR = 28; // bound: a string of one character
    static final int INT = 29; // bound: integers, range-checked
    static final int LONG = 30;
    static final int SHORT = 31;
    static final int BYTE = 32;
    static final int BIG_INTEGER = 33;
    static final int BIG_DECIMAL = 34;
    static final int NUMBER = 35; // bound: any JSON number as it was parsed
    static final int ANY = 36; // bound: the tree as it is
    static final int UUID_ = 37; // bound: text, parsed
    static final int URI_ = 38;
    static final int LOCAL_DATE = 39;
    static final int ZONE_ID = 40;
    static final int PARSE = 41; // bound: text, by the class's own static parse(CharSequence)

    /** The supported classes: how each is written, bound, its value when missing, and what a binding error says was expected. */
    private static final Object[] TABLE = {
        // class               written as       bound as          missing                  expected
        String.class,          STRING,          STRING,           null,                    "a string",
        Character.class,       STRING,          CHAR,             null,                    "a string of one character",
        char.class,            NONE,            CHAR,             '\0',                    "a string of one character",
        Boolean.class,         BOOLEAN,         BOOLEAN,          null,                    "true or false",
        boolean.class,         NONE,            BOOLEAN,          false,                   "true or false",
        Integer.class,         INTEGER,         INT,              null,                    null,
        int.class,             NONE,            INT,              0,                       null,
        Long.class,            INTEGER,         LONG,             null,                    null,
        long.class,            NONE,            LONG,             0L,                      null,
        Short.class,           INTEGER,         SHORT,            null,                    null,
        short.class,           NONE,            SHORT,            (short) 0,               null,
        Byte.class,            INTEGER,         BYTE,             null,                    null,
        byte.class,            NONE,            BYTE,             (byte) 0,                null,
        Double.class,          DOUBLE,          DOUBLE,           null,                    null,
        double.class,          NONE,            DOUBLE,           0.0,                     null,
        Float.class,           FLOAT,           FLOAT,            null,                    null,
        float.class,           NONE,            FLOAT,            0f,                      null,
        BigInteger.class,      PLAIN,           BIG_INTEGER,      null,                    null,
        BigDecimal.class,      PLAIN,           BIG_DECIMAL,      null,                    null,
        Number.class,          NONE,            NUMBER,           null,                    "a number",
        Object.class,          NONE,            ANY,              null,                    null,
        Optional.class,        OPTIONAL,        OPTIONAL,         Optional.empty(),        null,
        OptionalInt.class,     OPTIONAL_INT,    OPTIONAL_INT,     OptionalInt.empty(),     null,
        OptionalLong.class,    OPTIONAL_LONG,   OPTIONAL_LONG,    OptionalLong.empty(),    null,
        OptionalDouble.class,  OPTIONAL_DOUBLE, OPTIONAL_DOUBLE,  OptionalDouble.empty(),  null,
        byte[].class,          BYTES,           BYTES,            null,                    "a base64 string",
        char[].class,          CHARS,           CHARS,            null,                    "a string",
        short[].class,         SHORTS,          ARRAY,            null,                    null,
        int[].class,           INTS,            ARRAY,            null,                    null,
        long[].class,          LONGS,           ARRAY,            null,                    null,
        float[].class,         FLOATS,          ARRAY,            null,                    null,
        double[].class,        DOUBLES,         ARRAY,            null,                    null,
        boolean[].class,       BOOLEANS,        ARRAY,            null,                    null,
        UUID.class,            STRING,          UUID_,            null,                    "a UUID",
        URI.class,             STRING,          URI_,             null,                    "a URI",
        Instant.class,         STRING,          PARSE,            null,                    "an ISO-8601 instant",
        LocalDate.class,       DATE,            LOCAL_DATE,       null,                    "an ISO-8601 date",
        LocalDateTime.class,   STRING,          PARSE,            null,                    "an ISO-8601 local date-time",
        OffsetDateTime.class,  STRING,          PARSE,            null,                    "an ISO-8601 date-time with offset",
        ZonedDateTime.class,   STRING,          PARSE,            null,                    "an ISO-8601 zoned date-time",
        LocalTime.class,       STRING,          PARSE,            null,                    "an ISO-8601 time",
        OffsetTime.class,      STRING,          PARSE,            null,                    "an ISO-8601 time with offset",
        Duration.class,        STRING,          PARSE,            null,                    "an ISO-8601 duration",
        Period.class,          STRING,          PARSE,            null,                    "an ISO-8601 period",
        Year.class,            STRING,          PARSE,            null,                    "an ISO-8601 year",
        YearMonth.class,       STRING,          PARSE,            null,                    "an ISO-8601 year-month",
        MonthDay.class,        STRING,          PARSE,            null,                    "an ISO-8601 month-day",
        ZoneId.class,          STRING,          ZONE_ID,          null,                    "a time-zone id",
    };

    private static final ClassValue<JsonType> TYPES = new ClassValue<>() {
        @Override
        protected JsonType computeValue(Class<?> type) {
            return classify(type);
        }
    };

    final Class<?> type;
    /** How the writer writes an instance. */
    final int write;
    /** How the binder binds JSON to this type. */
    final int bind;
    /** A record component's value when its key is missing, and what JSON null binds to (but for primitives). */
    final Object missing;
    /** What a mismatch message says was expected; null where {@link JsonScalars} says it. */
    private final String expected;
    /** The constants of an enum by name, the properties of a record or a class with getters, or a parser. */
    private final Object members;
    /** The binder's converter of a record, built on first use (a benign race). */
    volatile Converter converter;

    private JsonType(Class<?> type, int write, int bind, Object missing, String expected, Object members) {
        this.type = type;
        this.write = write;
        this.bind = bind;
        this.missing = missing;
        this.expected = expected;
        this.members = members;
    }

    /** The description of {@code type}, computed once per class. */
    static JsonType of(Class<?> type) {
        return TYPES.get(type);
    }

    /** The properties of a record or of a class written by its getters. */
    JsonProperties properties() {
        return (JsonProperties) members;
    }

    private static JsonType classify(Class<?> c) {
        for (int i = 0; i < TABLE.length; i += 5) {
            if (TABLE[i] == c) {
                int bind = (int) TABLE[i + 2];
                return new JsonType(c, (int) TABLE[i + 1], bind, TABLE[i + 3], (String) TABLE[i + 4],
                        bind == PARSE ? parser(c) : null);
            }
        }
        if (CharSequence.class.isAssignableFrom(c)) {
            return new JsonType(c, STRING, NONE, null, null, null);
        }
        if (c.isRecord()) {
            return new JsonType(c, RECORD, RECORD, null, null, JsonProperties.ofRecord(c));
        }
        if (Enum.class.isAssignableFrom(c)) {
            if (!c.isEnum()) {
                return new JsonType(c, ENUM, NONE, null, null, null); // a constant with a body
            }
            Map<String, Object> byName = new LinkedHashMap<>();
            for (Object constant : c.getEnumConstants()) {
                byName.put(((Enum<?>) constant).name(), constant);
            }
            return new JsonType(c, ENUM, ENUM, null, "one of " + byName.keySet(), byName);
        }
        if (Map.class.isAssignableFrom(c)) {
            return new JsonType(c, MAP, c.isAssignableFrom(LinkedHashMap.class) ? MAP : NONE, null, null, null);
        }
        if (Iterable.class.isAssignableFrom(c)) {
            int bind = c.isAssignableFrom(ArrayList.class) ? LIST : c.isAssignableFrom(LinkedHashSet.class) ? SET : NONE;
            return new JsonType(c, ITERABLE, bind, null, null, null);
        }
        if (c.isArray()) {
            return new JsonType(c, ARRAY, ARRAY, null, null, null);
        }
        if (c.getName().startsWith("java.time.") && (TemporalAccessor.class.isAssignableFrom(c)
                || TemporalAmount.class.isAssignableFrom(c) || ZoneId.class.isAssignableFrom(c))) {
            return new JsonType(c, STRING, NONE, null, null, null);
        }
        if (!isJdk(c)) {
            JsonProperties bean = JsonProperties.ofBean(c);
            if (bean != null) {
                return new JsonType(c, BEAN, NONE, null, null, bean);
            }
        }
        return new JsonType(c, NONE, NONE, null, null, null);
    }

    /** {@code c.parse(CharSequence)}, typed {@code (String)Object}. */
    private static MethodHandle parser(Class<?> c) {
        try {
            return MethodHandles.publicLookup().findStatic(c, "parse", MethodType.methodType(c, CharSequence.class))
                    .asType(MethodType.methodType(Object.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A class of the JDK (such as {@code Thread}) is not written by its getters. */
    private static boolean isJdk(Class<?> c) {
        ClassLoader loader = c.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    /** Why the writer cannot write this type. */
    String unsupported() {
        return "Cannot write " + type.getName() + " as JSON" + (isJdk(type) || Modifier.isPublic(type.getModifiers())
                ? "" : " (a class that is not a record is written by its getters only when it is public)");
    }

    /** Binds a single JSON value to this type; JSON null gives {@link #missing} but for a primitive. */
    @Override
    public Object convert(Object json) {
        if (json == null && !type.isPrimitive()) {
            return missing;
        }
        switch (bind) {
            case STRING:
                if (json instanceof String) {
                    return json;
                }
                break;
            case CHAR:
                if (json instanceof String s && s.length() == 1) {
                    return s.charAt(0);
                }
                break;
            case BOOLEAN:
                if (json instanceof Boolean) {
                    return json;
                }
                break;
            case INT: case LONG: case SHORT: case BYTE: case DOUBLE: case FLOAT: case BIG_INTEGER: case BIG_DECIMAL:
            case OPTIONAL_INT: case OPTIONAL_LONG: case OPTIONAL_DOUBLE:
                return number(json);
            case NUMBER:
                if (json instanceof Number) {
                    return json;
                }
                break;
            case ANY:
                return json;
            case OPTIONAL:
                return Optional.of(json);
            case ENUM:
                Object constant = json instanceof String ? ((Map<?, ?>) members).get(json) : null;
                if (constant != null) {
                    return constant;
                }
                break;
            case CHARS:
                if (json instanceof String s) {
                    return s.toCharArray();
                }
                break;
            default:
                if (json instanceof String s) {
                    return parsed(s);
                }
        }
        throw mismatch(expected, json);
    }

    /** A JSON number bound to a numeric type, or a mismatch (a fraction for an integer, a value out of range). */
    private Object number(Object json) {
        switch (bind) {
            case INT: return (int) integer(json, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case LONG: return integer(json, Long.MIN_VALUE, Long.MAX_VALUE);
            case SHORT: return (short) integer(json, Short.MIN_VALUE, Short.MAX_VALUE);
            case BYTE: return (byte) integer(json, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case DOUBLE: return JsonScalars.toDouble(json);
            case FLOAT: return JsonScalars.toFloat(json);
            case BIG_INTEGER: return JsonScalars.toBigInteger(json);
            case BIG_DECIMAL: return JsonScalars.toBigDecimal(json);
            case OPTIONAL_INT: return OptionalInt.of((int) integer(json, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case OPTIONAL_LONG: return OptionalLong.of(integer(json, Long.MIN_VALUE, Long.MAX_VALUE));
            default: return OptionalDouble.of(JsonScalars.toDouble(json));
        }
    }

    /** Text bound by the type's own parser, or a mismatch when the parser refuses it. */
    private Object parsed(String s) {
        try {
            return parse(s);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw mismatch(expected, s);
        }
    }

    /** Text bound by the type's own parser: base64, UUID, URI and the {@code java.time} types. */
    private Object parse(String s) throws Throwable {
        switch (bind) {
            case BYTES: return Base64.getDecoder().decode(s);
            case UUID_: return JsonScalars.uuid(s);
            case URI_: return new URI(s);
            case LOCAL_DATE: return JsonScalars.localDate(s);
            case ZONE_ID: return ZoneId.of(s);
            default: return (Object) ((MethodHandle) members).invokeExact(s);
        }
    }
}
