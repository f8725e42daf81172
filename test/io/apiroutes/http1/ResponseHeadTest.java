package io.apiroutes.http1;

import static io.apiroutes.http1.EngineTest.exchangeOnce;
import static io.apiroutes.http1.EngineTest.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apiroutes.engine.EngineProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The response head the own engine writes: the Date line, header names, the characters refused. */
class ResponseHeadTest {
    @Test
    void httpDate_isTheImfFixdateOfTheSecond_asTheJdksFormatterWritesIt() {
        java.time.format.DateTimeFormatter imf = java.time.format.DateTimeFormatter
                .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(java.time.ZoneOffset.UTC);
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            long second = i < 4 ? new long[] {0, 951_782_400L, 1_733_284_832L, 253_402_300_799L}[i] : (long) (random.nextDouble() * 4.1e9);
            assertEquals("Date: " + imf.format(java.time.Instant.ofEpochSecond(second)) + "\r\n",
                    new String(Http1Server.httpDate(second), StandardCharsets.ISO_8859_1));
        }
        assertEquals("Date: Tue, 29 Feb 2000 00:00:00 GMT\r\n", new String(Http1Server.httpDate(951_782_400L), StandardCharsets.ISO_8859_1));
    }

    @Test
    void responseHeaders_areCapitalized_andACharacterPast0xffIsRefusedWholeLine() throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> refused = new java.util.concurrent.atomic.AtomicReference<>();
        Http1Server server = start(new EngineProvider(), "/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/bad")) {
                try {
                    // the JDK's Headers refuses it from Java 25 on, the engine before that
                    exchange.getResponseHeaders().set("x-price", "5 \u20ac");
                    exchange.sendResponseHeaders(200, -1);
                } catch (IOException | IllegalArgumentException e) {
                    refused.set(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            } else {
                exchange.getResponseHeaders().set("x-custom-name", "caf\u00e9");
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        try {
            String good = exchangeOnce(server, "GET /good HTTP/1.1\r\nHost: a\r\n\r\n");
            String bad = exchangeOnce(server, "GET /bad HTTP/1.1\r\nHost: a\r\n\r\n");

            assertTrue(good.contains("\r\nX-Custom-Name: caf\u00e9\r\n"), good);
            String why = refused.get();
            assertTrue(why != null && (why.equals("IOException: invalid character in response header X-price")
                    || why.startsWith("IllegalArgumentException")), why);
            assertTrue(!bad.contains("X-Price") && !bad.contains("X-price"), "no part of the refused line went out: " + bad);
        } finally {
            server.stop(0);
        }
    }
}
