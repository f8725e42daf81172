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

class JsonBinderTest {
    enum Status { NEW, PAID }

    record Item(String sku, int qty, BigDecimal price) {}

    record Order(String id, Status status, List<Item> items, Optional<String> note, Instant at) {}

    record Numbers(byte b, short s, int i, long l, float f, double d, Integer boxed, Long big, boolean flag, char c) {}

    record Containers(Set<String> tags, Collection<Integer> counts, Map<String, Item> byName, int[] ints,
            Item[] items, List<List<Long>> matrix, Map<Status, Integer> perStatus) {}

    record Times(Instant instant, LocalDate date, LocalDateTime dateTime, OffsetDateTime offset,
            ZonedDateTime zoned, LocalTime time, Duration duration, UUID id) {}

    record Loose(Object any, Map<?, ?> map, List<?> list, Number number) {}

    record Node(String name, List<Node> children) {}

    record Keyed(Map<Integer, String> byInt, Map<Long, String> byLong, Map<UUID, Integer> byId) {}

    record Wrapper<T>(Page<List<T>> pages) {}

    record Tree<T>(T value, List<Tree<T>> kids) {}

    record Page<T>(List<T> items, int total) {}

    record Positive(int value) {
        Positive {
            if (value <= 0) {
                throw new IllegalArgumentException("value must be positive");
            }
        }
    }

    record Blob(byte[] data) {}

    record NewTodo(String title) {
        NewTodo {
            Objects.requireNonNull(title, "title is required");
        }
    }

    record Todos(List<NewTodo> todos) {}

    record Nums(List<BigInteger> n) {}

    record Checked(int value) {
        Checked {
            if (value < 0) {
                throw new IllegalArgumentException();
            }
        }
    }

    /** A class that {@link #unreadableRecord()}'s loader hides. */
    static final class Missing {}

    /** A record whose component's class cannot be found where it is loaded. */
    record Unreadable(Missing missing) {}

    record Weird(Thread thread) {}

    private record Hidden(String secret) {}

    // ---- records

    @Test
    void read_nestedRecords() {
        String json = "{\"id\":\"o1\",\"status\":\"PAID\",\"items\":[{\"sku\":\"a\",\"qty\":2,\"price\":9.99}],"
                + "\"note\":\"fast\",\"at\":\"2024-05-06T07:08:09Z\",\"unknown\":[1,2]}";

        Order order = Json.read(json, Order.class);

        assertEquals(new Order("o1", Status.PAID, List.of(new Item("a", 2, new BigDecimal("9.99"))),
                Optional.of("fast"), Instant.parse("2024-05-06T07:08:09Z")), order);
    }

    @Test
    void read_missingComponents_getNullEmptyOrZero() {
        Order order = Json.read("{}", Order.class);
        Numbers numbers = Json.read("{}", Numbers.class);

        assertEquals(new Order(null, null, null, Optional.empty(), null), order);
        assertEquals(new Numbers((byte) 0, (short) 0, 0, 0L, 0f, 0.0, null, null, false, '\0'), numbers);
    }

    @Test
    void read_explicitNull_isNullOrEmpty() {
        Order order = Json.read("{\"id\":null,\"note\":null}", Order.class);

        assertEquals(new Order(null, null, null, Optional.empty(), null), order);
    }

    @Test
    void read_nullIntoPrimitive_isError() {
        assertBindingError("{\"i\":null}", Numbers.class, "$.i: expected an integer, got null");
    }

    @Test
    void read_topLevelNull_isNull() {
        assertNull(Json.read("null", Order.class));
    }

