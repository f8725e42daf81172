package io.apiroutes.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyTrustTest {
    private static final ProxyTrust TRUST = ProxyTrust.parse(List.of("127.0.0.1", "10.0.0.0/8", " fd00::/8 ", "::1"));

    private static InetAddress ip(String literal) {
        InetAddress address = ProxyTrust.address(literal);
        if (address == null) {
            throw new AssertionError("not an address: " + literal);
        }
        return address;
    }

    private static Headers headers(String... nameValue) {
        Headers headers = new Headers();
        for (int i = 0; i < nameValue.length; i += 2) {
            headers.add(nameValue[i], nameValue[i + 1]);
        }
        return headers;
    }

    /** The client, then the scheme and host, as {@code client|scheme|host}. */
    private static String walk(String peer, String... nameValue) {
        String[] seen = new String[2];
        InetAddress client = TRUST.client(ip(peer), headers(nameValue), seen);
        return client.getHostAddress() + "|" + seen[0] + "|" + seen[1];
    }

    @Test
    void address_readsLiteralsWithOrWithoutAPort() {
        assertEquals("192.0.2.1", ip("192.0.2.1").getHostAddress());
        assertEquals("192.0.2.1", ip("192.0.2.1:8080").getHostAddress());
        assertEquals("2001:db8:0:0:0:0:0:1", ip("2001:db8::1").getHostAddress());
        assertEquals("2001:db8:0:0:0:0:0:1", ip("[2001:db8::1]").getHostAddress());
        assertEquals("2001:db8:0:0:0:0:0:1", ip("[2001:db8::1]:4711").getHostAddress());
        assertEquals("0:0:0:0:0:0:0:1", ip("::1").getHostAddress());
        assertEquals("192.0.2.1", ip("::ffff:192.0.2.1").getHostAddress());
    }

    @Test
    void address_refusesAnythingButALiteral_withoutLookingANameUp() {
        for (String junk : new String[] {null, "", "unknown", "_hidden", "localhost", "example.com", "999.1.1.1",
                "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.4:", "1.2.3.4:x", "::1%eth0", "fe80::1%1", "[::1", "::1]",
                "[::1]x", "12345::", "g::1", "1::2::3", " 1.2.3.4", "1.2.3.4 ", "[1.2.3.4]:80:80", "0x7f.0.0.1"}) {
            assertNull(ProxyTrust.address(junk), junk);
        }
    }

    @Test
    void parse_readsAddressesAndCidrBlocks_andNamesABadEntry() {
        assertTrue(TRUST.trusts(ip("127.0.0.1")));
        assertFalse(TRUST.trusts(ip("127.0.0.2")));
        assertTrue(TRUST.trusts(ip("10.255.255.255")));
        assertFalse(TRUST.trusts(ip("11.0.0.0")));
        assertTrue(TRUST.trusts(ip("fd12:3456::1")));
        assertFalse(TRUST.trusts(ip("fe00::1")));
        assertTrue(TRUST.trusts(ip("::1")));
        assertFalse(TRUST.trusts(ip("::2")));
        for (String bad : new String[] {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/x", "proxy.local", ""}) {
            assertEquals("not an IP address or CIDR block: '" + bad + "'",
                    assertThrows(IllegalArgumentException.class, () -> ProxyTrust.parse(List.of(bad))).getMessage());
        }
    }

    @Test
    void trusts_comparesOnlyThePrefixBits() {
        ProxyTrust trust = ProxyTrust.parse(List.of("192.168.4.0/22", "2001:db8:80::/41", "0.0.0.0/0"));
        ProxyTrust narrow = ProxyTrust.parse(List.of("192.168.4.0/22", "2001:db8:80::/41"));

        assertTrue(narrow.trusts(ip("192.168.7.255")));
        assertFalse(narrow.trusts(ip("192.168.8.0")));
        assertFalse(narrow.trusts(ip("192.168.3.255")));
        assertTrue(narrow.trusts(ip("2001:db8:ff::1")));
        assertFalse(narrow.trusts(ip("2001:db8:7f::1")));
        assertTrue(trust.trusts(ip("8.8.8.8")));
        assertFalse(trust.trusts(ip("2001:db9::1"))); // an IPv4 block never covers IPv6
    }

    @Test
    void client_isThePeerWhenThePeerIsNotTrusted_whateverItClaims() {
        assertEquals("203.0.113.5|null|null", walk("203.0.113.5", "X-Forwarded-For", "127.0.0.1",
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example"));
        assertEquals("203.0.113.5|null|null", walk("203.0.113.5", "Forwarded", "for=10.0.0.1;proto=https"));
    }

    @Test
    void client_walksFromTheRightAndStopsAtTheFirstUntrustedHop() {
        // the client wrote "1.1.1.1, 10.9.9.9" itself; nginx (10.0.0.2) appended the real peer, 198.51.100.7
        assertEquals("198.51.100.7|https|api.example.com", walk("127.0.0.1",
                "X-Forwarded-For", "1.1.1.1, 10.9.9.9, 198.51.100.7, 10.0.0.2",
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.example.com"));
        // every hop trusted: the leftmost is the client
        assertEquals("10.1.1.1|null|null", walk("127.0.0.1", "X-Forwarded-For", "10.1.1.1, 10.0.0.2"));
        // several header lines are one list
        assertEquals("198.51.100.7|null|null", walk("10.0.0.3",
                "X-Forwarded-For", "1.1.1.1", "X-Forwarded-For", "198.51.100.7, 10.0.0.2"));
    }

    @Test
    void client_takesProtoAndHostFromTheSameHopCountedFromTheRight() {
        assertEquals("198.51.100.7|https|a.example|", walk("127.0.0.1",
                "X-Forwarded-For", "198.51.100.7, 10.0.0.2",
                "X-Forwarded-Proto", "https, http", "X-Forwarded-Host", "a.example, internal") + "|");
        // fewer entries than hops: the leftmost
        assertEquals("198.51.100.7|https|null", walk("127.0.0.1",
                "X-Forwarded-For", "198.51.100.7, 10.0.0.2, 10.0.0.3", "X-Forwarded-Proto", "https"));
        // not a scheme or not a host: ignored
        assertEquals("198.51.100.7|null|null", walk("127.0.0.1", "X-Forwarded-For", "198.51.100.7",
                "X-Forwarded-Proto", "javascript", "X-Forwarded-Host", "a b/c"));
        assertEquals("198.51.100.7|https|[2001:db8::1]:8443", walk("127.0.0.1", "X-Forwarded-For", "198.51.100.7",
                "X-Forwarded-Proto", "HTTPS", "X-Forwarded-Host", "[2001:db8::1]:8443"));
    }

    @Test
    void client_stopsAtAHopThatIsNotAnAddress() {
        assertEquals("10.0.0.2|null|null", walk("127.0.0.1", "X-Forwarded-For", "198.51.100.7, unknown, 10.0.0.2"));
        assertEquals("127.0.0.1|null|null", walk("127.0.0.1", "X-Forwarded-For", ""));
        assertEquals("127.0.0.1|null|null", walk("127.0.0.1", "X-Forwarded-For", "example.com"));
    }

    @Test
    void client_readsForwardedBeforeXForwardedFor() {
        assertEquals("198.51.100.7|https|example.com", walk("127.0.0.1",
                "X-Forwarded-For", "6.6.6.6",
                "Forwarded", "for=1.1.1.1, For=\"198.51.100.7:5000\";Proto=https;host=example.com, for=10.0.0.2;proto=http"));
        assertEquals("2001:db8:cafe:0:0:0:0:17|null|null", walk("::1",
                "Forwarded", "for=\"[2001:db8:cafe::17]:4711\""));
        assertEquals("198.51.100.7|http|a.example", walk("127.0.0.1",
                "Forwarded", "for=198.51.100.7 ; proto=http ; host=\"a\\.example\" ; by=10.0.0.2"));
        assertEquals("10.0.0.2|null|null", walk("127.0.0.1", "Forwarded", "for=_hidden, for=10.0.0.2"));
        assertEquals("10.0.0.2|null|null", walk("127.0.0.1", "Forwarded", "for=1.1.1.1 junk, for=10.0.0.2"));
        assertEquals("198.51.100.7|null|null", walk("127.0.0.1", "Forwarded", "for=198.51.100.7,"));
    }

    @Test
    void client_believesNoPartOfAMalformedForwardedHeader() {
        for (String malformed : new String[] {"for=\"198.51.100.7", "198.51.100.7",
                "for", ",", "for=1.1.1.1;;proto=http", "fo r=1.1.1.1", "for=1.1.1.1\"x\""}) {
            assertEquals("127.0.0.1|null|null", walk("127.0.0.1", "Forwarded", malformed,
                    "X-Forwarded-For", "6.6.6.6"), malformed);
        }
    }

    @Test
    void client_walksManyHops() {
        StringBuilder chain = new StringBuilder("198.51.100.7");
        for (int i = 0; i < 200; i++) {
            chain.append(", 10.0.").append(i / 250).append('.').append(i % 250 + 1);
        }

        assertEquals("198.51.100.7|null|null", walk("127.0.0.1", "X-Forwarded-For", chain.toString()));
    }
}
