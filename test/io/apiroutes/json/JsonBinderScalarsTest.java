package io.apiroutes.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Binding JSON to numbers, times, UUIDs, base64, enums and maps keyed by them: ranges, exponents and what a mismatch says. */
class JsonBinderScalarsTest {
    record Times(Instant instant, LocalDate date, LocalDateTime dateTime, OffsetDateTime offset,
            ZonedDateTime zoned, LocalTime time, Duration duration, UUID id) {}

    record Keyed(Map<Integer, String> byInt, Map<Long, String> byLong, Map<UUID, Integer> byId) {}

    record Blob(byte[] data) {}

    record Nums(List<BigInteger> n) {}

    // ---- mismatches

    @Test
    void read_mismatch_messageHasPathAndValue() {
        String json = "{\"items\":[{},{},{\"price\":\"abc\"}]}";

        JsonException e = assertThrows(JsonException.class, () -> Json.read(json, JsonBinderTest.Order.class));

        assertEquals("$.items[2].price: expected a number, got \"abc\"", e.getMessage());
        assertEquals("$.items[2].price", e.path());
        assertEquals(-1, e.offset());
        assertEquals(-1, e.line());
    }

    @Test
    void read_mismatches_describeWhatWasGot() {
        JsonBinderTest.assertBindingError("[]", JsonBinderTest.Item.class, "$: expected an object, got an array");
        JsonBinderTest.assertBindingError("{\"sku\":1}", JsonBinderTest.Item.class, "$.sku: expected a string, got 1");
        JsonBinderTest.assertBindingError("{\"sku\":{}}", JsonBinderTest.Item.class, "$.sku: expected a string, got an object");
        JsonBinderTest.assertBindingError("{\"items\":{}}", JsonBinderTest.Order.class, "$.items: expected an array, got an object");
        JsonBinderTest.assertBindingError("{\"flag\":\"true\"}", JsonBinderTest.Numbers.class, "$.flag: expected true or false, got \"true\"");
        JsonBinderTest.assertBindingError("{\"c\":\"ab\"}", JsonBinderTest.Numbers.class, "$.c: expected a string of one character, got \"ab\"");
        JsonBinderTest.assertBindingError("{\"byName\":{\"a b\":{\"qty\":true}}}", JsonBinderTest.Containers.class,
                "$.byName[\"a b\"].qty: expected an integer, got true");
    }

    @Test
    void read_longStringInMessage_isShortened() {
        JsonException e = assertThrows(JsonException.class,
                () -> Json.read("{\"qty\":\"" + "x".repeat(50) + "\"}", JsonBinderTest.Item.class));

        assertEquals("$.qty: expected an integer, got \"" + "x".repeat(40) + "...\"", e.getMessage());
    }

    @Test
    void read_enumByName_unknownListsChoices() {
        JsonBinderTest.assertBindingError("{\"status\":\"LOST\"}", JsonBinderTest.Order.class, "$.status: expected one of [NEW, PAID], got \"LOST\"");
        JsonBinderTest.assertBindingError("{\"status\":1}", JsonBinderTest.Order.class, "$.status: expected one of [NEW, PAID], got 1");
    }

    // ---- numbers

    @Test
    void read_numbers_inRange() {
        JsonBinderTest.Numbers n = Json.read("{\"b\":-128,\"s\":32767,\"i\":2.0,\"l\":-9223372036854775808,\"f\":0.5,"
                + "\"d\":1e300,\"boxed\":3e2,\"big\":9223372036854775807,\"flag\":true,\"c\":\"z\"}", JsonBinderTest.Numbers.class);

        assertEquals(new JsonBinderTest.Numbers((byte) -128, (short) 32767, 2, Long.MIN_VALUE, 0.5f, 1e300, 300,
                Long.MAX_VALUE, true, 'z'), n);
    }