    @Test
    void read_bytesOverload() {
        Item item = Json.read("{\"sku\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8), Item.class);

        assertEquals(new Item("\u00e9", 0, null), item);
    }

    @Test
    void read_privateRecord() {
        assertEquals(new Hidden("s"), Json.read("{\"secret\":\"s\"}", Hidden.class));
    }

    @Test
    void read_recursiveRecord() {
        Node node = Json.read("{\"name\":\"a\",\"children\":[{\"name\":\"b\",\"children\":[]}]}", Node.class);

        assertEquals(new Node("a", List.of(new Node("b", List.of()))), node);
    }

    @Test
    void read_genericRecordThroughType() throws NoSuchMethodException {
        Type type = JsonBinderTest.class.getDeclaredMethod("pageOfItems").getGenericReturnType();

        Page<Item> page = Json.read("{\"items\":[{\"sku\":\"a\"}],\"total\":1}", type);

        assertEquals(new Page<>(List.of(new Item("a", 0, null)), 1), page);
    }

    @Test
    void read_listOfRecordsThroughType() throws NoSuchMethodException {
        Type type = JsonBinderTest.class.getDeclaredMethod("listOfItems").getGenericReturnType();

        List<Item> items = Json.read("[{\"sku\":\"a\"},{\"sku\":\"b\"}]", type);

        assertEquals(List.of(new Item("a", 0, null), new Item("b", 0, null)), items);
    }

    @Test
    void read_compactConstructorCheck_becomesBindingError() {
        JsonException e = assertThrows(JsonException.class, () -> Json.read("{\"value\":0}", Positive.class));

        assertEquals("$: invalid Positive: value must be positive", e.getMessage());
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }

    @Test
    void read_compactConstructorNullCheck_becomesBindingError() {
        JsonException e = assertThrows(JsonException.class, () -> Json.read("{}", NewTodo.class));

        assertEquals("$: invalid NewTodo: title is required", e.getMessage());
        assertInstanceOf(NullPointerException.class, e.getCause());
    }

    @Test
    void read_constructorCheckInsideAList_hasThePath() {
        assertBindingError("{\"todos\":[{\"title\":\"a\"},{}]}", Todos.class,
                "$.todos[1]: invalid NewTodo: title is required");
    }

    @Test
    void read_constructorCheckWithoutMessage_namesTheRecordOnly() {
        assertBindingError("{\"value\":-1}", Checked.class, "$: invalid Checked");
    }

    @Test
    void read_recordInAPackageNotOpenToApiroutes_isIllegalStateNamingTheFix() throws Exception {
        Class<?> secret = HiddenRecord.type();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Json.read("{\"secret\":\"s\"}", secret));

        assertTrue(e.getMessage().startsWith("Cannot access record p.Secret: open package p to module io.apiroutes"),
                e.getMessage());
    }

    @Test
    void read_recordWhoseComponentClassIsMissing_isIllegalState() throws Exception {
        Class<?> unreadable = unreadableRecord();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Json.read("{}", unreadable));

