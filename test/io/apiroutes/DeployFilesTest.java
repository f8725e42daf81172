package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apiroutes.cli.CommandLine;
import io.apiroutes.exchange.RequestGate;
import io.apiroutes.http.ProxyTrust;
import io.apiroutes.jdk.ServerDefaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The files of deploy/ name the ports, paths, flags and timings the server really uses. They are
 * read as text (no YAML library; the manifests keep to one key per line); nothing here runs nginx,
 * Kubernetes or systemd: `make test-deploy` runs nginx.conf, and nothing here has a cluster.
 */
class DeployFilesTest {
    private static final CommandLine DEFAULTS = CommandLine.parse(new String[0], Map.of());

    private static String read(String file) throws IOException {
        return Files.readString(Path.of("deploy", file));
    }

    /** The value of the first {@code key: value} line after the line holding {@code anchor}. */
    private static String after(String yaml, String anchor, String key) {
        int from = yaml.indexOf(anchor);
        assertTrue(from >= 0, "no " + anchor);
        Matcher m = Pattern.compile("(?m)^\\s*-?\\s*" + Pattern.quote(key) + ":\\s*(.*?)\\s*$").matcher(yaml);
        assertTrue(m.find(from), "no " + key + " after " + anchor);
        return m.group(1);
    }

    /** The arguments of a directive or of a command line, split at blanks. */
    private static String[] words(String text) {
        return text.trim().split("\\s+");
    }