    @Test
    void read_numbers_outOfRangeOrFractional_isError() {
        JsonBinderTest.assertBindingError("{\"b\":300}", JsonBinderTest.Numbers.class, "$.b: expected an integer between -128 and 127, got 300");
        JsonBinderTest.assertBindingError("{\"s\":-32769}", JsonBinderTest.Numbers.class,
                "$.s: expected an integer between -32768 and 32767, got -32769");
        JsonBinderTest.assertBindingError("{\"i\":1.5}", JsonBinderTest.Numbers.class, "$.i: expected an integer, got 1.5");
        JsonBinderTest.assertBindingError("{\"i\":3000000000}", JsonBinderTest.Numbers.class,
                "$.i: expected an integer between -2147483648 and 2147483647, got 3000000000");
        JsonBinderTest.assertBindingError("{\"l\":9223372036854775808}", JsonBinderTest.Numbers.class,
                "$.l: expected an integer in long range, got 9223372036854775808");
        JsonBinderTest.assertBindingError("{\"i\":\"1\"}", JsonBinderTest.Numbers.class, "$.i: expected an integer, got \"1\"");
        JsonBinderTest.assertBindingError("{\"d\":1e400}", JsonBinderTest.Numbers.class, "$.d: expected a number in double range, got 1E+400");
        JsonBinderTest.assertBindingError("{\"f\":1e300}", JsonBinderTest.Numbers.class, "$.f: expected a number in float range, got 1.0E300");
        JsonBinderTest.assertBindingError("{\"boxed\":1e-400}", JsonBinderTest.Numbers.class, "$.boxed: expected an integer, got 1E-400");
    }

    @Test
    void read_bigNumbers_keepEveryDigit() {
        assertEquals(new BigDecimal("0.1"), Json.read("0.1", BigDecimal.class));
        assertEquals(new BigDecimal("0.12345678901234567890123"),
                Json.read("0.12345678901234567890123", BigDecimal.class));
        assertEquals(new BigDecimal("7"), Json.read("7", BigDecimal.class));
        assertEquals(new BigInteger("123456789012345678901234567890"),
                Json.read("123456789012345678901234567890", BigInteger.class));
        assertEquals(BigInteger.valueOf(1000), Json.read("1e3", BigInteger.class));
        JsonBinderTest.assertBindingError("1.5", BigInteger.class, "$: expected an integer, got 1.5");
    }

    @Test
    void read_hugeExponentIntoBigInteger_isRefusedWithThePath() {
        String expected = "expected an integer whose exponent adds at most 100 digits, got ";

        JsonBinderTest.assertBindingError("{\"n\":[1,1e9999]}", Nums.class, "$.n[1]: " + expected + "1E+9999");
        JsonBinderTest.assertBindingError("1e101", BigInteger.class, "$: " + expected + "1.0E101");
        JsonBinderTest.assertBindingError("-1.5e5000", BigInteger.class, "$: " + expected + "-1.5E+5000");
        JsonBinderTest.assertBindingError("1e200", BigInteger.class, "$: " + expected + "1.0E200");
        JsonBinderTest.assertBindingError("1e-9999", BigInteger.class, "$: expected an integer, got 1E-9999");
    }

    @Test
    void read_exponentAddingAtMost100Digits_isBound() {
        String thousandDigits = "9".repeat(1000);

        assertEquals(BigInteger.TEN.pow(100), Json.read("1e100", BigInteger.class));
        assertEquals(BigInteger.valueOf(15).multiply(BigInteger.TEN.pow(100)), Json.read("1.5e101", BigInteger.class));
        assertEquals(new BigInteger(thousandDigits), Json.read(thousandDigits, BigInteger.class));
        assertEquals(BigInteger.ZERO, Json.read("0e9999", BigInteger.class));
    }

    @Test
    void read_hugeExponentIntoBigDecimal_isRefused() {
        String expected = "$: expected a number of at most 1000 digits before and after the point, got ";

        JsonBinderTest.assertBindingError("1e1000", BigDecimal.class, expected + "1E+1000");
        JsonBinderTest.assertBindingError("1e-1001", BigDecimal.class, expected + "1E-1001");
        assertEquals(new BigDecimal("9.5e999"), Json.read("9.5e999", BigDecimal.class));
        assertEquals(new BigDecimal("1e-1000"), Json.read("1e-1000", BigDecimal.class));
    }

