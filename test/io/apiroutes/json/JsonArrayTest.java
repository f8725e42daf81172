package io.apiroutes.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import org.junit.jupiter.api.Test;

class JsonArrayTest {
    @Test
    void of_nothing_isTheSharedEmptyArray() {
        assertSame(JsonArray.EMPTY, JsonArray.of(new Object[3], 1, 1));
        assertEquals(List.of(), JsonArray.EMPTY);
    }

    @Test
    void of_oneElement_holdsIt() {
        JsonArray one = JsonArray.of(new Object[] {"x", null, "y"}, 1, 2);

        assertEquals(Arrays.asList((Object) null), one);
        assertEquals(1, one.size());
        assertThrows(IndexOutOfBoundsException.class, () -> one.get(1));
        assertThrows(IndexOutOfBoundsException.class, () -> one.get(-1));
    }

    @Test
    void of_manyElements_copiesTheRangeSized() {
        Object[] stack = {0L, 1L, 2L, 3L};

        JsonArray array = JsonArray.of(stack, 1, 4);
        stack[2] = "changed";

        assertEquals(List.of(1L, 2L, 3L), array);
        assertEquals(List.of(1L, 2L, 3L).hashCode(), array.hashCode());
        assertInstanceOf(RandomAccess.class, array);
        assertThrows(IndexOutOfBoundsException.class, () -> array.get(3));
    }

    @Test
    void changes_areRefused() {
        JsonArray array = JsonArray.of(new Object[] {1L, 2L}, 0, 2);

        assertThrows(UnsupportedOperationException.class, () -> array.add(3L));
        assertThrows(UnsupportedOperationException.class, () -> array.set(0, 3L));
        assertThrows(UnsupportedOperationException.class, () -> array.remove(0));
        assertThrows(UnsupportedOperationException.class, () -> JsonArray.EMPTY.add(1L));
    }

    @Test
    void bytes_estimatesArrayAndHeader() {
        assertEquals(0, JsonArray.bytes(0));
        assertEquals(24, JsonArray.bytes(1));
        assertEquals(24 + 24, JsonArray.bytes(2));
        assertEquals(24 + 56, JsonArray.bytes(10));
    }
}
