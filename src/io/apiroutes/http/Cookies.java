package io.apiroutes.http;

import io.apiroutes.CookieOptions;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cookies in and out, as the {@code cookie} package behind Next.js reads and writes them. In:
 * {@code Cookie} pairs split on {@code ;}, the first value of a name wins, quoted values are
 * unquoted, percent-escapes are decoded when they are valid, and pieces without a name or an
 * {@code =} are skipped. Out: a {@code Set-Cookie} value whose name is a token and whose value is
 * percent-encoded wherever a byte is not allowed in a cookie (so that reading it back gives it).
 */
public final class Cookies {
    private Cookies() {}

    public static Map<String, String> parse(List<String> headers) {
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : headers) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = pair.substring(0, eq).trim();
                if (name.isEmpty() || cookies.containsKey(name)) {
                    continue;
                }
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                    value = value.substring(1, value.length() - 1);
                }
                if (value.indexOf('%') >= 0) {
                    try {
                        value = PercentDecoding.decode(value, false);
                    } catch (IllegalArgumentException e) {
                        // keep the raw value, as the cookie package does when decoding fails
                    }
                }
                cookies.put(name, value);
            }
        }
        return Collections.unmodifiableMap(cookies);
    }

    /**
     * The {@code Set-Cookie} value for a cookie.
     *
     * @throws IllegalArgumentException when the name is not a token
     */
    public static String setCookie(String name, String value, CookieOptions options) {
        if (!HeaderText.isToken(name)) {
            throw new IllegalArgumentException("not a cookie name: '" + name + "'");
        }
        StringBuilder cookie = new StringBuilder(name).append('=');
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            // RFC 6265 cookie-octet: visible ASCII but '"', ',', ';', '\\'; '%' too, so that it reads back
            if (c > 0x20 && c < 0x7f && c != '"' && c != ',' && c != ';' && c != '\\' && c != '%') {
                cookie.append((char) c);
            } else {
                cookie.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        if (options.path() != null) {
            cookie.append("; Path=").append(options.path());
        }
        if (options.domain() != null) {
            cookie.append("; Domain=").append(options.domain());
        }
        if (options.maxAge() != null) {
            long seconds = options.maxAge().getSeconds();
            cookie.append("; Max-Age=").append(seconds);
            if (seconds == 0) {
                cookie.append("; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
            }
        }
        if (options.secure()) {
            cookie.append("; Secure");
        }
        if (options.httpOnly()) {
            cookie.append("; HttpOnly");
        }
        if (options.sameSite() != null) {
            cookie.append("; SameSite=").append(options.sameSite());
        }
        return cookie.toString();
    }
}
