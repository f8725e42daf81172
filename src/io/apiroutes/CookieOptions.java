package io.apiroutes;

import io.apiroutes.http.HeaderText;
import java.time.Duration;

/**
 * The attributes of a cookie a response sets ({@link ApiResponse#cookie(String, String, CookieOptions)}).
 * The defaults are the safe ones: {@code Path=/}, {@code HttpOnly}, {@code SameSite=Lax}, a
 * session cookie (no {@code Max-Age}).
 *
 * <pre>{@code
 * res.cookie("session", id, CookieOptions.defaults().withSecure().withMaxAge(Duration.ofDays(7)));
 * }</pre>
 *
 * @param path the {@code Path}, or null for none
 * @param domain the {@code Domain}, or null for the host alone
 * @param maxAge the {@code Max-Age} (whole seconds), or null for a session cookie
 * @param secure whether {@code Secure} is set (sent over HTTPS only)
 * @param httpOnly whether {@code HttpOnly} is set (hidden from scripts)
 * @param sameSite {@code Strict}, {@code Lax} or {@code None} ({@code None} needs {@code secure}), or null for none
 */
public record CookieOptions(String path, String domain, Duration maxAge, boolean secure, boolean httpOnly,
                            String sameSite) {
    private static final CookieOptions DEFAULTS = new CookieOptions("/", null, null, false, true, "Lax");

    /**
     * Checks the attributes.
     *
     * @param path the path, or null
     * @param domain the domain, or null
     * @param maxAge the age, or null
     * @param secure whether {@code Secure} is set
     * @param httpOnly whether {@code HttpOnly} is set
     * @param sameSite the {@code SameSite} value, or null
     * @throws IllegalArgumentException for a path or domain with a control character or {@code ;},
     *     a negative age, a {@code SameSite} other than the three, or {@code None} without {@code secure}
     */
    public CookieOptions {
        for (String attribute : new String[] {path, domain}) {
            if (attribute != null && (attribute.indexOf(';') >= 0 || HeaderText.firstInvalidValueChar(attribute) >= 0)) {
                throw new IllegalArgumentException("a cookie path or domain must not hold ';' or a control character: " + attribute);
            }
        }
        if (maxAge != null && maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
        }
        if (sameSite != null && !sameSite.equals("Strict") && !sameSite.equals("Lax") && !sameSite.equals("None")) {
            throw new IllegalArgumentException("sameSite is Strict, Lax or None, not " + sameSite);
        }
        if ("None".equals(sameSite) && !secure) {
            throw new IllegalArgumentException("SameSite=None needs Secure: browsers drop the cookie otherwise");
        }
    }

    /**
     * Returns the defaults: {@code Path=/; HttpOnly; SameSite=Lax}, a session cookie.
     *
     * @return the default attributes
     */
    public static CookieOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns these attributes with {@code Secure}.
     *
     * @return a copy with {@code secure} true
     */
    public CookieOptions withSecure() {
        return new CookieOptions(path, domain, maxAge, true, httpOnly, sameSite);
    }

    /**
     * Returns these attributes with a {@code Max-Age}.
     *
     * @param age how long the browser keeps the cookie
     * @return a copy with the age
     */
    public CookieOptions withMaxAge(Duration age) {
        return new CookieOptions(path, domain, age, secure, httpOnly, sameSite);
    }

    /**
     * Returns these attributes with a {@code Domain}, which shares the cookie with sub-domains.
     *
     * @param domain e.g. {@code example.com}
     * @return a copy with the domain
     */
    public CookieOptions withDomain(String domain) {
        return new CookieOptions(path, domain, maxAge, secure, httpOnly, sameSite);
    }

    /**
     * Returns these attributes with another {@code Path}.
     *
     * @param path e.g. {@code /api}
     * @return a copy with the path
     */
    public CookieOptions withPath(String path) {
        return new CookieOptions(path, domain, maxAge, secure, httpOnly, sameSite);
    }

    /**
     * Returns these attributes with another {@code SameSite}.
     *
     * @param sameSite {@code Strict}, {@code Lax} or {@code None} (with {@link #withSecure()} first)
     * @return a copy with the value
     */
    public CookieOptions withSameSite(String sameSite) {
        return new CookieOptions(path, domain, maxAge, secure, httpOnly, sameSite);
    }

    /**
     * Returns these attributes without {@code HttpOnly}: scripts in the page can read the cookie.
     *
     * @return a copy with {@code httpOnly} false
     */
    public CookieOptions withoutHttpOnly() {
        return new CookieOptions(path, domain, maxAge, secure, false, sameSite);
    }
}
