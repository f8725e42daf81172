package io.apiroutes.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedHostsTest {
    private static final AllowedHosts HOSTS = AllowedHosts.of(List.of(" App.Example ", "b.example:8080", ".dev.example.com",
            "*.preview.example", ""), "myhost.lan");

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:3000", "LOCALHOST:3000", "127.0.0.1", "127.0.0.1:3000", "[::1]",
        "[::1]:3000", "app.localhost:5173", "a.b.localhost", "10.0.0.7:3000", "0.0.0.0:3000", "[fe80::1]:80",
        "app.example", "APP.EXAMPLE:1", "b.example", "b.example:9", "dev.example.com", "x.dev.example.com:3000",
        "a.b.dev.example.com", "preview.example", "pr-7.preview.example", "myhost.lan:3000", "localhost:"})
    void allows_loopbackAddressesAndTheNamesGivenOnAnyPort(String host) {
        assertTrue(HOSTS.allows(host), host);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"evil.example", "evil.example:3000", "localhost.evil.example", "evillocalhost",
        "app.example.evil", "127.0.0.1.evil.example", "1.2.3", "1.2.3.256", "1.2.3.4.5", "x.dev.example.com.evil",
        "devexample.com", "example.com", "localhost.", "myhost.lan.evil", "", "a b", "localhost:80x", "[::1"})
    void allows_notAForeignNameAMissingHostOrAMalformedOne(String host) {
        assertFalse(HOSTS.allows(host), host);
    }

    @Test
    void of_starOrAllAllowsAnyHostEvenNone() {
        for (String any : List.of("*", "ALL")) {
            AllowedHosts hosts = AllowedHosts.of(List.of("a.example", any), null);

            assertTrue(hosts.allows("evil.example:3000"), any);
            assertTrue(hosts.allows(null), any);
        }
    }

    @Test
    void of_aServerOnAllInterfacesAllowsNoMoreNames() {
        AllowedHosts hosts = AllowedHosts.of(List.of(), "0.0.0.0");

        assertTrue(hosts.allows("192.168.1.5:3000"));
        assertFalse(hosts.allows("evil.example"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "http://a.example", "a*.example", "*.", ".", "a.example:x", "-.x y", "[::1"})
    void of_refusesWhatIsNotAHostName(String entry) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AllowedHosts.of(Arrays.asList("ok.example", entry), null));

        assertEquals("not a host name: '" + entry + "'", e.getMessage());
    }

    @Test
    void refusal_namesTheHostAndHowToAllowIt() {
        assertEquals("Host evil.example is not allowed (DNS rebinding protection); to allow it: --allowed-hosts evil.example",
                AllowedHosts.refusal("Evil.Example:3000"));
        assertEquals("A request without Host is not answered here (DNS rebinding protection)", AllowedHosts.refusal(null));
    }
}
