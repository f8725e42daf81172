package io.apiroutes.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apiroutes.ApiRoutes;
import io.apiroutes.ApiServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS from PEM files and PKCS#12 keystores the test makes with keytool, through real clients.
 * Slow as a whole (make check): keytool is eight JVM starts, some 4 s before the first test.
 */
@Tag("slow")
class ServerKeysTest {
    @TempDir
    static Path dir;
    private static TlsFixture tls;
    private static final ApiRoutes ROUTES = ApiRoutes.builder()
            .route("/api/hello", (req, res) -> res.json(Map.of("secure", true)))
            .build();

    @BeforeAll
    static void certificates() throws Exception {
        tls = new TlsFixture(dir);
        java.util.concurrent.CompletableFuture<Path> rsa = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return tls.server("rsa", "RSA");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        tls.server("ec", "EC");
        rsa.join();
        tls.install("rsa", "live");
    }


    private static ApiServer start(ApiServer.Builder builder) throws IOException {
        return builder.routes(ROUTES).host("127.0.0.1").port(0).shutdownGrace(Duration.ZERO).start();
    }

    private static HttpResponse<String> get(ApiServer server) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(tls.clientContext()).connectTimeout(Duration.ofSeconds(10)).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/api/hello"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A new connection's certificate serial, and the answer to a request on it. */
    private static BigInteger serialOfNewConnection(ApiServer server) throws Exception {
        try (SSLSocket socket = (SSLSocket) tls.clientContext().getSocketFactory().createSocket("127.0.0.1", server.port())) {
            socket.startHandshake();
            return TlsFixture.serial((java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0]);
        }
    }

    @Test
    void pem_rsaAndEcKeys_serveHttpsToHttpClient() throws Exception {
        for (String name : new String[] {"rsa", "ec"}) {
            ApiServer server = start(ApiServer.builder().tls(dir.resolve(name + "-chain.pem"), dir.resolve(name + "-key.pem")));
            try {
                HttpResponse<String> answer = get(server);

                assertEquals(200, answer.statusCode(), name);
                assertEquals("{\"secure\":true}", answer.body(), name);
                assertTrue(answer.sslSession().isPresent());
                String protocol = answer.sslSession().get().getProtocol();
                assertTrue(protocol.equals("TLSv1.3") || protocol.equals("TLSv1.2"), protocol);
            } finally {
                server.stop(Duration.ZERO);
            }
        }
    }

    @Test
    void pkcs12Keystore_servesHttps_andHstsWhenAsked() throws Exception {
        ApiServer server = start(ApiServer.builder().tlsKeyStore(dir.resolve("ec.p12"), TlsFixture.PASSWORD).hsts(31536000));
        try {
            HttpResponse<String> answer = get(server);

            assertEquals("{\"secure\":true}", answer.body());
            assertEquals("max-age=31536000", answer.headers().firstValue("Strict-Transport-Security").orElse(null));
        } finally {
            server.stop(Duration.ZERO);
        }
    }