        assertTrue(e.getMessage().startsWith("Cannot read record " + Unreadable.class.getName()
                + ": java.lang.NoClassDefFoundError"), e.getMessage());
    }

    // ---- mismatches

    @Test
    void read_mismatch_messageHasPathAndValue() {
        String json = "{\"items\":[{},{},{\"price\":\"abc\"}]}";

        JsonException e = assertThrows(JsonException.class, () -> Json.read(json, Order.class));

        assertEquals("$.items[2].price: expected a number, got \"abc\"", e.getMessage());
        assertEquals("$.items[2].price", e.path());
        assertEquals(-1, e.offset());
        assertEquals(-1, e.line());
    }

    @Test
    void read_mismatches_describeWhatWasGot() {
        assertBindingError("[]", Item.class, "$: expected an object, got an array");
        assertBindingError("{\"sku\":1}", Item.class, "$.sku: expected a string, got 1");
        assertBindingError("{\"sku\":{}}", Item.class, "$.sku: expected a string, got an object");
        assertBindingError("{\"items\":{}}", Order.class, "$.items: expected an array, got an object");
        assertBindingError("{\"flag\":\"true\"}", Numbers.class, "$.flag: expected true or false, got \"true\"");
        assertBindingError("{\"c\":\"ab\"}", Numbers.class, "$.c: expected a string of one character, got \"ab\"");
        assertBindingError("{\"byName\":{\"a b\":{\"qty\":true}}}", Containers.class,
                "$.byName[\"a b\"].qty: expected an integer, got true");
    }

    @Test
    void read_longStringInMessage_isShortened() {
        JsonException e = assertThrows(JsonException.class,
                () -> Json.read("{\"qty\":\"" + "x".repeat(50) + "\"}", Item.class));

        assertEquals("$.qty: expected an integer, got \"" + "x".repeat(40) + "...\"", e.getMessage());
    }

    @Test
    void read_enumByName_unknownListsChoices() {
        assertBindingError("{\"status\":\"LOST\"}", Order.class, "$.status: expected one of [NEW, PAID], got \"LOST\"");
        assertBindingError("{\"status\":1}", Order.class, "$.status: expected one of [NEW, PAID], got 1");
    }

    // ---- numbers

    @Test
    void read_numbers_inRange() {
        Numbers n = Json.read("{\"b\":-128,\"s\":32767,\"i\":2.0,\"l\":-9223372036854775808,\"f\":0.5,"
                + "\"d\":1e300,\"boxed\":3e2,\"big\":9223372036854775807,\"flag\":true,\"c\":\"z\"}", Numbers.class);

        assertEquals(new Numbers((byte) -128, (short) 32767, 2, Long.MIN_VALUE, 0.5f, 1e300, 300,
                Long.MAX_VALUE, true, 'z'), n);
    }

    @Test
    void read_numbers_outOfRangeOrFractional_isError() {
        assertBindingError("{\"b\":300}", Numbers.class, "$.b: expected an integer between -128 and 127, got 300");
        assertBindingError("{\"s\":-32769}", Numbers.class,
                "$.s: expected an integer between -32768 and 32767, got -32769");
        assertBindingError("{\"i\":1.5}", Numbers.class, "$.i: expected an integer, got 1.5");
        assertBindingError("{\"i\":3000000000}", Numbers.class,
                "$.i: expected an integer between -2147483648 and 2147483647, got 3000000000");
        assertBindingError("{\"l\":9223372036854775808}", Numbers.class,
                "$.l: expected an integer in long range, got 9223372036854775808");
        assertBindingError("{\"i\":\"1\"}", Numbers.class, "$.i: expected an integer, got \"1\"");
        assertBindingError("{\"d\":1e400}", Numbers.class, "$.d: expected a number in double range, got 1E+400");
        assertBindingError("{\"f\":1e300}", Numbers.class, "$.f: expected a number in float range, got 1.0E300");
        assertBindingError("{\"boxed\":1e-400}", Numbers.class, "$.boxed: expected an integer, got 1E-400");
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
        assertBindingError("1.5", BigInteger.class, "$: expected an integer, got 1.5");
    }

    @Test
    void read_hugeExponentIntoBigInteger_isRefusedWithThePath() {
        String expected = "expected an integer whose exponent adds at most 100 digits, got ";

        assertBindingError("{\"n\":[1,1e9999]}", Nums.class, "$.n[1]: " + expected + "1E+9999");
        assertBindingError("1e101", BigInteger.class, "$: " + expected + "1.0E101");
        assertBindingError("-1.5e5000", BigInteger.class, "$: " + expected + "-1.5E+5000");
        assertBindingError("1e200", BigInteger.class, "$: " + expected + "1.0E200");
        assertBindingError("1e-9999", BigInteger.class, "$: expected an integer, got 1E-9999");
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

        assertBindingError("1e1000", BigDecimal.class, expected + "1E+1000");
        assertBindingError("1e-1001", BigDecimal.class, expected + "1E-1001");
        assertEquals(new BigDecimal("9.5e999"), Json.read("9.5e999", BigDecimal.class));
        assertEquals(new BigDecimal("1e-1000"), Json.read("1e-1000", BigDecimal.class));
    }

    @Test
    void read_hugeExponentIntoSmallTypes_isOutOfRange() {
        assertBindingError("1e9999", long.class, "$: expected an integer in long range, got 1E+9999");
        assertBindingError("-1e9999", int.class, "$: expected an integer between -2147483648 and 2147483647, got -1E+9999");
        assertBindingError("1e9999", double.class, "$: expected a number in double range, got 1E+9999");
        assertEquals(0.0, Json.read("1e-9999", double.class));
    }

    @Test
    void read_primitiveClass_givesBox() {
        int value = Json.read("42", int.class);

        assertEquals(42, value);
        assertBindingError("null", int.class, "$: expected an integer, got null");
    }

    // ---- containers

    @Test
    void read_containers() {
        String json = "{\"tags\":[\"a\",\"b\",\"a\"],\"counts\":[1,2],\"byName\":{\"x\":{\"sku\":\"x\"}},"
                + "\"ints\":[1,2,3],\"items\":[{\"sku\":\"i\"}],\"matrix\":[[1],[2,3]],\"perStatus\":{\"NEW\":1}}";

        Containers c = Json.read(json, Containers.class);

        assertEquals(new LinkedHashSet<>(List.of("a", "b")), c.tags());
        assertInstanceOf(LinkedHashSet.class, c.tags());
        assertEquals(List.of(1, 2), c.counts());
        assertEquals(Map.of("x", new Item("x", 0, null)), c.byName());
        assertInstanceOf(LinkedHashMap.class, c.byName());
        assertArrayEquals(new int[] {1, 2, 3}, c.ints());
        assertArrayEquals(new Item[] {new Item("i", 0, null)}, c.items());
        assertEquals(List.of(List.of(1L), List.of(2L, 3L)), c.matrix());
        assertEquals(Map.of(Status.NEW, 1), c.perStatus());
    }

    @Test
    void read_mapKeys_boundToNumbersAndUuids() {
        Keyed keyed = Json.read("{\"byInt\":{\"1\":\"a\",\"-2\":\"b\"},\"byLong\":{\"9000000000\":\"c\"},"
                + "\"byId\":{\"123e4567-e89b-12d3-a456-426614174000\":1}}", Keyed.class);

        assertEquals(Map.of(1, "a", -2, "b"), keyed.byInt());
        assertEquals(Map.of(9_000_000_000L, "c"), keyed.byLong());
        assertEquals(Map.of(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), 1), keyed.byId());
        assertBindingError("{\"byInt\":{\"x\":\"a\"}}", Keyed.class, "$.byInt.x: expected an integer key, got \"x\"");
        assertBindingError("{\"byInt\":{\"9000000000\":\"a\"}}", Keyed.class,
                "$.byInt[\"9000000000\"]: expected an integer key in int range, got \"9000000000\"");
    }

    @Test
    void read_genericRecordInsideGenericRecord_resolvesOuterVariable() throws NoSuchMethodException {
        Type type = JsonBinderTest.class.getDeclaredMethod("wrapperOfItems").getGenericReturnType();

        Wrapper<Item> wrapper = Json.read("{\"pages\":{\"items\":[[{\"sku\":\"a\"}]],\"total\":1}}", type);

        assertEquals(new Wrapper<>(new Page<>(List.of(List.of(new Item("a", 0, null))), 1)), wrapper);
    }

    @Test
    void read_rawGenericRecordContainingItself_usesTheBound() {
        Tree<?> tree = Json.read("{\"value\":1,\"kids\":[{\"value\":\"x\",\"kids\":[]}]}", Tree.class);

        assertEquals(new Tree<Object>(1L, List.of(new Tree<>("x", List.of()))), tree);
    }

    @Test
    void read_elementMismatch_hasIndexInPath() {
        assertBindingError("{\"ints\":[1,\"2\"]}", Containers.class, "$.ints[1]: expected an integer, got \"2\"");
        assertBindingError("{\"matrix\":[[1],[2,true]]}", Containers.class,
                "$.matrix[1][1]: expected an integer, got true");
        assertBindingError("{\"perStatus\":{\"OLD\":1}}", Containers.class,
                "$.perStatus.OLD: expected one of [NEW, PAID], got \"OLD\"");
    }

    @Test
    void read_looseTypes_keepTheTree() {
        Loose loose = Json.read("{\"any\":{\"a\":[1]},\"map\":{\"k\":null},\"list\":[true],\"number\":1.5}", Loose.class);

        assertEquals(Map.of("a", List.of(1L)), loose.any());
        assertEquals(Collections.singletonMap("k", null), loose.map());
        assertEquals(List.of(true), loose.list());
        assertEquals(1.5, loose.number());
    }

    @Test
    void read_objectType_returnsTreeAsIs() {
        Object tree = Json.parse("{\"a\":[1]}");

        assertSame(tree, Json.convert(tree, Object.class));
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
        assertBindingError("{\"date\":\"2024-13-01\"}", Times.class, "$.date: expected an ISO-8601 date, got \"2024-13-01\"");
        assertBindingError("{\"instant\":5}", Times.class, "$.instant: expected an ISO-8601 instant, got 5");
        assertBindingError("{\"duration\":\"90m\"}", Times.class, "$.duration: expected an ISO-8601 duration, got \"90m\"");
        assertBindingError("{\"id\":\"1-2-3-4-5\"}", Times.class, "$.id: expected a UUID, got \"1-2-3-4-5\"");
    }

    @Test
    void read_byteArray_fromBase64() {
        Blob blob = Json.read(Json.write(new Blob(new byte[] {0, 1, (byte) 0xFF})), Blob.class);

        assertArrayEquals(new byte[] {0, 1, (byte) 0xFF}, blob.data());
        assertBindingError("{\"data\":\"!!\"}", Blob.class, "$.data: expected a base64 string, got \"!!\"");
    }

    @Test
    void read_unsupportedType_namesIt() {
        assertBindingError("{}", Weird.class, "$.thread: cannot bind JSON to java.lang.Thread");
        assertBindingError("{}", Thread.class, "$: cannot bind JSON to java.lang.Thread");
    }

    // ---- convert

    @Test
    void convert_userBuiltTree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("sku", "a");
        tree.put("qty", 3);
        tree.put("price", 2.5);

        assertEquals(new Item("a", 3, new BigDecimal("2.5")), Json.convert(tree, Item.class));
    }

    @Test
    void convert_rawCollections_copy() {
        List<Object> tree = new ArrayList<>(List.of(1L, "x"));

        List<?> copy = Json.convert(tree, List.class);

        assertEquals(tree, copy);
        assertInstanceOf(ArrayList.class, copy);
    }

    /** {@link Unreadable} loaded again by a loader that cannot find {@link Missing}. */
    private static Class<?> unreadableRecord() throws ClassNotFoundException {
        ClassLoader parent = JsonBinderTest.class.getClassLoader();
        return new ClassLoader(parent) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(Missing.class.getName())) {
                    throw new ClassNotFoundException(name);
                }
                if (!name.equals(Unreadable.class.getName())) {
                    return super.loadClass(name, resolve);
                }
                synchronized (getClassLoadingLock(name)) {
                    Class<?> loaded = findLoadedClass(name);
                    if (loaded == null) {
                        try (InputStream in = parent.getResourceAsStream(name.replace('.', '/') + ".class")) {
                            byte[] bytes = in.readAllBytes();
                            loaded = defineClass(name, bytes, 0, bytes.length);
                        } catch (IOException e) {
                            throw new ClassNotFoundException(name, e);
                        }
                    }
                    return loaded;
                }
            }
        }.loadClass(Unreadable.class.getName());
    }

    /** Its generic return type is a test's target type. */
    private static Page<Item> pageOfItems() {
        return null;
    }

    /** Its generic return type is a test's target type. */
    private static List<Item> listOfItems() {
        return null;
    }

    /** Its generic return type is a test's target type. */
    private static Wrapper<Item> wrapperOfItems() {
        return null;
    }

    private static void assertBindingError(String json, Type type, String message) {
        JsonException e = assertThrows(JsonException.class, () -> Json.read(json, type));
        assertEquals(message, e.getMessage());
    }
}
