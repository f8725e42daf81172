package io.apiroutes.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A strict RFC 8259 parser working straight on UTF-8 bytes, validating the encoding as it goes.
 *
 * <p>Recursive descent with a nesting cap; every failure is built by {@link #error} or
 * {@link #expected}, which add the position. One instance parses one text.
 *
 * <p>The tree is compact ({@link JsonObject}, {@link JsonArray}, shared empty containers and
 * empty string, keys read once) and its size is bounded: the reader adds up the estimated bytes
 * of what it builds and refuses the text, as "too complex", once they pass its budget. Open
 * containers collect their values on one stack, and each is copied out at its end, sized.
 */
// Longer than 400 lines because it is one recursive-descent parser over one buffer and position (values,
// strings and their UTF-8, numbers, errors with line and column), as minimal-json's JsonParser is.
final class JsonReader {
    /** The nesting cap of the overloads without one. */
    static final int DEFAULT_MAX_DEPTH = 512;
    /** The largest cap a caller may ask for: deeper would risk the thread's stack. */
    static final int MAX_DEPTH_LIMIT = 1024;
    /** The longest number literal accepted, against inputs that make BigInteger work hard. */
    static final int MAX_NUMBER_LENGTH = 1000;
    /** The largest exponent magnitude accepted, as written. */
    static final int MAX_EXPONENT = 9999;
    /**
     * The most estimated tree bytes per byte of input. The costliest shapes measured are 500
     * nested one-element arrays (12 bytes per byte) and short strings ({@code "a",}: 13); ordinary
     * JSON takes 2 to 6 (docs/security.md).
     */
    static final int TREE_BYTES_PER_BYTE = 16;
    /** Tree bytes allowed to any text, for the fixed costs of a short one ({@code {"a":"b"}}). */
    static final int TREE_BYTES_BASE = 1024;

    /** The strings of one ASCII character, shared. Read-only after class initialisation. */
    private static final String[] ONE_CHAR = new String[128];

    static {
        for (int c = 0; c < 128; c++) {
            ONE_CHAR[c] = String.valueOf((char) c);
        }
    }

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    private final byte[] in;
    private final int end;
    private final int maxDepth;
    private final boolean charOffsets;
    /** The most estimated tree bytes allowed, and what is left of them. */
    private final long maxTreeBytes;
    /** The number being read: its first 18 significant digits, and how many significant digits it has. */
    private long mantissa;
    private int significant;
    private long budget;
    private int pos;
    /** The values of the containers being read, innermost last. */
    private Object[] stack = new Object[32];
    private int top;
    private char[] chars;
    /** Whether the last string read has a char past U+00FF, so that Java stores 2 bytes a char. */
    private boolean wide;
    /** Recent object keys by hash: a list of objects repeats its keys, so reuse the Strings. */
    private String[] keys;
    /** The UTF-8 (here ASCII) bytes of each of {@link #keys}. */
    private byte[][] keyBytes;
    /** Objects read to their end; the key cache starts after two, so that one record costs nothing. */
    private int objectsRead;

    /**
     * @param in the UTF-8 text
     * @param maxDepth the deepest nesting of arrays and objects allowed
     * @param maxTreeBytes the most estimated bytes the tree may take
     * @param charOffsets whether error offsets count UTF-16 units (the text came as a String)
     */
    JsonReader(byte[] in, int maxDepth, long maxTreeBytes, boolean charOffsets) {
        this.in = in;
        this.end = in.length;
        this.maxDepth = maxDepth;
        this.maxTreeBytes = maxTreeBytes;
        this.budget = maxTreeBytes;
        this.charOffsets = charOffsets;
    }

    /** Parses the whole input as one JSON value. */
    Object parse() {
        if (end >= 3 && in[0] == (byte) 0xEF && in[1] == (byte) 0xBB && in[2] == (byte) 0xBF) {
            throw error("Unexpected byte order mark U+FEFF", 0, "JSON text must not start with one");
        }
        skipWhitespace();
        Object value = readValue(0);
        skipWhitespace();
        if (pos < end) {
            throw expected("end of input");
        }
        return value;
    }

    private Object readValue(int depth) {
        if (pos >= end) {
            throw expected("a value");
        }
        switch (in[pos]) {
            case '{':
                return readContainer(depth, true);
            case '[':
                return readContainer(depth, false);
            case '"':
                return readStringValue();
            case 't':
                readLiteral("true");
                return Boolean.TRUE;
            case 'f':
                readLiteral("false");
                return Boolean.FALSE;
            case 'n':
                readLiteral("null");
                return null;
            case '-': case '0': case '1': case '2': case '3': case '4':
            case '5': case '6': case '7': case '8': case '9':
                Object number = readNumber();
                charge(bytes(number));
                return number;
            default:
                throw expected("a value");
        }
    }

    /** An object or an array: its keys and values go on the stack, then into one container sized to them. */
    private Object readContainer(int depth, boolean object) {
        checkDepth(depth);
        byte close = object ? (byte) '}' : (byte) ']';
        pos++;
        skipWhitespace();
        if (pos < end && in[pos] == close) {
            pos++;
            return object ? JsonObject.EMPTY : JsonArray.EMPTY;
        }
        int base = top;
        String keyExpectation = "a string key or '}'";
        while (true) {
            if (object) {
                if (pos >= end || in[pos] != '"') {
                    throw expected(keyExpectation);
                }
                push(readKey());
                skipWhitespace();
                if (pos >= end || in[pos] != ':') {
                    throw expected("':'");
                }
                pos++;
                skipWhitespace();
            }
            push(readValue(depth + 1));
            skipWhitespace();
            if (pos < end) {
                byte b = in[pos];
                if (b == ',') {
                    pos++;
                    skipWhitespace();
                    keyExpectation = "a string key";
                    continue;
                }
                if (b == close) {
                    pos++;
                    return container(object, base);
                }
            }
            throw expected(object ? "',' or '}'" : "',' or ']'");
        }
    }

    /** The object or array of what the stack holds from {@code base} on, charged to the tree's bound. */
    private Object container(boolean object, int base) {
        Object container;
        if (object) {
            objectsRead++;
            charge(JsonObject.bytes((top - base) >> 1));
            container = JsonObject.of(stack, base, top);
        } else {
            charge(JsonArray.bytes(top - base));
            container = JsonArray.of(stack, base, top);
        }
        top = base;
        return container;
    }

    private void push(Object value) {
        if (top == stack.length) {
            stack = Arrays.copyOf(stack, top * 2);
        }
        stack[top++] = value;
    }

    /** Counts {@code bytes} more of tree against the budget; past it the text is too complex. */
    private void charge(long bytes) {
        budget -= bytes;
        if (budget < 0) {
            throw error("Too complex", pos, "its value would take more than " + maxTreeBytes + " bytes of memory", true);
        }
    }

    private void checkDepth(int depth) {
        if (depth >= maxDepth) {
            throw error("Nesting too deep", pos, "the limit is " + maxDepth + " levels");
        }
    }

    private void readLiteral(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (pos >= end || in[pos] != word.charAt(i)) {
                throw expected("'" + word + "'");
            }
            pos++;
        }
    }

    private void skipWhitespace() {
        byte[] in = this.in;
        int p = pos;
        while (p < end) {
            byte b = in[p];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                break;
            }
            p++;
        }
        pos = p;
    }

    // ---- strings

    /**
     * A string value or key: the empty string and those of one ASCII character are shared,
     * others cost a String (24 bytes) and its array (16, and a byte a char, or 2 if a char is
     * past U+00FF).
     */
    private String readStringValue() {
        String s = readString();
        int n = s.length();
        if (n == 0) {
            return "";
        }
        if (n == 1 && s.charAt(0) < 128) {
            return ONE_CHAR[s.charAt(0)];
        }
        charge(24 + ((16 + (long) n * (wide ? 2 : 1) + 7) & ~7L));
        return s;
    }

    private String readString() {
        byte[] in = this.in;
        int start = pos + 1;
        int p = start;
        while (p < end) {
            byte b = in[p];
            if (b == '"') {
                pos = p + 1;
                wide = false;
                return p - start == 1 ? ONE_CHAR[in[start]] : new String(in, start, p - start, StandardCharsets.ISO_8859_1);
            }
            if (b == '\\' || b < 0x20) {
                // an escape, a control character, or (negative) a non-ASCII byte
                pos = p;
                return readStringSlow(start);
            }
            p++;
        }
        pos = p;
        throw expected("'\"'");
    }

    /** Reads an object key, reusing the String of an equal short ASCII key read before. */
    private String readKey() {
        if (objectsRead < 2) {
            return readStringValue();
        }
        byte[] in = this.in;
        int start = pos + 1;
        int hash = 0;
        for (int p = start; p < end && p - start <= 32; p++) {
            byte b = in[p];
            if (b == '"') {
                pos = p + 1;
                return cachedKey(start, p - start, hash);
            }
            if (b == '\\' || b < 0x20) {
                break;
            }
            hash = 31 * hash + b;
        }
        return readStringValue();
    }

    /** The ASCII key at {@code [start, start + length)} whose {@link String#hashCode} is {@code hash}. */
    private String cachedKey(int start, int length, int hash) {
        if (length <= 1) {
            return length == 0 ? "" : ONE_CHAR[in[start]];
        }
        String[] cache = keys;
        if (cache == null) {
            cache = new String[64];
            keys = cache;
            keyBytes = new byte[64][];
        }
        int slot = (hash ^ (hash >>> 7)) & 63;
        byte[] bytes = keyBytes[slot];
        if (bytes != null && Arrays.equals(bytes, 0, bytes.length, in, start, start + length)) {
            return cache[slot];
        }
        charge(24 + ((16 + length + 7) & ~7L));
        String key = new String(in, start, length, StandardCharsets.ISO_8859_1);
        cache[slot] = key;
        keyBytes[slot] = Arrays.copyOfRange(in, start, start + length);
        return key;
    }

    private String readStringSlow(int start) {
        int n = pos - start;
        int bits = 0;
        char[] buf = chars(n + 16);
        for (int i = 0; i < n; i++) {
            buf[i] = (char) in[start + i];
        }
        while (true) {
            if (pos >= end) {
                throw expected("'\"'");
            }
            if (buf.length - n < 2) {
                buf = chars(n + 2);
            }
            int b = in[pos];
            if (b == '"') {
                pos++;
                wide = bits > 0xFF;
                return new String(buf, 0, n);
            } else if (b == '\\') {
                pos++;
                char c = readEscape();
                bits |= c;
                buf[n++] = c;
            } else if (b >= 0x20) {
                buf[n++] = (char) b;
                pos++;
            } else if (b >= 0) {
                throw error("Unexpected character " + describe(b), pos,
                        "control characters in strings must be escaped");
            } else {
                int cp = readUtf8(pos);
                bits |= cp;
                if (cp >= 0x10000) {
                    buf[n++] = Character.highSurrogate(cp);
                    buf[n++] = Character.lowSurrogate(cp);
                } else {
                    buf[n++] = (char) cp;
                }
            }
        }
    }

    /** The scratch buffer, grown to at least {@code size} while keeping its content. */
    private char[] chars(int size) {
        char[] buf = chars;
        if (buf == null) {
            buf = new char[Math.max(64, size)];
        } else if (buf.length < size) {
            buf = Arrays.copyOf(buf, Math.max(size, buf.length * 2));
        }
        chars = buf;
        return buf;
    }

    private char readEscape() {
        if (pos >= end) {
            throw expected("an escape sequence");
        }
        byte b = in[pos];
        switch (b) {
            case '"': pos++; return '"';
            case '\\': pos++; return '\\';
            case '/': pos++; return '/';
            case 'b': pos++; return '\b';
            case 'f': pos++; return '\f';
            case 'n': pos++; return '\n';
            case 'r': pos++; return '\r';
            case 't': pos++; return '\t';
            case 'u':
                pos++;
                int c = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = pos < end ? Character.digit(in[pos], 16) : -1;
                    if (digit < 0) {
                        throw expected("a hexadecimal digit");
                    }
                    c = (c << 4) | digit;
                    pos++;
                }
                return (char) c;
            default:
                throw expected("an escape character: one of \" \\ / b f n r t u");
        }
    }

    /**
     * Decodes the UTF-8 sequence at {@code p} (first byte non-ASCII), moves past it and returns
     * its code point; rejects overlong forms, surrogates and code points past U+10FFFF.
     */
    private int readUtf8(int p) {
        int cp = decodeUtf8(p);
        if (cp < 0) {
            throw invalidUtf8(p, -cp - 1);
        }
        pos = p + (cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
        return cp;
    }

    /** The code point at {@code p}, or {@code -(offset of the bad byte) - 1}. */
    private int decodeUtf8(int p) {
        int b0 = in[p] & 0xFF;
        int need;
        int min = 0x80;
        int max = 0xBF;
        int cp;
        if (b0 < 0xC2) {
            return -p - 1;
        } else if (b0 < 0xE0) {
            need = 1;
            cp = b0 & 0x1F;
        } else if (b0 < 0xF0) {
            need = 2;
            cp = b0 & 0x0F;
            if (b0 == 0xE0) {
                min = 0xA0;
            } else if (b0 == 0xED) {
                max = 0x9F;
            }
        } else if (b0 < 0xF5) {
            need = 3;
            cp = b0 & 0x07;
            if (b0 == 0xF0) {
                min = 0x90;
            } else if (b0 == 0xF4) {
                max = 0x8F;
            }
        } else {
            return -p - 1;
        }
        for (int i = 1; i <= need; i++) {
            int q = p + i;
            if (q >= end) {
                return -q - 1;
            }
            int b = in[q] & 0xFF;
            if (b < min || b > max) {
                return -q - 1;
            }
            min = 0x80;
            max = 0xBF;
            cp = (cp << 6) | (b & 0x3F);
        }
        return cp;
    }

    /** The error for the sequence at {@code lead} whose byte at {@code bad} is wrong. */
    private JsonException invalidUtf8(int lead, int bad) {
        if (bad == lead) {
            return error("Invalid UTF-8 byte 0x" + hex(in[lead] & 0xFF, 2), lead, null);
        }
        StringBuilder bytes = new StringBuilder();
        for (int i = lead; i <= bad && i < end; i++) {
            bytes.append(i == lead ? "0x" : " 0x").append(hex(in[i] & 0xFF, 2));
        }
        String what = bad >= end ? "Invalid UTF-8: truncated sequence " : "Invalid UTF-8 sequence ";
        return error(what + bytes, lead, null);
    }

    // ---- numbers

    private Object readNumber() {
        int start = pos;
        boolean negative = in[pos] == '-';
        if (negative) {
            pos++;
        }
        mantissa = 0;
        significant = 0;
        int intStart = pos;
        readIntegerPart();
        int intDigits = pos - intStart;
        int fractionDigits = pos < end && in[pos] == '.' ? readFraction() : -1;
        boolean hasExponent = pos < end && (in[pos] == 'e' || in[pos] == 'E');
        int exponent = hasExponent ? readExponent() : 0;
        if (pos - start > MAX_NUMBER_LENGTH) {
            throw error("Number too long", start, "the limit is " + MAX_NUMBER_LENGTH + " characters");
        }
        if (fractionDigits < 0 && !hasExponent) {
            if (intDigits <= 18) {
                // "-0" is read as Long 0: integers have no negative zero
                return Long.valueOf(negative ? -mantissa : mantissa);
            }
            BigInteger big = new BigInteger(ascii(start, pos));
            return big.bitLength() < 64 ? (Object) Long.valueOf(big.longValue()) : big;
        }
        int exponent10 = exponent - Math.max(fractionDigits, 0);
        if (significant <= 15 && exponent10 >= -22 && exponent10 <= 22) {
            // Exact: mantissa < 2^53 and 10^|e| <= 10^22 are doubles, one rounding (Clinger).
            // A decimal of at most 15 digits in the normal range is its double's shortest form.
            double d = exponent10 >= 0
                    ? mantissa * POWERS_OF_TEN[exponent10]
                    : mantissa / POWERS_OF_TEN[-exponent10];
            return negative ? -d : d;
        }
        return decimal(ascii(start, pos));
    }

    /** Reads the integer part: a single 0, or digits not starting with 0, into the mantissa. */
    private void readIntegerPart() {
        if (pos < end && in[pos] == '0') {
            pos++;
            if (pos < end && isDigit(in[pos])) {
                throw error("Unexpected character " + describe(in[pos]), pos, "leading zeros are not allowed");
            }
            return;
        }
        if (pos >= end || !isDigit(in[pos])) {
            throw expected("a digit");
        }
        while (pos < end && isDigit(in[pos])) {
            addDigit(in[pos] - '0');
            pos++;
        }
    }

    /** Reads {@code .} and the fraction's digits into the mantissa; returns how many there were. */
    private int readFraction() {
        pos++;
        if (pos >= end || !isDigit(in[pos])) {
            throw expected("a digit");
        }
        int digits = 0;
        while (pos < end && isDigit(in[pos])) {
            int digit = in[pos] - '0';
            if (significant > 0 || digit != 0) {
                addDigit(digit);
            }
            digits++;
            pos++;
        }
        return digits;
    }

    /** The first 18 significant digits go into the mantissa; the rest are only counted. */
    private void addDigit(int digit) {
        if (significant < 18) {
            mantissa = mantissa * 10 + digit;
        }
        significant++;
    }

    /** Reads {@code e}, a sign and the exponent's digits; returns the exponent. */
    private int readExponent() {
        pos++;
        boolean negative = false;
        if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
            negative = in[pos] == '-';
            pos++;
        }
        if (pos >= end || !isDigit(in[pos])) {
            throw expected("a digit");
        }
        int exponentStart = pos;
        int exponent = 0;
        while (pos < end && isDigit(in[pos])) {
            if (exponent <= MAX_EXPONENT) {
                exponent = exponent * 10 + (in[pos] - '0');
            }
            pos++;
        }
        if (exponent > MAX_EXPONENT) {
            throw error("Number exponent out of range", exponentStart, "the limit is " + MAX_EXPONENT);
        }
        return negative ? -exponent : exponent;
    }

    /**
     * The value of a number with a fraction or an exponent: a {@code Double} when the text, as a
     * decimal, equals what the writer writes for that double (its shortest form), otherwise a
     * {@code BigDecimal} that keeps every digit.
     */
    private static Object decimal(String text) {
        double d = Double.parseDouble(text);
        BigDecimal exact = new BigDecimal(text);
        if (Double.isFinite(d) && exact.compareTo(new BigDecimal(Double.toString(d))) == 0) {
            return d;
        }
        return exact;
    }

    /**
     * The estimated bytes of a number: none for a Long that {@link Long#valueOf} shares (-128 to
     * 127), 24 for another Long or a Double, 40 and an int array for a BigInteger, and for a
     * BigDecimal 40 and, past a long, a BigInteger.
     */
    private static long bytes(Object number) {
        if (number instanceof Long n) {
            return n >= -128 && n <= 127 ? 0 : 24;
        }
        BigInteger big = number instanceof BigInteger b ? b
                : number instanceof BigDecimal d && d.precision() > 18 ? d.unscaledValue() : null;
        long bigBytes = big == null ? 0 : 40 + ((16 + 4L * ((big.bitLength() + 31) >> 5) + 7) & ~7L);
        return number instanceof BigDecimal ? 40 + bigBytes : big != null ? bigBytes : 24;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private String ascii(int from, int to) {
        return new String(in, from, to - from, StandardCharsets.ISO_8859_1);
    }

    // ---- errors

    /** An error for the input at the current position, which is not {@code expectation}. */
    private JsonException expected(String expectation) {
        if (pos >= end) {
            return error("Unexpected end of input", pos, "expected " + expectation);
        }
        int b = in[pos];
        if (b >= 0) {
            return error("Unexpected character " + describe(b), pos, "expected " + expectation);
        }
        int cp = decodeUtf8(pos);
        if (cp < 0) {
            return invalidUtf8(pos, -cp - 1);
        }
        return error("Unexpected character " + describe(cp), pos, "expected " + expectation);
    }

    /**
     * Builds every parse error: {@code what at line:column (offset n), detail}.
     *
     * @param offset the byte offset; reported in chars when the input came as a String
     */
    private JsonException error(String what, int offset, String detail) {
        return error(what, offset, detail, false);
    }

    private JsonException error(String what, int offset, String detail, boolean tooComplex) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            byte b = in[i];
            if (b == '\n' || (b == '\r' && (i + 1 >= end || in[i + 1] != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        int column = 1;
        for (int i = lineStart; i < offset; i++) {
            if ((in[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        int reported = offset;
        if (charOffsets) {
            reported = 0;
            for (int i = 0; i < offset; i++) {
                int b = in[i] & 0xFF;
                if (b >= 0xF0) {
                    reported += 2;
                } else if ((b & 0xC0) != 0x80) {
                    reported++;
                }
            }
        }
        String message = what + " at " + line + ":" + column + " (offset " + reported + ")"
                + (detail == null ? "" : ", " + detail);
        return new JsonException(message, reported, line, column, tooComplex);
    }

    /** A code point as the messages show it: {@code '}'} if printable ASCII, else U+XXXX. */
    private static String describe(int cp) {
        if (cp > 0x20 && cp < 0x7F) {
            return "'" + (char) cp + "'";
        }
        return "U+" + hex(cp, 4);
    }

    private static String hex(int value, int width) {
        StringBuilder sb = new StringBuilder(Integer.toHexString(value).toUpperCase(Locale.ROOT));
        while (sb.length() < width) {
            sb.insert(0, '0');
        }
        return sb.toString();
    }

    // ---- String input

    /**
     * Encodes {@code text} as UTF-8 for parsing; a lone surrogate {@code char} (which UTF-8
     * cannot carry, and which {@link String#getBytes} would silently replace) is a parse error.
     */
    static byte[] utf8(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    throw loneSurrogate(text, i);
                }
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonException loneSurrogate(String text, int index) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < index; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                column = 1;
            } else if (!Character.isLowSurrogate(c) || i == 0 || !Character.isHighSurrogate(text.charAt(i - 1))) {
                column++;
            }
        }
        String message = "Invalid character: lone surrogate U+" + hex(text.charAt(index), 4)
                + " at " + line + ":" + column + " (offset " + index + ")";
        return new JsonException(message, index, line, column, false);
    }
}
