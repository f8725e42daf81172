package io.apiroutes.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate authority and server certificates made by the JDK's {@code keytool} in a folder of
 * the test's: PEM files (chain and PKCS#8 key) and PKCS#12 keystores, for 127.0.0.1 and localhost,
 * and a client context that trusts the authority alone.
 */
final class TlsFixture {
    static final String PASSWORD = "changeit";

    final Path dir;
    final Path caKeystore;

    TlsFixture(Path dir) throws Exception {
        this.dir = dir;
        this.caKeystore = dir.resolve("ca.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=apiroutes test CA", "-ext", "bc:c",
                "-validity", "2", "-keystore", caKeystore.toString());
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", caKeystore.toString(), "-file", dir.resolve("ca.pem").toString());
    }

    /** A server certificate signed by the authority: {@code name}.p12, and {@code name}-chain.pem with {@code name}-key.pem. */
    Path server(String name, String keyAlg) throws Exception {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", keyAlg, "-dname", "CN=" + name, "-validity", "2",
                "-keystore", store.toString());
        Path request = dir.resolve(name + ".csr");
        Path signed = dir.resolve(name + ".crt");
        keytool("-certreq", "-alias", "server", "-keystore", store.toString(), "-file", request.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", caKeystore.toString(), "-infile", request.toString(),
                "-outfile", signed.toString(), "-rfc", "-validity", "2", "-ext", "san=ip:127.0.0.1,dns:localhost");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) keys.getKey("server", PASSWORD.toCharArray());
        Certificate[] chain;
        try (InputStream in = Files.newInputStream(signed)) {
            chain = new Certificate[] {CertificateFactory.getInstance("X.509").generateCertificate(in), authority()};
        }
        keys.setKeyEntry("server", key, PASSWORD.toCharArray(), chain); // the keystore with its chain, as a CA's reply makes it
        try (OutputStream out = Files.newOutputStream(store)) {
            keys.store(out, PASSWORD.toCharArray());
        }
        Files.writeString(dir.resolve(name + "-chain.pem"), pem("CERTIFICATE", chain[0].getEncoded()) + pem("CERTIFICATE", chain[1].getEncoded()));
        Files.writeString(dir.resolve(name + "-key.pem"), pem("PRIVATE KEY", key.getEncoded()));
        return store;
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Puts {@code name}'s PEM files where the server reads {@code live}'s, as certbot renews: written beside, then renamed over. */
    void install(String name, String live) throws IOException {
        for (String part : new String[] {"-chain.pem", "-key.pem"}) {
            Path next = dir.resolve(live + part + ".next");
            Files.copy(dir.resolve(name + part), next, StandardCopyOption.REPLACE_EXISTING);
            Files.move(next, dir.resolve(live + part), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private Certificate authority() throws Exception {
        try (InputStream in = Files.newInputStream(dir.resolve("ca.pem"))) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    SSLContext clientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", authority());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    static BigInteger serial(X509Certificate certificate) {
        return certificate.getSerialNumber();
    }

    private void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.add("-J-XX:TieredStopAtLevel=1"); // a short run: the JIT's top tier costs more than it saves
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD, "-keypass", PASSWORD, "-storetype", "PKCS12"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
