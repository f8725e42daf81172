package io.apiroutes.http;

import com.sun.net.httpserver.Headers;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The proxies a server trusts (addresses and CIDR blocks, IPv4 and IPv6), and what their
 * {@code Forwarded} (RFC 7239) or {@code X-Forwarded-For}/{@code -Proto}/{@code -Host} headers
 * say about the client. The chain is walked from the right, from the peer, and stops at the
 * first hop that is not trusted: what a client wrote to the left of it is never believed.
 * A server without trusted proxies has none of this (and does not load it).
 */
public final class ProxyTrust {
    /** One {@code name=value} of {@code Forwarded} and what ends it: a token or a quoted string, then ; or , or the end. */
    private static final Pattern PAIR = Pattern.compile(
            "\\G\\s*([^=;,\\s]+)\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|([^;,\"]*?))\\s*([;,]|$)");

    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

    /** [IPv6](:port), IPv4(:port), or IPv6. */
    private static final Pattern ADDRESS = Pattern.compile("\\[([\\p{XDigit}:.]+)](:\\d+)?|((?:" + OCTET + "\\.){3}"
            + OCTET + ")(:\\d+)?|([\\p{XDigit}.]*:[\\p{XDigit}:.]*)");

    private final byte[][] networks;
    private final int[] prefixes;

    private ProxyTrust(byte[][] networks, int[] prefixes) {
        this.networks = networks;
        this.prefixes = prefixes;
    }

    /**
     * Reads a list of addresses and CIDR blocks: {@code 10.0.0.0/8, 127.0.0.1, ::1, fd00::/8}.
     *
     * @throws IllegalArgumentException naming an entry that is not one
     */
    public static ProxyTrust parse(List<String> entries) {
        byte[][] networks = new byte[entries.size()][];
        int[] prefixes = new int[entries.size()];
        for (int i = 0; i < networks.length; i++) {
            String entry = entries.get(i).trim();
            int slash = entry.indexOf('/');
            InetAddress address = address(slash < 0 ? entry : entry.substring(0, slash));
            int bits = address == null ? 0 : address.getAddress().length * 8;
            try {
                prefixes[i] = slash < 0 ? bits : Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefixes[i] = -1;
            }
            if (address == null || prefixes[i] < 0 || prefixes[i] > bits) {
                throw new IllegalArgumentException("not an IP address or CIDR block: '" + entry + "'");
            }
            networks[i] = address.getAddress();
        }
        return new ProxyTrust(networks, prefixes);
    }

    boolean trusts(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < networks.length; i++) {
            byte[] network = networks[i];
            int bits = prefixes[i];
            boolean match = network.length == bytes.length;
            for (int b = 0; match && b < bits; b += 8) {
                int mask = 0xff00 >> Math.min(8, bits - b) & 0xff;
                match = ((network[b / 8] ^ bytes[b / 8]) & mask) == 0;
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    /**
     * Finds the client behind the trusted proxies: walks the chain from the peer leftwards while
     * the hop is trusted. A hop that is not an IP address ({@code unknown}, an obfuscated name,
     * junk) ends the walk at the last address known.
     *
     * @param seen receives the scheme ({@code http} or {@code https}) and the host the last
     *     trusted proxy was asked for; left null when no proxy said
     * @return the client's address; the peer when it is not trusted
     */
    public InetAddress client(InetAddress peer, Headers headers, String[] seen) {
        if (!trusts(peer)) {
            return peer;
        }
        List<String[]> hops = hops(headers);
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String[] hop = hops.get(i);
            InetAddress address = address(hop[0]);
            if (address == null) {
                break;
            }
            client = address;
            String scheme = hop[1] == null ? "" : hop[1].toLowerCase(Locale.ROOT);
            seen[0] = scheme.matches("https?") ? scheme : null;
            seen[1] = hop[2] != null && !hop[2].isEmpty() && HeaderText.isHost(hop[2]) ? hop[2] : null;
            if (!trusts(address)) {
                break;
            }
        }
        return client;
    }

    /**
     * The hops as {for, proto, host}: from {@code Forwarded} when there is one (none when it is
     * malformed), else from {@code X-Forwarded-For}, with the {@code -Proto} and {@code -Host}
     * entries at the same place from the right (or the leftmost, when there are fewer).
     */
    private static List<String[]> hops(Headers headers) {
        List<String[]> hops = new ArrayList<>();
        List<String> forwarded = headers.get("Forwarded");
        if (forwarded != null) {
            String text = String.join(",", forwarded);
            Matcher pair = PAIR.matcher(text);
            String[] hop = new String[3];
            int end = 0;
            while (pair.find()) {
                int slot = List.of("for", "proto", "host").indexOf(pair.group(1).toLowerCase(Locale.ROOT));
                if (slot >= 0) {
                    hop[slot] = pair.group(3) != null ? pair.group(3).replaceAll("\\\\(.)", "$1") : pair.group(4);
                }
                if (!pair.group(5).equals(";")) {
                    hops.add(hop);
                    hop = new String[3];
                }
                end = pair.end();
            }
            return end == text.length() ? hops : List.of();
        }
        String[] fors = entries(headers, "X-Forwarded-For");
        String[] protos = entries(headers, "X-Forwarded-Proto");
        String[] hosts = entries(headers, "X-Forwarded-Host");
        for (int i = 0; i < fors.length; i++) {
            int fromRight = fors.length - i;
            hops.add(new String[] {fors[i], protos[Math.max(0, protos.length - fromRight)],
                hosts[Math.max(0, hosts.length - fromRight)]});
        }
        return hops;
    }

    /** The entries of a comma-separated header, all its lines; one empty entry when there is none. */
    private static String[] entries(Headers headers, String name) {
        return String.join(",", headers.getOrDefault(name, List.of())).trim().split("\\s*,\\s*");
    }

    /**
     * An IP literal, never a name lookup: a dotted IPv4 address or an IPv6 one, either with a port
     * ({@code 192.0.2.1:80}, {@code [2001:db8::1]:80}); null for anything else.
     */
    static InetAddress address(String text) {
        Matcher m = ADDRESS.matcher(text == null ? "" : text);
        try {
            // Only a strict dotted quad, or an IPv6 literal in brackets, reaches the JDK: it reads
            // them as literals, and refuses a bad IPv6 one without looking a name up.
            return m.matches() ? InetAddress.getByName(m.group(3) != null ? m.group(3)
                    : "[" + (m.group(1) != null ? m.group(1) : m.group(5)) + "]") : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
