package io.apiroutes.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    // ---- values

    @Test
    void parse_objectKeepsDocumentOrder() {
        Object value = Json.parse("{\"z\":1,\"a\":2,\"m\":3}");

        assertInstanceOf(Map.class, value);
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(((Map<?, ?>) value).keySet()));
    }

    @Test
    void parse_duplicateKey_lastValueWinsAtFirstPosition() {
        Map<?, ?> value = (Map<?, ?>) Json.parse("{\"a\":1,\"b\":2,\"a\":3}");

        assertEquals(List.of("a", "b"), new ArrayList<>(value.keySet()));
        assertEquals(3L, value.get("a"));
    }

    @Test
    void parse_manyDistinctKeys_allKept() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 500; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        json.append(",\"").append("long".repeat(20)).append("\":-1,\"\\u0041\":-2}");

        Map<?, ?> map = (Map<?, ?>) Json.parse(json.toString());

        assertEquals(502, map.size());
        for (int i = 0; i < 500; i++) {
            assertEquals((long) i, map.get("k" + i));
        }
        assertEquals(-1L, map.get("long".repeat(20)));
        assertEquals(-2L, map.get("A"));
    }

    @Test
    void parse_keysRepeatedInList_shareOneString() {
        List<?> list = (List<?>) Json.parse("[{\"name\":1},{\"name\":2},{\"name\":3},{\"name\":4}]");

        String third = (String) ((Map<?, ?>) list.get(2)).keySet().iterator().next();
        String fourth = (String) ((Map<?, ?>) list.get(3)).keySet().iterator().next();
        assertSame(third, fourth);
    }

    @Test
    void parse_arraysAndLiterals() {
        Object value = Json.parse(" [ true , false , null , \"x\" , [ ] , { } ] ");

        assertInstanceOf(List.class, value);
        assertEquals(Arrays.asList(true, false, null, "x", List.of(), Map.of()), value);
    }

    @Test
    void parse_topLevelScalars() {
        assertEquals(42L, Json.parse("42"));
        assertEquals("s", Json.parse("\"s\""));
        assertNull(Json.parse(" null "));
    }

    @Test
    void parse_emptyContainersAndShortStrings_areShared() {
        List<?> list = (List<?>) Json.parse("[{},{},[],[],\"\",\"\",\"a\",\"a\",\"\\n\",\"\\n\"]");

        for (int i = 0; i < list.size(); i += 2) {
            assertSame(list.get(i), list.get(i + 1), "element " + i);
        }
    }

    @Test
    void parse_tree_isUnmodifiable() {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) Json.parse("{\"a\":[1,2],\"b\":[3]}");
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) map.get("a");

        assertThrows(UnsupportedOperationException.class, () -> map.put("c", 1L));
        assertThrows(UnsupportedOperationException.class, () -> list.add(3L));
        assertThrows(UnsupportedOperationException.class, () -> list.set(0, 3L));
    }

    // ---- memory

    @Test
    void maxTreeBytes_is16PerByteAnd1kb() {
        assertEquals(1024, Json.maxTreeBytes(0));
        assertEquals(16 * 1_048_576 + 1024, Json.maxTreeBytes(1_048_576));
    }

    @Test
    void parse_valuePastTheBudget_isTooComplexWithPosition() {
        byte[] text = "[\"abc\",\"def\",\"ghi\"]".getBytes(StandardCharsets.US_ASCII);

        JsonException e = assertThrows(JsonException.class, () -> new JsonReader(text, 512, 100, false).parse());

        assertEquals("Too complex at 1:19 (offset 18), its value would take more than 100 bytes of memory", e.getMessage());
        assertTrue(e.tooComplex());
        assertEquals(18, e.offset());
    }

    @Test
    void parse_costliestShapesKnown_fitTheBudget() {
        String nest = "{\"\u00e9\":".repeat(499) + "{}" + "}".repeat(499);
        String arrays = "[".repeat(500) + "]".repeat(500);

        for (String element : List.of(nest, arrays, "[\"ab\",\"cd\"]", "{\"ab\":\"cd\"}", "\"ab\"", "[1.5,2.5]")) {
            String text = "[" + (element + ",").repeat(65_536 / element.length()) + element + "]";

            assertInstanceOf(List.class, Json.parse(text), element);
        }
    }

    @Test
    void parse_syntaxError_isNotTooComplex() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("[1,]"));

        assertFalse(e.tooComplex());
    }

    // ---- numbers

    @Test
    void parse_negativeZeroInteger_isLongZero() {
        assertEquals(0L, Json.parse("-0"));
    }

    @Test
    void parse_negativeZeroFraction_isDoubleNegativeZero() {
        Object value = Json.parse("-0.0");

        assertEquals(Double.valueOf(-0.0), value);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) value));
    }

    @Test
    void parse_integerRange_longThenBigInteger() {
        assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
        assertEquals(new BigInteger("9223372036854775808"), Json.parse("9223372036854775808"));
        assertEquals(new BigInteger("-9223372036854775809"), Json.parse("-9223372036854775809"));
        assertEquals(123456789012345678L, Json.parse("123456789012345678"));
        assertEquals(1234567890123456789L, Json.parse("1234567890123456789"));
    }

    @Test
    void parse_decimalThatRoundTrips_isDouble() {
        assertEquals(0.1, Json.parse("0.1"));
        assertEquals(1500.0, Json.parse("1.5e3"));
        assertEquals(1500.0, Json.parse("1.5E+3"));
        assertEquals(100.0, Json.parse("1E2"));
        assertEquals(1.0, Json.parse("1.0"));
        assertEquals(1.0e-7, Json.parse("1e-7"));
        assertEquals(1.7976931348623157E308, Json.parse("1.7976931348623157E308"));
        assertEquals(1.5, Json.parse("1.50000000000000000000"));
        assertEquals(0.0, Json.parse("0e-30"));
    }

    @Test
    void parse_decimalThatDoesNotRoundTrip_isBigDecimal() {
        assertEquals(new BigDecimal("1E400"), Json.parse("1E400"));
        assertEquals(new BigDecimal("1e-400"), Json.parse("1e-400"));
        assertEquals(new BigDecimal("0.12345678901234567890123"), Json.parse("0.12345678901234567890123"));
        assertEquals(new BigDecimal("0.30000000000000001"), Json.parse("0.30000000000000001"));
        assertEquals(new BigDecimal("-1E+400"), Json.parse("-1E+400"));
    }

    @Test
    void parse_exponentPastLimit_isRejected() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("[1e10000]"));

        assertEquals("Number exponent out of range at 1:4 (offset 3), the limit is 9999", e.getMessage());
    }

    @Test
    void parse_numberLongerThanLimit_isRejected() {
        String digits = "1".repeat(1001);

        JsonException e = assertThrows(JsonException.class, () -> Json.parse(digits));

        assertEquals("Number too long at 1:1 (offset 0), the limit is 1000 characters", e.getMessage());
    }

    @Test
    void parse_leadingZero_isRejected() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("[01]"));

        assertEquals("Unexpected character '1' at 1:3 (offset 2), leading zeros are not allowed", e.getMessage());
    }

    @Test
    void parse_incompleteNumbers_areRejected() {
        assertMessage("-", "Unexpected end of input at 1:2 (offset 1), expected a digit");
        assertMessage("1.", "Unexpected end of input at 1:3 (offset 2), expected a digit");
        assertMessage("1.e3", "Unexpected character 'e' at 1:3 (offset 2), expected a digit");
        assertMessage("1e+", "Unexpected end of input at 1:4 (offset 3), expected a digit");
        assertMessage("-a", "Unexpected character 'a' at 1:2 (offset 1), expected a digit");
        assertMessage(".5", "Unexpected character '.' at 1:1 (offset 0), expected a value");
    }

    @Test
    void parse_structuralErrors_sayWhatWasExpected() {
        assertMessage("", "Unexpected end of input at 1:1 (offset 0), expected a value");
        assertMessage("   ", "Unexpected end of input at 1:4 (offset 3), expected a value");
        assertMessage("[1,]", "Unexpected character ']' at 1:4 (offset 3), expected a value");
        assertMessage("[1 2]", "Unexpected character '2' at 1:4 (offset 3), expected ',' or ']'");
        assertMessage("{\"a\":1,}", "Unexpected character '}' at 1:8 (offset 7), expected a string key");
        assertMessage("{a:1}", "Unexpected character 'a' at 1:2 (offset 1), expected a string key or '}'");
        assertMessage("{\"a\" 1}", "Unexpected character '1' at 1:6 (offset 5), expected ':'");
        assertMessage("{\"a\":1 \"b\":2}", "Unexpected character '\"' at 1:8 (offset 7), expected ',' or '}'");
        assertMessage("[1] [2]", "Unexpected character '[' at 1:5 (offset 4), expected end of input");
        assertMessage("tru", "Unexpected end of input at 1:4 (offset 3), expected 'true'");
        assertMessage("nul1", "Unexpected character '1' at 1:4 (offset 3), expected 'null'");
        assertMessage("[\u0001]", "Unexpected character U+0001 at 1:2 (offset 1), expected a value");
    }

    // ---- depth

    @Test
    void parse_nestingAtDefaultCap_isAccepted() {
        Object value = Json.parse("[".repeat(512) + "]".repeat(512));

        assertInstanceOf(List.class, value);
    }

    @Test
    void parse_nestingPastDefaultCap_isRejected() {
        String text = "[".repeat(513) + "]".repeat(513);

        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));

        assertEquals("Nesting too deep at 1:513 (offset 512), the limit is 512 levels", e.getMessage());
    }

    @Test
    void parse_hundredThousandOpenBrackets_isJsonExceptionNotStackOverflow() {
        byte[] arrays = "[".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
        byte[] objects = "{\"a\":".repeat(100_000).getBytes(StandardCharsets.US_ASCII);

        assertThrows(JsonException.class, () -> Json.parse(arrays));
        assertThrows(JsonException.class, () -> Json.parse(objects));
    }

    @Test
    void parse_withCustomCap_appliesIt() {
        byte[] three = "[[[1]]]".getBytes(StandardCharsets.US_ASCII);

        assertEquals(List.of(List.of(List.of(1L))), Json.parse(three, 3));
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(three, 2));
        assertEquals("Nesting too deep at 1:3 (offset 2), the limit is 2 levels", e.getMessage());
    }

    @Test
    void parse_capOutOfRange_isIllegalArgument() {
        byte[] text = "1".getBytes(StandardCharsets.US_ASCII);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(text, 0));
        assertEquals("maxDepth must be from 1 to 1024: 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse(text, 1025));
    }

    @Test
    void parse_maximumCap_fitsAnOrdinaryThreadStack() throws InterruptedException {
        byte[] text = ("[".repeat(1024) + "]".repeat(1024)).getBytes(StandardCharsets.US_ASCII);
        Object[] result = new Object[1];
        Thread thread = new Thread(null, () -> {
            try {
                result[0] = Json.parse(text, 1024);
            } catch (Throwable t) {
                result[0] = t;
            }
        }, "json-deep", 1024 * 1024);

        thread.start();
        thread.join();

        assertInstanceOf(List.class, result[0]);
    }

    @Test
    void parse_null_isNullPointerException() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Json.parse((String) null));

        assertEquals("text", e.getMessage());
    }

    static void assertMessage(String text, String message) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
        assertEquals(message, e.getMessage());
    }

}
