package io.apiroutes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void parse_defaultsToPort3000OnAllInterfaces() {
        assertEquals(new CommandLine(3000, null, 10, false, false, false, null, null, "/livez", "/readyz", null, null, null, CommandLine.Capacity.DEFAULTS, 1024, null, null, -1, 0),
                CommandLine.parse(new String[0], Map.of()));
    }

    @Test
    void parse_flagsWinOverTheEnvironment() {
        Map<String, String> env = Map.of("PORT", "8080", "HOST", "0.0.0.0", "SHUTDOWN_GRACE", "3",
                "LIVE_PATH", "/alive", "READY_PATH", "off", "TRUST_PROXY", "10.0.0.0/8");

        assertEquals(new CommandLine(8080, "0.0.0.0", 3, false, false, false, null, null, "/alive", null, "10.0.0.0/8", null, null, CommandLine.Capacity.DEFAULTS, 1024, null, null, -1, 0),
                CommandLine.parse(new String[0], env));
        assertEquals(new CommandLine(9000, "127.0.0.1", 1, false, false, true, null, null, null, "/ready", "127.0.0.1,::1", null, null, CommandLine.Capacity.DEFAULTS, 1024, null, null, -1, 0),
                CommandLine.parse(new String[] {"--port", "9000", "--host=127.0.0.1", "--shutdown-grace", "1", "--log",
                    "--live-path", "off", "--ready-path=/ready", "--trust-proxy", "127.0.0.1,::1"}, env));
    }

    @Test
    void parse_dev_listensOnLoopbackLogsRequestsAndCompilesApi() {
        Map<String, String> env = Map.of("PORT", "8080", "HOST", "0.0.0.0");

        assertEquals(new CommandLine(8080, "127.0.0.1", 10, false, false, true, null, null, "/livez", "/readyz", null, "api", null, CommandLine.Capacity.DEFAULTS, 1024, null, null, -1, 0),
                CommandLine.parse(new String[] {"dev"}, env));
        assertEquals(new CommandLine(3000, "0.0.0.0", 10, false, false, true, null, null, "/livez", "/readyz", null, "src/api", null, CommandLine.Capacity.DEFAULTS, 1024, null, null, -1, 0),
                CommandLine.parse(new String[] {"dev", "--dir", "src/api", "--host=0.0.0.0"}, Map.of()));
    }

    @Test
    void parse_dev_allowedHostsFromTheFlagOrTheEnvironment() {
        Map<String, String> env = Map.of("ALLOWED_HOSTS", "c.example");

        assertEquals("a.example,b.example",
                CommandLine.parse(new String[] {"dev", "--allowed-hosts", "a.example,b.example"}, env).allowedHosts());
        assertEquals("all", CommandLine.parse(new String[] {"dev", "--allowed-hosts=all"}, env).allowedHosts());
        assertEquals("c.example", CommandLine.parse(new String[] {"dev"}, env).allowedHosts());
        assertNull(CommandLine.parse(new String[] {"dev"}, Map.of()).allowedHosts());
        assertNull(CommandLine.parse(new String[0], env).allowedHosts(), "production answers any Host");
    }

    @Test
    void parse_refusesAllowedHostsWithoutDevOrThatAreNoNames() {
        assertEquals("--allowed-hosts is for dev mode: java -jar api.jar dev --allowed-hosts a.example",
                assertThrows(IllegalArgumentException.class,
                        () -> CommandLine.parse(new String[] {"--allowed-hosts", "a.example"}, Map.of())).getMessage());
        assertEquals("not a host name: 'a/b'", assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse(new String[] {"dev", "--allowed-hosts", "a.example,a/b"}, Map.of())).getMessage());
        assertEquals("--allowed-hosts needs a value", assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse(new String[] {"dev", "--allowed-hosts"}, Map.of())).getMessage());
    }

    @Test
    void parse_refusesDirWithoutDev() {
        assertEquals("--dir is for dev mode: java -jar api.jar dev --dir x",
                assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--dir", "x"}, Map.of()))
                        .getMessage());
    }

    @Test
    void parse_refusesBadValuesAndUnknownOptions() {
        assertEquals("port must be a number from 0 to 65535, not '70000'",
                assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--port", "70000"}, Map.of()))
                        .getMessage());
        assertEquals("unknown option: --prot",
                assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--prot", "1"}, Map.of()))
                        .getMessage());
        assertEquals("--port needs a value",
                assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--port"}, Map.of()))
                        .getMessage());
    }

    @Test
    void parse_capacityLimitsFromFlagsOrTheEnvironment() {
        Map<String, String> env = Map.of("MAX_CONNECTIONS", "100", "MAX_STREAMS", "7");

        assertEquals(new CommandLine.Capacity(100, 0, 0, 7), CommandLine.parse(new String[0], env).capacity());
        assertEquals(new CommandLine.Capacity(200, 16, 12, 7), CommandLine.parse(new String[] {"--max-connections", "200",
            "--max-threads=16", "--max-requests", "12"}, env).capacity());
        assertEquals("max streams must be a number from 1 to 1000000, not '0'",
                assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--max-streams", "0"}, Map.of()))
                        .getMessage());
    }
}
