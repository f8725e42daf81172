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
    /** The most digits a number bound to BigDecimal may have on either side of its point, written out. */
    static final int MAX_DIGITS = 1000;
    /** The most digits an exponent may add to those written when a number is bound to BigInteger. */
    static final int MAX_EXPANSION = 100;

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
            // compared, never expanded: 1e9999 stays a 1 with a scale
            BigDecimal exact = exact(json);
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

    /**
     * A number bound to {@code BigDecimal}, refused when written out in full it would have more
     * than {@link #MAX_DIGITS} digits before or after its point ({@code 1e9999} would make user
     * code that adds to it or prints it plainly expand it).
     */
    static BigDecimal toBigDecimal(Object json) {
        BigDecimal exact = exact(json);
        if (exact.precision() - exact.scale() > MAX_DIGITS || exact.scale() > MAX_DIGITS) {
            throw mismatch("a number of at most " + MAX_DIGITS + " digits before and after the point", json);
        }
        return exact;
    }

    /**
     * A number bound to {@code BigInteger}. Its exponent may add at most {@link #MAX_EXPANSION}
     * digits to those written ({@code 1e100} binds, {@code 1e101} does not): {@code 1e9999}
     * would become a 33,000-bit integer, and a megabyte of them 620 MB.
     */
    static BigInteger toBigInteger(Object json) {
        if (json instanceof BigInteger b) {
            return b;
        }
        BigDecimal exact = exact(json);
        if (exact.signum() == 0) {
            return BigInteger.ZERO;
        }
        exact = exact.stripTrailingZeros();
        if (exact.scale() > 0) {
            throw mismatch("an integer", json);
        }
        if (exact.scale() < -MAX_EXPANSION) {
            throw mismatch("an integer whose exponent adds at most " + MAX_EXPANSION + " digits", json);
        }
        return exact.toBigInteger();
    }

    /** A JSON number as the BigDecimal it was written as, without expanding its exponent. */
    private static BigDecimal exact(Object json) {
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
