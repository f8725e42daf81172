package io.apiroutes.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Host} values a server answers, against DNS rebinding: a page on another site whose
 * owner points its name at 127.0.0.1 reaches a server on loopback from the victim's browser, same
 * origin as far as the browser knows, with that name in {@code Host}. Always allowed: {@code
 * localhost} and its subdomains (browsers resolve them to loopback themselves, and no one can
 * register them), IP addresses (the browser connects to the address it sends, so there is no name
 * to re-point), and the interface the server was told to listen on; then the names given, compared
 * without case and port. {@code .example.com} (or {@code *.example.com}) allows that name and its
 * subdomains; {@code *} or {@code all} allows any.
 */
public final class AllowedHosts {
    /** An entry: {@code name}, {@code .name} or {@code *.name} for its subdomains too, an IPv6 literal; a port, ignored. */
    private static final Pattern ENTRY = Pattern.compile("(\\*?\\.)?([a-z0-9_-]+(?:\\.[a-z0-9_-]+)*|\\[[0-9a-f:.]+])(?::\\d*)?");

    private final Set<String> names;
    private final List<String> suffixes;
    private final boolean any;

    private AllowedHosts(Set<String> names, List<String> suffixes, boolean any) {
        this.names = names;
        this.suffixes = suffixes;
        this.any = any;
    }

    /**
     * The hosts allowed besides loopback and addresses.
     *
     * @param entries host names, with or without a port; blank ones are skipped
     * @param bound the interface the server listens on, or null for all
     * @throws IllegalArgumentException naming an entry that is not a host
     */
    public static AllowedHosts of(List<String> entries, String bound) {
        Set<String> names = new HashSet<>();
        List<String> suffixes = new ArrayList<>(List.of(".localhost"));
        names.add("localhost");
        boolean any = false;
        for (String entry : entries) {
            String host = entry.trim().toLowerCase(Locale.ROOT);
            if (host.equals("*") || host.equals("all")) {
                any = true;
            } else if (!host.isEmpty()) {
                Matcher name = ENTRY.matcher(host);
                if (!name.matches()) {
                    throw new IllegalArgumentException("not a host name: '" + entry.trim() + "'");
                }
                names.add(name.group(2));
                if (name.group(1) != null) {
                    suffixes.add("." + name.group(2));
                }
            }
        }
        if (bound != null && HeaderText.isHost(bound)) {
            names.add(withoutPort(bound.toLowerCase(Locale.ROOT)));
        }
        return new AllowedHosts(Set.copyOf(names), List.copyOf(suffixes), any);
    }

    /** Whether a request with this {@code Host} header (null when it has none) is answered. */
    public boolean allows(String header) {
        if (any) {
            return true;
        }
        if (header == null || !HeaderText.isHost(header)) {
            return false;
        }
        String host = withoutPort(header.toLowerCase(Locale.ROOT));
        if (host.startsWith("[") || isIPv4(host) || names.contains(host)) {
            return true;
        }
        for (String suffix : suffixes) {
            if (host.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /** The error message of a refused request: what was refused, and how to allow it. */
    public static String refusal(String header) {
        if (header == null) {
            return "A request without Host is not answered here (DNS rebinding protection)";
        }
        String host = withoutPort(header.toLowerCase(Locale.ROOT));
        return "Host " + host + " is not allowed (DNS rebinding protection); to allow it: --allowed-hosts " + host;
    }

    /** {@code host[:port]} without the port; an IPv6 literal keeps its brackets. */
    private static String withoutPort(String host) {
        int colon = host.lastIndexOf(':');
        return colon >= 0 && host.indexOf(']', colon) < 0 ? host.substring(0, colon) : host;
    }

    /** Dotted-quad IPv4, as browsers write every IPv4 host they send. */
    private static boolean isIPv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!part.matches("[0-9]{1,3}") || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
