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

    record Loose(Object any, Map<?, ?> map, List<?> list, Number number) {}

    record Node(String name, List<Node> children) {}

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

    record NewTodo(String title) {
        NewTodo {
            Objects.requireNonNull(title, "title is required");
        }
    }

    record Todos(List<NewTodo> todos) {}

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

    static void assertBindingError(String json, Type type, String message) {
        JsonException e = assertThrows(JsonException.class, () -> Json.read(json, type));
        assertEquals(message, e.getMessage());
    }
}
