package io.apiroutes;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the signatures webhook senders put on their requests: an HMAC of the raw body with a
 * secret both sides share, compared in constant time. Read the body with
 * {@link ApiRequest#bodyBytes()} (on a route with {@link RouteConfig#withoutBodyParser()}, or
 * before anything re-encodes it): a signature covers the bytes as sent.
 *
 * <pre>{@code
 * if (!Webhooks.verifyGitHub(secret, req.bodyBytes(), req.header("X-Hub-Signature-256"))) {
 *     throw new ApiException(401, "Bad signature");
 * }
 * }</pre>
 */
public final class Webhooks {
    private Webhooks() {}

    /**
     * Checks an HMAC given in hexadecimal.
     *
     * @param algorithm the JDK's name of the MAC, e.g. {@code HmacSHA256}
     * @param secret the shared secret
     * @param payload the signed bytes
     * @param signatureHex the signature as sent, in hexadecimal (either case); null is a mismatch
     * @return whether the signature is the payload's
     * @throws IllegalArgumentException if the JDK has no such algorithm
     */
    public static boolean verifyHmac(String algorithm, byte[] secret, byte[] payload, String signatureHex) {
        byte[] expected;
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            expected = mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot compute " + algorithm + ": " + e.getMessage(), e);
        }
        byte[] given = hex(signatureHex);
        return given != null && MessageDigest.isEqual(expected, given);
    }

    /**
     * Checks GitHub's {@code X-Hub-Signature-256} header: {@code sha256=} and the HMAC-SHA256 of the body.
     *
     * @param secret the webhook's secret
     * @param body the raw body
     * @param signatureHeader the header's value; null is a mismatch
     * @return whether GitHub signed this body with this secret
     */
    public static boolean verifyGitHub(String secret, byte[] body, String signatureHeader) {
        return signatureHeader != null && signatureHeader.startsWith("sha256=")
                && verifyHmac("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8), body, signatureHeader.substring(7));
    }

    /**
     * Checks Stripe's {@code Stripe-Signature} header ({@code t=<unix time>,v1=<hex>[,v1=...]}):
     * a {@code v1} HMAC-SHA256 of {@code <t>.<body>}, made no more than {@code tolerance} ago
     * (Stripe's libraries use 5 minutes), which refuses replayed requests.
     *
     * @param secret the endpoint's signing secret ({@code whsec_...})
     * @param body the raw body
     * @param signatureHeader the header's value; null is a mismatch
     * @param tolerance how old the signature may be
     * @return whether Stripe signed this body with this secret within the tolerance
     */
    public static boolean verifyStripe(String secret, byte[] body, String signatureHeader, Duration tolerance) {
        if (signatureHeader == null) {
            return false;
        }
        String timestamp = null;
        for (String part : signatureHeader.split(",")) {
            if (part.startsWith("t=")) {
                timestamp = part.substring(2);
            }
        }
        long signedAt;
        try {
            signedAt = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(Instant.now().getEpochSecond() - signedAt) > tolerance.getSeconds()) {
            return false;
        }
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        boolean valid = false;
        for (String part : signatureHeader.split(",")) {
            if (part.startsWith("v1=")) {
                valid |= verifyHmac("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8), signed, part.substring(3));
            }
        }
        return valid;
    }

    private static byte[] hex(String text) {
        if (text == null || text.length() % 2 != 0) {
            return null;
        }
        byte[] bytes = new byte[text.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int high = Character.digit(text.charAt(2 * i), 16);
            int low = Character.digit(text.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0) {
                return null;
            }
            bytes[i] = (byte) (high << 4 | low);
        }
        return bytes;
    }
}