    @Test
    void renewedFiles_areServedToTheNextConnection_andOpenOnesKeepWorking() throws Exception {
        tls.install("rsa", "renewing");
        ApiServer server = start(ApiServer.builder().tls(dir.resolve("renewing-chain.pem"), dir.resolve("renewing-key.pem")));
        try (SSLSocket open = (SSLSocket) tls.clientContext().getSocketFactory().createSocket("127.0.0.1", server.port())) {
            open.startHandshake();
            BigInteger before = serialOfNewConnection(server);

            Thread.sleep(1100); // the files are looked at once a second at most
            tls.install("ec", "renewing");
            BigInteger after = serialOfNewConnection(server);
            for (int i = 0; i < 20 && after.equals(before); i++) {
                Thread.sleep(200);
                after = serialOfNewConnection(server);
            }

            assertNotEquals(before, after, "the renewed certificate is served");
            assertEquals("{\"secure\":true}", get(server).body());
            OutputStream out = open.getOutputStream();
            out.write("GET /api/hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(open.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 200") && answer.endsWith("{\"secure\":true}"), answer);
        } finally {
            server.stop(Duration.ZERO);
        }
    }

    @Test
    void brokenFilesAtRenewal_keepTheLastGoodCertificate() throws Exception {
        tls.install("ec", "broken");
        ApiServer server = start(ApiServer.builder().tls(dir.resolve("broken-chain.pem"), dir.resolve("broken-key.pem")));
        try {
            BigInteger before = serialOfNewConnection(server);
            Thread.sleep(1100);
            Files.writeString(dir.resolve("broken-key.pem"), "half a key");

            assertEquals(before, serialOfNewConnection(server));
            assertEquals("{\"secure\":true}", get(server).body());
        } finally {
            server.stop(Duration.ZERO);
        }
    }

    @Test
    void unusableKey_failsTheStartWithItsReason() throws Exception {
        Path rsaKeyForEcChain = dir.resolve("rsa-key.pem");
        Path pkcs1 = dir.resolve("pkcs1.pem");
        Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

        IOException mismatched = assertThrows(IOException.class,
                () -> start(ApiServer.builder().tls(dir.resolve("ec-chain.pem"), rsaKeyForEcChain)));
        IOException notPkcs8 = assertThrows(IOException.class,
                () -> start(ApiServer.builder().tls(dir.resolve("ec-chain.pem"), pkcs1)));
        IOException missing = assertThrows(IOException.class,
                () -> start(ApiServer.builder().tls(dir.resolve("none.pem"), pkcs1)));
        IOException wrongPassword = assertThrows(IOException.class,
                () -> start(ApiServer.builder().tlsKeyStore(dir.resolve("ec.p12"), "wrong")));

        assertTrue(mismatched.getMessage().startsWith("TLS certificate and key: "), mismatched.getMessage());
        assertTrue(notPkcs8.getMessage().contains("openssl pkcs8 -topk8"), notPkcs8.getMessage());
        assertTrue(missing.getMessage().contains("none.pem"), missing.getMessage());
        assertTrue(wrongPassword.getMessage().startsWith("TLS certificate and key: "), wrongPassword.getMessage());
    }

    @Test
    void httpRedirectPort_sendsEveryRequestToHttps_andStopsWithTheServer() throws Exception {
        int plain;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            plain = free.getLocalPort();
        }
        ApiServer server = start(ApiServer.builder().tls(dir.resolve("live-chain.pem"), dir.resolve("live-key.pem"))
                .httpRedirectPort(plain));
        try {
            String get = (send(plain, "GET /api/hello?a=1&b=%20 HTTP/1.1\r\nHost: localhost:" + plain
                    + "\r\nConnection: close\r\n\r\n"));
            String post = (send(plain, "POST /api/x HTTP/1.1\r\nHost: [::1]\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n"));
            String noHost = (send(plain, "GET / HTTP/1.0\r\n\r\n"));

            assertTrue(get.startsWith("HTTP/1.1 308 "), get);
            assertTrue(get.contains("\r\nLocation: https://localhost:" + server.port() + "/api/hello?a=1&b=%20\r\n"), get);
            assertTrue(post.startsWith("HTTP/1.1 308 ") && post.contains("\r\nLocation: https://[::1]:" + server.port() + "/api/x\r\n"), post);
            assertTrue(noHost.startsWith("HTTP/1.1 400 "), noHost);
        } finally {
            server.stop(Duration.ZERO);
        }
        try (java.net.ServerSocket again = new java.net.ServerSocket(plain)) {
            assertEquals(plain, again.getLocalPort(), "the redirect port is free after the stop");
        }
    }

    @Test
    void httpRedirectPort_taken_failsTheStart() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            assertThrows(IOException.class, () -> start(ApiServer.builder()
                    .tls(dir.resolve("live-chain.pem"), dir.resolve("live-key.pem")).httpRedirectPort(taken.getLocalPort())));
        }
    }

    /** What the server answers to {@code request} on a connection of its own, until it closes it. */
    private static String send(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return io.apiroutes.TestServer.readAll(socket.getInputStream());
        }
    }

    @Test
    void stalledHandshakes_doNotKeepOthersOut() throws Exception {
        ApiServer server = start(ApiServer.builder().tls(dir.resolve("live-chain.pem"), dir.resolve("live-key.pem")));
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01}); // a ClientHello's first bytes
                stalled.add(socket);
            }
            long start = System.nanoTime();

            assertEquals("{\"secure\":true}", get(server).body());
            assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 5);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
            server.stop(Duration.ZERO);
        }
    }

    @Test
    void curl_getsTheAnswerOverHttps() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        ApiServer server = start(ApiServer.builder().tls(dir.resolve("live-chain.pem"), dir.resolve("live-key.pem")));
        try {
            Process curl = new ProcessBuilder("/usr/bin/curl", "-sS", "--cacert", dir.resolve("ca.pem").toString(),
                    "https://localhost:" + server.port() + "/api/hello").redirectErrorStream(true).start();
            String output;
            try (InputStream in = curl.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }

            assertTrue(curl.waitFor(20, TimeUnit.SECONDS));
            assertEquals("{\"secure\":true}", output);
        } finally {
            server.stop(Duration.ZERO);
        }
    }
}
