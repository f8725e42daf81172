package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Webhook signatures: GitHub's published example, Stripe's scheme, and the raw body through HTTP. */
class WebhooksTest {
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.UTF_8);

    @Test
    void verifyGitHub_theExampleGitHubPublishes() {
        // docs.github.com, "Validating webhook deliveries": secret, payload and signature to test against.
        String signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

        assertTrue(Webhooks.verifyGitHub("It's a Secret to Everybody", HELLO, signature));
        assertTrue(Webhooks.verifyGitHub("It's a Secret to Everybody", HELLO, signature.toUpperCase().replace("SHA256=", "sha256=")));
        assertFalse(Webhooks.verifyGitHub("It's a Secret to Everybody", "Hello, World?".getBytes(StandardCharsets.UTF_8), signature));
        assertFalse(Webhooks.verifyGitHub("another secret", HELLO, signature));
        assertFalse(Webhooks.verifyGitHub("It's a Secret to Everybody", HELLO, signature.substring(7)));
        assertFalse(Webhooks.verifyGitHub("It's a Secret to Everybody", HELLO, "sha256=zz"));
        assertFalse(Webhooks.verifyGitHub("It's a Secret to Everybody", HELLO, null));
    }

    private static String stripeHeader(String secret, long time, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String v1 = HexFormat.of().formatHex(mac.doFinal((time + "." + body).getBytes(StandardCharsets.UTF_8)));
        return "t=" + time + ",v1=" + v1 + ",v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39";
    }

    @Test
    void verifyStripe_theSchemeStripeDocuments_withinTheTolerance() throws Exception {
        String body = "{\"id\":\"evt_1\",\"object\":\"event\"}";
        long now = Instant.now().getEpochSecond();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        assertTrue(Webhooks.verifyStripe("whsec_test", bytes, stripeHeader("whsec_test", now, body), Duration.ofMinutes(5)));
        assertTrue(Webhooks.verifyStripe("whsec_test", bytes, "t=" + now + ",v1=00," + stripeHeader("whsec_test", now, body)
                .substring(("t=" + now + ",").length()), Duration.ofMinutes(5)), "any v1 may match");
        assertFalse(Webhooks.verifyStripe("whsec_other", bytes, stripeHeader("whsec_test", now, body), Duration.ofMinutes(5)));
        assertFalse(Webhooks.verifyStripe("whsec_test", bytes, stripeHeader("whsec_test", now - 600, body), Duration.ofMinutes(5)),
                "a replay past the tolerance");
        assertFalse(Webhooks.verifyStripe("whsec_test", bytes, "v1=abc", Duration.ofMinutes(5)));
        assertFalse(Webhooks.verifyStripe("whsec_test", bytes, null, Duration.ofMinutes(5)));
    }

    @Test
    void verify_theRawBodyOfARequest_throughHttp() throws Exception {
        ApiHandler hook = new ApiHandler() {
            @Override
            public void handle(ApiRequest req, ApiResponse res) {
                if (!Webhooks.verifyGitHub("It's a Secret to Everybody", req.bodyBytes(), req.header("X-Hub-Signature-256"))) {
                    throw new ApiException(401, "Bad signature");
                }
                res.send("ok");
            }

            @Override
            public RouteConfig config() {
                return RouteConfig.defaults().withoutBodyParser();
            }
        };
        try (TestServer server = TestServer.of("/api/hook", hook)) {
            var ok = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/api/hook"))
                    .header("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(HELLO)));
            var forged = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/api/hook"))
                    .header("X-Hub-Signature-256", "sha256=00")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(HELLO)));

            assertEquals(200, ok.statusCode());
            assertEquals(401, forged.statusCode());
            assertEquals("{\"error\":\"Bad signature\"}", forged.body());
        }
    }
}
