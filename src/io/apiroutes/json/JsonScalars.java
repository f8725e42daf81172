package io.apiroutes.json;

import io.apiroutes.json.JsonBinder.Converter;
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
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The binder's leaves: JSON numbers, strings and booleans to primitives, boxes, big numbers,
 * enums and the text-based types ({@code java.time}, {@code UUID}, {@code URI}), each check
 * failing with a {@link JsonFailure} that says what was expected and what was got.
 */
final class JsonScalars {
    private JsonScalars() {
    }

    static Converter primitiveConverter(Class<?> c) {
        if (c == int.class) {
            return json -> (int) integer(json, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (c == long.class) {
            return json -> integer(json, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (c == double.class) {
            return JsonScalars::toDouble;
        }
        if (c == boolean.class) {
            return JsonScalars::toBoolean;
        }
        if (c == float.class) {
            return JsonScalars::toFloat;
        }
        if (c == short.class) {
            return json -> (short) integer(json, Short.MIN_VALUE, Short.MAX_VALUE);
        }
        if (c == byte.class) {
            return json -> (byte) integer(json, Byte.MIN_VALUE, Byte.MAX_VALUE);
        }
        if (c == char.class) {
            return JsonScalars::toChar;
        }
        throw JsonFailure.binding("cannot bind JSON to " + c.getName());
    }

    /**
     * An integer in {@code [min, max]}: integral JSON numbers only ({@code 2.0} and {@code 2e3}
     * count, {@code 1.5} does not).
     */
    static long integer(Object json, long min, long max) {
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

    static double toDouble(Object json) {
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

    static float toFloat(Object json) {
        double d = toDouble(json);
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) {
            throw mismatch("a number in float range", json);
        }
        return f;
    }

    static BigDecimal toBigDecimal(Object json) {
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

    static BigInteger toBigInteger(Object json) {
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

    static Boolean toBoolean(Object json) {
        if (json instanceof Boolean b) {
            return b;
        }
        throw mismatch("true or false", json);
    }

    static Character toChar(Object json) {
        if (json instanceof String s && s.length() == 1) {
            return s.charAt(0);
        }
        throw mismatch("a string of one character", json);
    }

    static String toText(Object json) {
        if (json instanceof String s) {
            return s;
        }
        throw mismatch("a string", json);
    }

    static byte[] toBytes(Object json) {
        String s = toText(json);
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw mismatch("a base64 string", json);
        }
    }

    static Converter enumConverter(Class<?> c) {
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
    static Converter textConverter(Class<?> c) {
        if (c == UUID.class) {
            return text("a UUID", JsonScalars::uuid);
        }
        if (c == Instant.class) {
            return text("an ISO-8601 instant", Instant::parse);
        }
        if (c == LocalDate.class) {
            return text("an ISO-8601 date", JsonScalars::localDate);
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

    /** {@link LocalDate#parse}, with a shortcut for the common {@code yyyy-MM-dd}. */
    private static LocalDate localDate(String s) {
        if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 7);
            int day = digits(s, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                return LocalDate.of(year, month, day);
            }
        }
        return LocalDate.parse(s);
    }

    /** The decimal number in {@code s[from, to)}, or -1 if it is not all ASCII digits. */
    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Only the canonical 36-character form: {@link UUID#fromString} takes shortened fields. */
    private static UUID uuid(String s) {
        if (s.length() != 36 || s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-'
                || s.charAt(23) != '-') {
            throw new IllegalArgumentException(s);
        }
        return UUID.fromString(s);
    }

    static Converter nullable(Converter c) {
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
