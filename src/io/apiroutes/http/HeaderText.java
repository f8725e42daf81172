package io.apiroutes.http;

/**
 * The syntax of request and response heads, written once for both engines: tokens (header names,
 * methods), header values, {@code Host} and {@code Content-Length}.
 */
public final class HeaderText {
    /** The characters of a token (RFC 9110 5.6.2), as bits: chars 0-63, then 64-127. */
    private static final long TOKEN_LOW;
    private static final long TOKEN_HIGH;

    static {
        long low = 0;
        long high = 0;
        for (char c : "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray()) {
            if (c < 64) {
                low |= 1L << c;
            } else {
                high |= 1L << (c - 64);
            }
        }
        TOKEN_LOW = low;
        TOKEN_HIGH = high;
    }

    private HeaderText() {}

    /** An RFC 9110 token: letters, digits and {@code !#$%&'*+-.^_`|~}, at least one. */
    public static boolean isToken(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 128 || ((c < 64 ? TOKEN_LOW >>> c : TOKEN_HIGH >>> (c - 64)) & 1) == 0) {
                return false;
            }
        }
        return !text.isEmpty();
    }

    /** The index of the first character not allowed in a header value (a control other than tab, or past U+00FF), or -1. */
    public static int firstInvalidValueChar(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                return i;
            }
        }
        return -1;
    }

    /**
     * RFC 9112's {@code uri-host [ ":" port ]}: a name or IPv4 address (unreserved characters,
     * sub-delims and percent escapes), or an IPv6 literal in brackets (hex digits, colons and dots),
     * then an optional port of digits.
     */
    public static boolean isHost(String host) {
        int end = host.length();
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && colon > host.lastIndexOf(']')) {
            if (!isDigits(host, colon + 1, end)) {
                return false;
            }
            end = colon;
        }
        if (end == 0) {
            return false;
        }
        if (host.charAt(0) == '[') {
            if (end < 3 || host.charAt(end - 1) != ']') {
                return false;
            }
            for (int i = 1; i < end - 1; i++) {
                char c = host.charAt(i);
                if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < end; i++) {
            char c = host.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-._~!$&'()*+,;=%".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether header values list {@code option} ({@code close} in {@code Connection},
     * {@code Accept-Encoding} in {@code Vary}): comma-separated, any case, spaces and tabs around each ignored.
     *
     * @param values the values of the header's lines, or null for none
     */
    public static boolean listsToken(java.util.List<String> values, String option) {
        if (values != null) {
            for (String value : values) {
                for (String listed : value.split(",")) {
                    if (listed.strip().equalsIgnoreCase(option)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether an answer may be gzip-compressed for a client whose {@code Accept-Encoding} lines are
     * {@code values} (RFC 9110 12.5.3): {@code gzip} (or {@code x-gzip}, or else {@code *}) has a
     * q-value above 0 and {@code identity} is not preferred to it. No header, or a q-value that is
     * not a number, accepts nothing.
     */
    public static boolean acceptsGzip(java.util.List<String> values) {
        double gzip = -1;
        double identity = -1;
        double any = -1;
        for (String value : values == null ? java.util.List.<String>of() : values) {
            for (String item : value.split(",")) {
                String[] parts = item.split(";");
                double q = 1;
                for (int i = 1; i < parts.length; i++) {
                    String parameter = parts[i].strip();
                    if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
                        try {
                            q = Double.parseDouble(parameter.substring(2));
                        } catch (NumberFormatException e) {
                            q = 0;
                        }
                    }
                }
                String coding = parts[0].strip().toLowerCase(java.util.Locale.ROOT);
                if (coding.equals("gzip") || coding.equals("x-gzip")) {
                    gzip = q;
                } else if (coding.equals("identity")) {
                    identity = q;
                } else if (coding.equals("*")) {
                    any = q;
                }
            }
        }
        gzip = gzip < 0 ? any : gzip;
        return gzip > 0 && gzip >= (identity < 0 ? any : identity);
    }

    /** The 431 message for a head with more than {@code max} header lines, the same on both engines. */
    public static String tooManyFields(int max) {
        return "Too many header fields (at most " + max + ")";
    }

    /** A {@code Content-Length} value: digits only, one to 18 of them (so it fits a {@code long}). */
    public static boolean isContentLength(String value) {
        return !value.isEmpty() && value.length() <= 18 && isDigits(value, 0, value.length());
    }

    private static boolean isDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
