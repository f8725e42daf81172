package io.apiroutes.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class JsonObjectTest {
    @Test
    void of_nothing_isTheSharedEmptyObject() {
        assertSame(JsonObject.EMPTY, JsonObject.of(new Object[4], 2, 2));
        assertEquals(Map.of(), JsonObject.EMPTY);
    }

    @Test
    void of_repeatedKey_keepsFirstPlaceAndLastValue() {
        JsonObject object = JsonObject.of(new Object[] {"a", 1L, "b", 2L, "a", 3L}, 0, 6);

        assertEquals(List.of("a", "b"), new ArrayList<>(object.keySet()));
        assertEquals(3L, object.get("a"));
        assertEquals(2, object.size());
    }

    @Test
    void of_manyMembers_findsEachThroughTheIndex() {
        Object[] stack = new Object[2 * 1000];
        Map<String, Object> expected = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
            stack[2 * i] = "k" + i;
            stack[2 * i + 1] = i % 3 == 0 ? null : (long) i;
            expected.put("k" + i, stack[2 * i + 1]);
        }

        JsonObject object = JsonObject.of(stack, 0, stack.length);

        assertEquals(expected, object);
        assertEquals(expected.hashCode(), object.hashCode());
        for (int i = 0; i < 1000; i++) {
            assertTrue(object.containsKey("k" + i), "k" + i);
            assertEquals(expected.get("k" + i), object.get("k" + i));
        }
        assertFalse(object.containsKey("k1000"));
        assertNull(object.get("missing"));
    }

    @Test
    void of_manyMembersWithRepeats_keepsDocumentOrder() {
        Object[] stack = new Object[2 * 30];
        for (int i = 0; i < 30; i++) {
            stack[2 * i] = "k" + (i % 20);
            stack[2 * i + 1] = (long) i;
        }

        JsonObject object = JsonObject.of(stack, 0, stack.length);

        assertEquals(20, object.size());
        assertEquals("k0", object.keySet().iterator().next());
        assertEquals(20L, object.get("k0"));
        assertEquals(19L, object.get("k19"));
    }

    @Test
    void get_keyOfAnotherTypeOrNull_isAbsent() {
        JsonObject small = JsonObject.of(new Object[] {"1", 1L}, 0, 2);

        assertNull(small.get(1));
        assertNull(small.get(null));
        assertFalse(small.containsKey(null));
    }

    @Test
    void changes_areRefused() {
        JsonObject object = JsonObject.of(new Object[] {"a", 1L, "b", 2L}, 0, 4);
        Iterator<Map.Entry<String, Object>> entries = object.entrySet().iterator();
        entries.next();

        assertThrows(UnsupportedOperationException.class, () -> object.put("c", 3L));
        assertThrows(UnsupportedOperationException.class, () -> object.remove("a"));
        assertThrows(UnsupportedOperationException.class, entries::remove);
        assertThrows(UnsupportedOperationException.class, () -> entries.next().setValue(5L));
    }

    @Test
    void entries_endWithNoSuchElement() {
        Iterator<Map.Entry<String, Object>> entries = JsonObject.EMPTY.entrySet().iterator();

        assertFalse(entries.hasNext());
        assertThrows(NoSuchElementException.class, entries::next);
    }

    @Test
    void forEachAndToString_followDocumentOrder() {
        JsonObject object = JsonObject.of(new Object[] {"z", 1L, "a", null}, 0, 4);
        StringBuilder seen = new StringBuilder();

        object.forEach((k, v) -> seen.append(k).append('=').append(v).append(';'));

        assertEquals("z=1;a=null;", seen.toString());
        assertEquals("{z=1, a=null}", object.toString());
    }

    @Test
    void bytes_estimatesArrayIndexAndHeader() {
        assertEquals(0, JsonObject.bytes(0));
        assertEquals(32 + 24, JsonObject.bytes(1));
        assertEquals(32 + 80, JsonObject.bytes(8));
        assertEquals(32 + 88 + 16 + 4 * 32, JsonObject.bytes(9));
    }
}
