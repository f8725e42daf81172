package io.apiroutes.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    record Point(int x, int y) {}

    private record Line(String name, Point from, Point to, List<String> tags) {}

    private record Empty() {}

    private enum Color { RED, GREEN { @Override public String toString() { return "green!"; } } }

    // ---- strings

    @Test
    void write_escapesEveryControlCharacter() {
        for (char c = 0; c < 0x20; c++) {
            String expected = switch (c) {
                case '\b' -> "\"\\b\"";
                case '\f' -> "\"\\f\"";
                case '\n' -> "\"\\n\"";
                case '\r' -> "\"\\r\"";
                case '\t' -> "\"\\t\"";
                default -> String.format("\"\\u%04x\"", (int) c);
            };

            assertEquals(expected, Json.write(String.valueOf(c)), "char " + (int) c);
            assertEquals(String.valueOf(c), Json.parse(Json.write(String.valueOf(c))));
        }
    }

    @Test
    void write_escapesQuoteAndBackslash_keepsSlashAndDelete() {
        assertEquals("\"a\\\"b\\\\c/d\u007f\"", Json.write("a\"b\\c/d\u007f"));
    }

    @Test
    void write_escapesLineAndParagraphSeparators() {
        assertEquals("\"a\\u2028b\\u2029c\"", Json.write("a\u2028b\u2029c"));
    }

    @Test
    void write_nonAscii_asUtf8() {
        byte[] bytes = Json.toBytes("\u00e9\u20ac\uD83D\uDE00");

        assertArrayEquals("\"\u00e9\u20ac\uD83D\uDE00\"".getBytes(StandardCharsets.UTF_8), bytes);
    }

    @Test
    void write_loneSurrogates_asEscapes_validUtf8_roundTrip() throws CharacterCodingException {
        for (String s : List.of("\uD800", "a\uDC00b", "\uDE00\uD83D", "\uD83D\uD83D\uDE00", "x\uDBFF")) {
            byte[] bytes = Json.toBytes(s);

            String decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            assertEquals(s, Json.parse(bytes));
            assertEquals(s, Json.parse(decoded));
        }
        assertEquals("\"\\ud800\"", Json.write("\uD800"));
        assertEquals("\"\\ude00\\ud83d\"", Json.write("\uDE00\uD83D"));
    }

    @Test
    void write_charSequenceAndCharacter_asStrings() {
        assertEquals("\"ab\"", Json.write(new StringBuilder("ab")));
        assertEquals("\"\\n\"", Json.write('\n'));
        assertEquals("\"hi\"", Json.write(new char[] {'h', 'i'}));
    }

    // ---- numbers

    @Test
    void write_integers() {
        assertEquals("[0,-1,2147483647,-2147483648,9223372036854775807,-9223372036854775808,7,-8]",
                Json.write(List.of(0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
                        (short) 7, (byte) -8)));
        assertEquals("123456789012345678901234567890", Json.write(new BigInteger("123456789012345678901234567890")));
    }

    @Test
    void write_bigDecimal_asToString() {
        assertEquals("[1E+400,0.10,-1E-400,123.456]", Json.write(List.of(new BigDecimal("1E400"),
                new BigDecimal("0.10"), new BigDecimal("-1e-400"), new BigDecimal("123.456"))));
    }

    @Test
    void write_doubles_shortestAndNonFiniteAsNull() {
        assertEquals("[0.1,1.0,-0.0,1500.0,1.0E21,1.0E-7,4.9E-324,1.7976931348623157E308]",
                Json.write(List.of(0.1, 1.0, -0.0, 1500.0, 1e21, 1e-7, Double.MIN_VALUE, Double.MAX_VALUE)));
        assertEquals("[null,null,null]",
                Json.write(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)));
        assertEquals("[0.1,null]", Json.write(List.of(0.1f, Float.NaN)));
    }

    @Test
    void write_randomDoubles_shortestFormThatReadsBack() {
        Random random = new Random(42);
        boolean shortestToString = Runtime.version().feature() >= 19;
        for (int i = 0; i < 20_000; i++) {
            double d = switch (i % 4) {
                case 0 -> (random.nextInt(2_000_001) - 1_000_000) / Math.pow(10, random.nextInt(9));
                case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(12) - 4);
                case 2 -> Math.round(random.nextDouble() * 1e6) / 100.0;
                default -> Double.longBitsToDouble(random.nextLong());
            };
            if (!Double.isFinite(d)) {
                continue;
            }

            String written = Json.write(d);

            assertEquals(d, Double.parseDouble(written), written);
            if (shortestToString) {
                assertEquals(Double.toString(d), written);
            } else {
                assertTrue(written.length() <= Double.toString(d).length(), written);
            }
        }
    }

    @Test
    void write_booleanAndNull() {
        assertEquals("[true,false,null]", Json.write(Arrays.asList(true, false, null)));
        assertEquals("null", Json.write(null));
    }

    // ---- containers

    @Test
    void write_mapInIterationOrder_keysViaStringValueOf() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("b", 1);
        map.put(2, "two");
        map.put(Color.RED, List.of());

        assertEquals("{\"b\":1,\"2\":\"two\",\"RED\":[]}", Json.write(map));
    }

    @Test
    void write_mapWithNullKey_isError() {
        Map<String, Object> map = new HashMap<>();
        map.put(null, 1);

        JsonException e = assertThrows(JsonException.class, () -> Json.write(Map.of("m", map)));

        assertEquals("Cannot write a map with a null key as JSON (at $.m)", e.getMessage());
        assertEquals("$.m", e.path());
    }

    @Test
    void write_iterablesAndArrays() {
        assertEquals("[1,2]", Json.write(new LinkedHashSet<>(List.of(1, 2))));
        assertEquals("[\"a\",null]", Json.write(new String[] {"a", null}));
        assertEquals("[[1,2],[3],[4],[5],[0.5],[1.5],[true]]", Json.write(new Object[] {new int[] {1, 2},
                new long[] {3}, new short[] {4}, new Object[] {5}, new float[] {0.5f}, new double[] {1.5},
                new boolean[] {true}}));
    }

    @Test
    void write_byteArray_asBase64() {
        assertEquals("\"AAEC/w==\"", Json.write(new byte[] {0, 1, 2, (byte) 0xFF}));
    }

    // ---- records and other types

    @Test
    void write_record_componentsInDeclarationOrder() {
        Line line = new Line("l", new Point(1, 2), new Point(3, 4), List.of("a"));

        assertEquals("{\"name\":\"l\",\"from\":{\"x\":1,\"y\":2},\"to\":{\"x\":3,\"y\":4},\"tags\":[\"a\"]}",
                Json.write(line));
    }

    @Test
    void write_recordWithNullComponents_writesNull() {
        assertEquals("{\"name\":null,\"from\":null,\"to\":null,\"tags\":null}", Json.write(new Line(null, null, null, null)));
        assertEquals("{}", Json.write(new Empty()));
    }

    @Test
    void write_recordNestedInPrivateScope_isAccessible() {
        class Local {
            private record Secret(String code) {}
        }

        assertEquals("{\"code\":\"x\"}", Json.write(new Local.Secret("x")));
    }

    @Test
    void write_enumsByName() {
        assertEquals("[\"RED\",\"GREEN\"]", Json.write(List.of(Color.RED, Color.GREEN)));
    }

    @Test
    void write_optionals() {
        assertEquals("[null,\"x\",null,1,null,2,null,0.5]", Json.write(List.of(Optional.empty(), Optional.of("x"),
                OptionalInt.empty(), OptionalInt.of(1), OptionalLong.empty(), OptionalLong.of(2),
                OptionalDouble.empty(), OptionalDouble.of(0.5))));
    }

    @Test
    void write_timeUuidAndUri_asIsoStrings() {
        List<Object> values = List.of(Instant.parse("2024-05-06T07:08:09Z"), LocalDate.of(2024, 5, 6),
                LocalDateTime.of(2024, 5, 6, 7, 8), LocalTime.of(7, 8, 9),
                OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.ofHours(2)),
                ZonedDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.UTC), Duration.ofMinutes(90),
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), URI.create("https://example.com/a?b=c"));

        assertEquals("[\"2024-05-06T07:08:09Z\",\"2024-05-06\",\"2024-05-06T07:08\",\"07:08:09\","
                + "\"2024-05-06T07:08:09+02:00\",\"2024-05-06T07:08:09Z\",\"PT1H30M\","
                + "\"123e4567-e89b-12d3-a456-426614174000\",\"https://example.com/a?b=c\"]", Json.write(values));
    }

    @Test
    void write_localDates_likeToString() {
        for (LocalDate date : List.of(LocalDate.of(2024, 1, 2), LocalDate.of(0, 12, 31), LocalDate.of(9999, 10, 11),
                LocalDate.of(-1, 1, 1), LocalDate.of(10000, 1, 1), LocalDate.of(999, 5, 5))) {
            assertEquals("\"" + date + "\"", Json.write(date));
        }
    }

    // ---- outputs

    @Test
    void toBytes_isExactlySized() {
        assertArrayEquals(new byte[] {'"', 'a', '"'}, Json.toBytes("a"));
    }

    @Test
    void writeToStream_valueUnder8kb_arrivesInOneWrite() throws IOException {
        RecordingStream out = new RecordingStream();

        Json.write(Map.of("k", "x".repeat(8000)), out);

        assertEquals(List.of("{\"k\":\"" + "x".repeat(8000) + "\"}"), out.writes);
    }

    @Test
    void writeToStream_largeValue_equalsToBytes() throws IOException {
        List<Object> big = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            big.add(Map.of("i", i, "s", "\u00e9".repeat(i % 7), "long", "x".repeat(i % 100 == 0 ? 20_000 : 3)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Json.write(big, out);

        assertArrayEquals(Json.toBytes(big), out.toByteArray());
    }

    @Test
    void writeToStream_failingStream_throwsItsIOException() {
        IOException failure = new IOException("disk full");
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw failure;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw failure;
            }
        };

        IOException e = assertThrows(IOException.class, () -> Json.write(List.of("x".repeat(10_000)), out));

        assertSame(failure, e);
    }
}
