package io.apiroutes;

import io.apiroutes.http.HeaderText;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A CORS policy: which origins a browser may call the API from. Off unless a route
 * ({@link RouteConfig#withCors}) or the server ({@link ApiServer.Builder#cors}, {@code --cors-origin})
 * sets one.
 *
 * <p>Origins are compared exactly (scheme, host, port), never by pattern. A request from an
 * allowed origin gets {@code Access-Control-Allow-Origin} with that origin; every answer of the
 * route says {@code Vary: Origin}; a preflight ({@code OPTIONS} with
 * {@code Access-Control-Request-Method}) is answered 204 by the server, without running the
 * handler, with the methods the route answers. {@code *} allows any origin without credentials,
 * and is refused with them. {@code Origin: null} (sandboxed frames, local files) is never allowed.
 *
 * <pre>{@code
 * Cors.allow("https://app.example.com").withCredentials().withHeaders("Authorization")
 * }</pre>
 *
 * @param origins the allowed origins, {@code https://host[:port]}, or {@code *}
 * @param credentials whether browsers may send cookies and read the answer
 *     ({@code Access-Control-Allow-Credentials: true})
 * @param headers the request headers a preflight allows, besides {@code Content-Type}
 * @param maxAge how long a browser may keep a preflight's answer; null for its default
 * @param exposed the answer's headers a page's script may read besides the always-readable ones
 *     ({@code Access-Control-Expose-Headers}), such as {@code X-Request-Id} or {@code Location}
 */
public record Cors(List<String> origins, boolean credentials, List<String> headers, Duration maxAge, List<String> exposed) {

    /**
     * Checks the policy.
     *
     * @param origins the allowed origins
     * @param credentials whether credentials are allowed
     * @param headers the allowed request headers
     * @param maxAge the preflight cache time, or null
     * @param exposed the answer headers scripts may read
     * @throws IllegalArgumentException for an origin that is not {@code scheme://host[:port]} in
     *     lower case (as browsers send it) or {@code *}, for {@code null} as an origin, for credentials with {@code *}, or for a
     *     header name that is not a token
     */
    public Cors {
        origins = List.copyOf(origins);
        headers = List.copyOf(headers);
        exposed = List.copyOf(exposed);
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("a CORS policy needs at least one origin");
        }
        for (String origin : origins) {
            if (!origin.equals("*") && !isOrigin(origin)) {
                throw new IllegalArgumentException("not an origin (scheme://host[:port], or *): '" + origin + "'");
            }
        }
        if (credentials && origins.contains("*")) {
            throw new IllegalArgumentException("credentials cannot be allowed for every origin (*): list the origins");
        }
        for (List<String> names : List.of(headers, exposed)) {
            for (String header : names) {
                if (!HeaderText.isToken(header)) {
                    throw new IllegalArgumentException("not a header name: '" + header + "'");
                }
            }
        }
    }

    /**
     * Allows these origins, without credentials.
     *
     * @param origins exact origins such as {@code https://app.example.com}, or {@code *}
     * @return the policy
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static Cors allow(String... origins) {
        return new Cors(List.of(origins), false, List.of(), null, List.of());
    }

    /**
     * Returns this policy with credentials allowed: cookies go with the browser's requests.
     *
     * @return a copy that allows credentials
     * @throws IllegalArgumentException when the policy allows {@code *}
     */
    public Cors withCredentials() {
        return new Cors(origins, true, headers, maxAge, exposed);
    }

    /**
     * Returns this policy allowing these request headers in preflights, such as {@code Authorization}.
     *
     * @param names header names
     * @return a copy with the headers
     */
    public Cors withHeaders(String... names) {
        return new Cors(origins, credentials, List.of(names), maxAge, exposed);
    }

    /**
     * Returns this policy letting browsers keep a preflight's answer this long.
     *
     * @param age the time; browsers cap it (Chrome at 2 hours)
     * @return a copy with {@code Access-Control-Max-Age}
     */
    public Cors withMaxAge(Duration age) {
        return new Cors(origins, credentials, headers, Objects.requireNonNull(age, "age"), exposed);
    }

    /**
     * Returns this policy letting a page's script read these headers of the answers, such as
     * {@code X-Request-Id}: browsers show a cross-origin script only a few headers unless told.
     *
     * @param names header names
     * @return a copy with {@code Access-Control-Expose-Headers}
     */
    public Cors withExposedHeaders(String... names) {
        return new Cors(origins, credentials, headers, maxAge, List.of(names));
    }

    /**
     * Returns the value of {@code Access-Control-Allow-Origin} for a request from an origin.
     *
     * @param origin the request's {@code Origin}, or null
     * @return the origin itself when listed, {@code *} when every origin is, or null when it is not allowed
     */
    public String allowOrigin(String origin) {
        if (origin == null || origin.equals("null")) {
            return null;
        }
        if (origins.contains(origin)) {
            return origin;
        }
        return origins.contains("*") ? "*" : null;
    }

    private static boolean isOrigin(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            return scheme != null && uri.getHost() != null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null
                    && text.equals(text.toLowerCase(Locale.ROOT)) && text.equals(scheme + "://" + uri.getRawAuthority());
        } catch (Exception e) {
            return false;
        }
    }
}