    @Test
    void read_hugeExponentIntoSmallTypes_isOutOfRange() {
        JsonBinderTest.assertBindingError("1e9999", long.class, "$: expected an integer in long range, got 1E+9999");
        JsonBinderTest.assertBindingError("-1e9999", int.class, "$: expected an integer between -2147483648 and 2147483647, got -1E+9999");
        JsonBinderTest.assertBindingError("1e9999", double.class, "$: expected a number in double range, got 1E+9999");
        assertEquals(0.0, Json.read("1e-9999", double.class));
    }

    @Test
    void read_primitiveClass_givesBox() {
        int value = Json.read("42", int.class);

        assertEquals(42, value);
        JsonBinderTest.assertBindingError("null", int.class, "$: expected an integer, got null");
    }

    @Test
    void read_mapKeys_boundToNumbersAndUuids() {
        Keyed keyed = Json.read("{\"byInt\":{\"1\":\"a\",\"-2\":\"b\"},\"byLong\":{\"9000000000\":\"c\"},"
                + "\"byId\":{\"123e4567-e89b-12d3-a456-426614174000\":1}}", Keyed.class);

        assertEquals(Map.of(1, "a", -2, "b"), keyed.byInt());
        assertEquals(Map.of(9_000_000_000L, "c"), keyed.byLong());
        assertEquals(Map.of(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), 1), keyed.byId());
        JsonBinderTest.assertBindingError("{\"byInt\":{\"x\":\"a\"}}", Keyed.class, "$.byInt.x: expected an integer key, got \"x\"");
        JsonBinderTest.assertBindingError("{\"byInt\":{\"9000000000\":\"a\"}}", Keyed.class,
                "$.byInt[\"9000000000\"]: expected an integer key in int range, got \"9000000000\"");
    }

    // ---- text types

    @Test
    void read_timesAndUuid() {
        String json = "{\"instant\":\"2024-05-06T07:08:09.123Z\",\"date\":\"2024-05-06\",\"dateTime\":\"2024-05-06T07:08\","
                + "\"offset\":\"2024-05-06T07:08:09+02:00\",\"zoned\":\"2024-05-06T07:08:09+02:00[Europe/Paris]\","
                + "\"time\":\"07:08\",\"duration\":\"PT1H30M\",\"id\":\"123e4567-e89b-12d3-a456-426614174000\"}";

        Times t = Json.read(json, Times.class);

        assertEquals(Instant.parse("2024-05-06T07:08:09.123Z"), t.instant());
        assertEquals(LocalDate.of(2024, 5, 6), t.date());
        assertEquals(LocalDateTime.of(2024, 5, 6, 7, 8), t.dateTime());
        assertEquals(OffsetDateTime.parse("2024-05-06T07:08:09+02:00"), t.offset());
        assertEquals(ZonedDateTime.parse("2024-05-06T07:08:09+02:00[Europe/Paris]"), t.zoned());
        assertEquals(LocalTime.of(7, 8), t.time());
        assertEquals(Duration.ofMinutes(90), t.duration());
        assertEquals(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), t.id());
        assertEquals(t, Json.read(Json.write(t), Times.class));
    }

    @Test
    void read_badTimesAndUuid_areBindingErrors() {
        JsonBinderTest.assertBindingError("{\"date\":\"2024-13-01\"}", Times.class, "$.date: expected an ISO-8601 date, got \"2024-13-01\"");
        JsonBinderTest.assertBindingError("{\"instant\":5}", Times.class, "$.instant: expected an ISO-8601 instant, got 5");
        JsonBinderTest.assertBindingError("{\"duration\":\"90m\"}", Times.class, "$.duration: expected an ISO-8601 duration, got \"90m\"");
        JsonBinderTest.assertBindingError("{\"id\":\"1-2-3-4-5\"}", Times.class, "$.id: expected a UUID, got \"1-2-3-4-5\"");
    }

    @Test
    void read_byteArray_fromBase64() {
        Blob blob = Json.read(Json.write(new Blob(new byte[] {0, 1, (byte) 0xFF})), Blob.class);

        assertArrayEquals(new byte[] {0, 1, (byte) 0xFF}, blob.data());
        JsonBinderTest.assertBindingError("{\"data\":\"!!\"}", Blob.class, "$.data: expected a base64 string, got \"!!\"");
    }
}
