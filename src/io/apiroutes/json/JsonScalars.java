package io.apiroutes.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The conversions of JSON numbers and text that {@link JsonType} binds with, each check failing
 * with a {@link JsonFailure} that says what was expected and what was got.
 */
final class JsonScalars {
    private JsonScalars() {
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

    /** {@link LocalDate#parse}, with a shortcut for the common {@code yyyy-MM-dd}. */
    static LocalDate localDate(String s) {
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
    static UUID uuid(String s) {
        if (s.length() != 36 || s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-'
                || s.charAt(23) != '-') {
            throw new IllegalArgumentException(s);
        }
        return UUID.fromString(s);
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
            return ByteSink.quote(s.length() > 40 ? s.substring(0, 40) + "..." : s);
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
