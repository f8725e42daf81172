package io.apiroutes.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonTypeTest {
    record Point(int x, int y) {}

    enum Size { S, M }

    public static class Bean {
        public int getWidth() {
            return 1;
        }
    }

    @Test
    void of_isComputedOncePerClass() {
        assertSame(JsonType.of(Point.class), JsonType.of(Point.class));
    }

    @Test
    void of_tableRows_sayHowWrittenBoundAndMissing() {
        assertType(String.class, JsonType.STRING, JsonType.STRING, null);
        assertType(int.class, JsonType.NONE, JsonType.INT, 0);
        assertType(Integer.class, JsonType.INTEGER, JsonType.INT, null);
        assertType(boolean.class, JsonType.NONE, JsonType.BOOLEAN, false);
        assertType(char.class, JsonType.NONE, JsonType.CHAR, '\0');
        assertType(BigDecimal.class, JsonType.PLAIN, JsonType.BIG_DECIMAL, null);
        assertType(Optional.class, JsonType.OPTIONAL, JsonType.OPTIONAL, Optional.empty());
        assertType(OptionalInt.class, JsonType.OPTIONAL_INT, JsonType.OPTIONAL_INT, OptionalInt.empty());
        assertType(LocalDate.class, JsonType.DATE, JsonType.LOCAL_DATE, null);
        assertType(UUID.class, JsonType.STRING, JsonType.UUID_, null);
        assertType(int[].class, JsonType.INTS, JsonType.ARRAY, null);
        assertType(byte[].class, JsonType.BYTES, JsonType.BYTES, null);
        assertType(Object.class, JsonType.NONE, JsonType.ANY, null);
    }

    @Test
    void of_families_followTheirRules() {
        assertType(Point.class, JsonType.RECORD, JsonType.RECORD, null);
        assertType(Size.class, JsonType.ENUM, JsonType.ENUM, null);
        assertType(StringBuilder.class, JsonType.STRING, JsonType.NONE, null);
        assertType(Map.class, JsonType.MAP, JsonType.MAP, null);
        assertType(HashMap.class, JsonType.MAP, JsonType.MAP, null);
        assertType(TreeMap.class, JsonType.MAP, JsonType.NONE, null);
        assertType(List.class, JsonType.ITERABLE, JsonType.LIST, null);
        assertType(Collection.class, JsonType.ITERABLE, JsonType.LIST, null);
        assertType(ArrayList.class, JsonType.ITERABLE, JsonType.LIST, null);
        assertType(Set.class, JsonType.ITERABLE, JsonType.SET, null);
        assertType(HashSet.class, JsonType.ITERABLE, JsonType.SET, null);
        assertType(Point[].class, JsonType.ARRAY, JsonType.ARRAY, null);
        assertType(ZoneOffset.class, JsonType.STRING, JsonType.NONE, null);
        assertType(Bean.class, JsonType.BEAN, JsonType.NONE, null);
        assertType(Thread.class, JsonType.NONE, JsonType.NONE, null);
    }

    @Test
    void convert_jsonNull_isMissingValueButForPrimitives() {
        assertEquals(Optional.empty(), JsonType.of(Optional.class).convert(null));
        assertNull(JsonType.of(Integer.class).convert(null));

        JsonFailure f = assertThrows(JsonFailure.class, () -> JsonType.of(int.class).convert(null));
        assertEquals("expected an integer, got null", f.getMessage());
    }

    @Test
    void convert_textTypes_useTheirOwnParser() {
        assertEquals(LocalDate.of(2024, 2, 29), JsonType.of(LocalDate.class).convert("2024-02-29"));
        assertEquals(Size.M, JsonType.of(Size.class).convert("M"));

        JsonFailure f = assertThrows(JsonFailure.class, () -> JsonType.of(java.time.Year.class).convert("twenty"));
        assertEquals("expected an ISO-8601 year, got \"twenty\"", f.getMessage());
    }

    @Test
    void unsupported_saysWhyForAClassThatIsNotPublic() {
        class Local {
            public int getX() {
                return 1;
            }
        }

        assertEquals("Cannot write java.lang.Thread as JSON", JsonType.of(Thread.class).unsupported());
        assertEquals("Cannot write " + Local.class.getName() + " as JSON (a class that is not a record is written"
                + " by its getters only when it is public)", JsonType.of(Local.class).unsupported());
    }

    private static void assertType(Class<?> c, int write, int bind, Object missing) {
        JsonType type = JsonType.of(c);

        assertEquals(write, type.write, c + " written as");
        assertEquals(bind, type.bind, c + " bound as");
        assertEquals(missing, type.missing, c + " missing");
    }
}
