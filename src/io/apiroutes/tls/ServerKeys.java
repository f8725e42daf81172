package io.apiroutes.tls;

import io.apiroutes.exchange.Logging;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server's certificate chain and private key, from PEM files (an X.509 chain, leaf first; a
 * PKCS#8 RSA or EC key) or from a PKCS#12 keystore, read again when the files change: each
 * handshake looks at their modification times, at most once a second, so a certificate renewed on
 * disk (certbot replaces the files) is served to the next connection without a restart, and the
 * connections open keep theirs. A file that cannot be read then keeps the last good pair, with a
 * warning; at start it fails the start.
 *
 * <p>The pair read last and the one before sit in two slots, named by the alias a handshake
 * chooses, so a handshake that chose before a reload still gets a chain and a key that belong
 * together.
 */
public final class ServerKeys extends X509ExtendedKeyManager {
    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";

    private final Path certificate;
    /** The PEM key, or null when {@link #certificate} is a PKCS#12 keystore. */
    private final Path key;
    private final char[] password;
    private final KeyStore.PrivateKeyEntry[] slots = new KeyStore.PrivateKeyEntry[2];
    private volatile int slot;
    private long loadedStamp;
    private long checkedAt;

    private ServerKeys(Path certificate, Path key, char[] password) throws IOException, GeneralSecurityException {
        this.certificate = certificate;
        this.key = key;
        this.password = password;
        loadedStamp = stamp();
        slots[0] = load();
    }

    /**
     * An SSL context that serves the certificate and key (PEM) or keystore (PKCS#12) named, with
     * the JDK's defaults: TLS 1.3 and 1.2, its modern cipher suites.
     *
     * @param certificate a PEM chain, or a PKCS#12 keystore when {@code key} is null
     * @param key a PEM PKCS#8 private key, or null
     * @param password the keystore's password; ignored for PEM
     * @return the context, whose key manager reads the files again when they change
     * @throws IOException if they cannot be read, or do not hold a key and its certificate
     */
    public static SSLContext context(Path certificate, Path key, String password) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new ServerKeys(certificate, key, password == null ? new char[0] : password.toCharArray())},
                    null, null);
            return context;
        } catch (GeneralSecurityException | IllegalArgumentException | IOException e) {
            throw new IOException("TLS certificate and key: " + e.getMessage(), e);
        }
    }

    private long stamp() throws IOException {
        return Files.getLastModifiedTime(certificate).toMillis() * 31 + (key == null ? 0 : Files.getLastModifiedTime(key).toMillis());
    }

    private KeyStore.PrivateKeyEntry load() throws IOException, GeneralSecurityException {
        if (key == null) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(certificate)) {
                store.load(in, password);
            }
            for (String alias : java.util.Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return (KeyStore.PrivateKeyEntry) store.getEntry(alias, new KeyStore.PasswordProtection(password));
                }
            }
            throw new GeneralSecurityException(certificate + " holds no private key");
        }
        Certificate[] chain;
        try (InputStream in = Files.newInputStream(certificate)) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(new Certificate[0]);
        }
        String pem = Files.readString(key);
        int begin = pem.indexOf(PKCS8_BEGIN);
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (chain.length == 0 || begin < 0 || end < begin) {
            throw new GeneralSecurityException(chain.length == 0 ? certificate + " holds no certificate"
                    : key + " is not a PKCS#8 key (BEGIN PRIVATE KEY): convert it with openssl pkcs8 -topk8 -nocrypt");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem.substring(begin + PKCS8_BEGIN.length(), end)));
        PrivateKey privateKey;
        try {
            privateKey = KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (InvalidKeySpecException e) {
            privateKey = KeyFactory.getInstance("EC").generatePrivate(spec);
        }
        return new KeyStore.PrivateKeyEntry(privateKey, chain); // refuses a key of another algorithm than the certificate's
    }

    /** Reads the files again when they changed since the last look, at most once a second. */
    private synchronized void reloadIfChanged() {
        long now = System.nanoTime();
        if (now - checkedAt < 1_000_000_000L) {
            return;
        }
        checkedAt = now;
        try {
            long stamp = stamp();
            if (stamp != loadedStamp) {
                slots[1 - slot] = load();
                slot = 1 - slot;
                loadedStamp = stamp;
                Logging.LOG.log(Level.INFO, "TLS certificate read again from {0}", certificate);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            Logging.LOG.log(Level.WARNING, "TLS certificate {0} not read again, the last one is served: {1}", certificate, e.getMessage());
        }
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        reloadIfChanged();
        int chosen = slot;
        return slots[chosen].getPrivateKey().getAlgorithm().equals(keyType) ? Integer.toString(chosen) : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return chooseEngineServerAlias(keyType, issuers, null);
    }

    /** Not asked by a server's handshake, which chooses. */
    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return (X509Certificate[]) slots[alias.equals("1") ? 1 : 0].getCertificateChain();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return slots[alias.equals("1") ? 1 : 0].getPrivateKey();
    }

    /** A server's keys: no client certificate is offered. */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    /** A server's keys: no client certificate is offered. */
    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