    /** Every value of an nginx directive, as written. */
    private static List<String> directive(String conf, String name) {
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + "\\s+([^;]*);").matcher(conf);
        while (m.find()) {
            values.add(m.group(1).trim());
        }
        return values;
    }

    private static long seconds(String nginxTime) {
        return nginxTime.endsWith("ms") ? 0 : Long.parseLong(nginxTime.replace("s", ""));
    }

    private static long serverDefault(String property) {
        return Long.parseLong(ServerDefaults.properties().get(property));
    }

    @Test
    void nginx_limitsMatchTheServers() throws IOException {
        String conf = read("nginx.conf");

        assertEquals(List.of("1m"), directive(conf, "client_max_body_size"));
        assertEquals(RouteConfig.DEFAULT_BODY_SIZE_LIMIT, 1024 * 1024);
        long maxReqTime = serverDefault("sun.net.httpserver.maxReqTime");
        assertEquals(maxReqTime, seconds(directive(conf, "client_header_timeout").get(0)));
        assertEquals(maxReqTime, seconds(directive(conf, "client_body_timeout").get(0)));
        List<String> keepaliveTimeouts = directive(conf, "keepalive_timeout");
        assertEquals(List.of("500ms", "30s"), keepaliveTimeouts, "upstream, then client side");
        assertEquals(serverDefault("sun.net.httpserver.idleInterval"), seconds(keepaliveTimeouts.get(1)));
        assertTrue(500 < Duration.ofNanos(RequestGate.QUIET_NANOS).toMillis(),
                "nginx closes an idle upstream connection before a stopping server closes it");
        assertTrue(seconds(directive(conf, "proxy_read_timeout").get(0)) > RouteConfig.DEFAULT_TIME_LIMIT.toSeconds(),
                "the server's own 503 for a handler out of time reaches the client");
    }

    @Test
    void nginx_keepsConnectionsToTheInstances_retriesOnlyWhatIsSafe_andForwardsTheClient() throws IOException {
        String conf = read("nginx.conf");

        assertEquals(List.of("1.1"), directive(conf, "proxy_http_version"));
        assertTrue(directive(conf, "proxy_set_header").contains("Connection \"\""));
        assertTrue(Integer.parseInt(directive(conf, "keepalive").get(0)) > 0);
        String retries = directive(conf, "proxy_next_upstream").get(0);
        assertTrue(retries.contains("error"), retries);
        assertFalse(retries.contains("non_idempotent"), "a POST is never sent twice");
        List<String> headers = directive(conf, "proxy_set_header");
        assertTrue(headers.contains("X-Forwarded-For $proxy_add_x_forwarded_for"), headers.toString());
        assertTrue(headers.contains("X-Forwarded-Proto $scheme"), headers.toString());
        assertTrue(headers.contains("X-Forwarded-Host $http_host"), headers.toString());
        assertTrue(headers.contains("Forwarded \"\""), "the client's own Forwarded header is dropped");
        List<String> servers = directive(conf, "server");
        assertTrue(servers.size() >= 2, "several instances: " + servers);
    }

    @Test
    void nginx_hidesTheHealthPaths_andItsExampleCommandLineIsTheServers() throws IOException {
        String conf = read("nginx.conf");

        List<String> blocked = new ArrayList<>();
        Matcher location = Pattern.compile("location = (\\S+)\\s*\\{ return 404; }").matcher(conf);
        while (location.find()) {
            blocked.add(location.group(1));
        }

        assertEquals(List.of(DEFAULTS.livePath(), DEFAULTS.readyPath()), blocked);
        Matcher example = Pattern.compile("java -jar api.jar (.*)").matcher(conf);
        assertTrue(example.find());
        CommandLine line = CommandLine.parse(words(example.group(1)), Map.of());
        assertEquals("127.0.0.1", line.host());
        assertTrue(conf.contains("server 127.0.0.1:" + line.port() + " "), "the example instance is an upstream server");
        ProxyTrust.parse(List.of(line.trustProxy().split(",")));
    }

    @Test
    void kubernetes_probesPortsAndTimingsAreTheServers() throws IOException {
        String yaml = read("k8s/deployment.yaml");
        String args = after(yaml, "containers:", "args");
        CommandLine line = CommandLine.parse(
                Pattern.compile("\"([^\"]*)\"").matcher(args).results().map(r -> r.group(1)).toArray(String[]::new), Map.of());

        assertEquals(Integer.toString(line.port()), after(yaml, "ports:", "containerPort"));
        assertEquals("http", after(yaml, "ports:", "name"));
        assertEquals(line.readyPath(), after(yaml, "readinessProbe:", "path"));
        assertEquals("http", after(yaml, "readinessProbe:", "port"));
        assertEquals(line.livePath(), after(yaml, "livenessProbe:", "path"));
        assertEquals("http", after(yaml, "livenessProbe:", "port"));
        assertEquals("1", after(yaml, "readinessProbe:", "failureThreshold"), "out of the Service at the first 503");
        long preStop = Long.parseLong(after(yaml, "preStop:", "seconds"));
        long grace = Long.parseLong(after(yaml, "spec:\n      #", "terminationGracePeriodSeconds"));
        long quiet = Duration.ofNanos(RequestGate.QUIET_NANOS).toSeconds();
        assertTrue(grace >= preStop + line.shutdownGraceSeconds() + quiet + 2,
                "preStop " + preStop + " s + shutdown grace " + line.shutdownGraceSeconds() + " s + quiet " + quiet
                        + " s + exit must fit in terminationGracePeriodSeconds " + grace);
        ProxyTrust.parse(List.of(line.trustProxy().split(",")));
        String service = read("k8s/service.yaml");
        assertEquals("http", after(service, "ports:", "targetPort"));
        assertEquals(after(yaml, "matchLabels:", "app"), after(service, "selector:", "app"));
    }

    @Test
    void kubernetes_memoryRequestCoversTheHeapOfRunSh() throws IOException {
        String yaml = read("k8s/deployment.yaml");
        Matcher xmx = Pattern.compile("-Xmx(\\d+)m").matcher(Files.readString(Path.of("run.sh")));
        assertTrue(xmx.find());

        long requested = Long.parseLong(after(yaml, "requests:", "memory").replace("Mi", ""));
        long limit = Long.parseLong(after(yaml, "limits:", "memory").replace("Mi", ""));

        assertTrue(requested > Long.parseLong(xmx.group(1)) + 32, "heap plus metaspace, code and threads: " + requested);
        assertTrue(limit >= requested);
    }

    @Test
    void dockerfileAndSystemdUnit_nameWhatMakeImageMakes() throws IOException {
        String docker = read("Dockerfile");
        String image = read("image.sh");
        String unit = read("apiroutes@.service");

        assertTrue(image.contains("cp api.jar \"$image/lib/api.jar\""));
        assertTrue(image.contains("\"$image/bin/apiroutes\""));
        assertTrue(docker.contains("ENTRYPOINT [\"/opt/apiroutes/bin/java\", \"-XX:SharedArchiveFile=/opt/apiroutes/lib/api.jsa\", "
                + "\"-jar\", \"/opt/apiroutes/lib/api.jar\"]"));
        assertTrue(image.contains("archive=$(cd \"$image\" && pwd)/lib/api.jsa"), "the archive the Dockerfile names is the one make image makes");
        // Java 17's archive finds api.jar from the image's folder (make image trains there)
        assertTrue(docker.contains("\nWORKDIR /opt/apiroutes\n"));
        assertTrue(unit.contains("\nWorkingDirectory=/opt/apiroutes\n"));
        assertTrue(image.contains("(cd \"$1\" && JAVA_OPTS=\"${3:-}\" exec bin/apiroutes"), "training from the image's folder");
        assertTrue(docker.contains("EXPOSE " + DEFAULTS.port()));
        Matcher exec = Pattern.compile("(?m)^ExecStart=/opt/apiroutes/bin/apiroutes (.*)$").matcher(unit);
        assertTrue(exec.find());
        CommandLine line = CommandLine.parse(words(exec.group(1).replace("%i", "3001")), Map.of());
        ProxyTrust.parse(List.of(line.trustProxy().split(",")));
        Matcher stop = Pattern.compile("(?m)^TimeoutStopSec=(\\d+)$").matcher(unit);
        assertTrue(stop.find());
        assertTrue(Long.parseLong(stop.group(1)) > line.shutdownGraceSeconds() + 1);
        assertTrue(unit.contains("SuccessExitStatus=143"), "the JVM's exit after SIGTERM is a clean stop");
    }
}
