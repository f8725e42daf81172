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

/** Writing classes that are not records (public getters and fields), and the errors of types and shapes the writer cannot write. */
class JsonWriterPlainClassTest {
    private record Holder(Object value) {}

    /** An entity as many codebases have them: getters, a public field, things that are not properties. */
    public static class Customer {
        public static final String KIND = "customer";
        public int visits = 3;
        public transient String cache = "c";
        public String nickname = "field";

        public String getName() {
            return "Ann";
        }

        public boolean isActive() {
            return true;
        }

        public Boolean isBoxed() {
            return true;
        }

        public String getURL() {
            return "https://example.com";
        }

        public String getNickname() {
            return "getter";
        }

        public String getGreeting(String to) {
            return "hi " + to;
        }

        public void getNothing() {
        }

        public static String getCompany() {
            return "Acme";
        }

        public long getId() {
            return 42L;
        }

        public JsonWriterTest.Point getHome() {
            return new JsonWriterTest.Point(1, 2);
        }
    }

    /** A chain of links, which may loop. */
    public static class Link {
        private Link next;

        public Link getNext() {
            return next;
        }
    }

    public static class NoProperties {
        public void run() {
        }
    }

    private static class Hidden {
        public String getName() {
            return "hidden";
        }
    }

    @Test
    void write_plainClass_publicGettersAndFieldsInAlphabeticalOrder() {
        assertEquals("{\"active\":true,\"home\":{\"x\":1,\"y\":2},\"id\":42,\"name\":\"Ann\","
                + "\"nickname\":\"getter\",\"url\":\"https://example.com\",\"visits\":3}", Json.write(new Customer()));
    }

    @Test
    void write_plainClassesNested_areObjects() {
        Link first = new Link();
        first.next = new Link();

        assertEquals("[{\"next\":{\"next\":null}}]", Json.write(List.of(first)));
    }

    @Test
    void write_plainClassContainingItself_isError() {
        Link loop = new Link();
        loop.next = loop;

        JsonException e = assertThrows(JsonException.class, () -> Json.write(loop));

        assertTrue(e.getMessage().startsWith("Cannot write a value that contains itself (at $.next.next"), e.getMessage());
    }

    @Test
    void write_plainClassWithoutProperties_isError() {
        JsonException e = assertThrows(JsonException.class, () -> Json.write(new NoProperties()));

        assertEquals("Cannot write io.apiroutes.json.JsonWriterPlainClassTest$NoProperties as JSON", e.getMessage());
    }

    @Test
    void write_plainClassNotPublic_isErrorSayingWhy() {
        JsonException e = assertThrows(JsonException.class, () -> Json.write(List.of(new Hidden())));

        assertEquals("Cannot write io.apiroutes.json.JsonWriterPlainClassTest$Hidden as JSON (a class that is not a record"
                + " is written by its getters only when it is public) (at $[0])", e.getMessage());
    }

    @Test
    void write_unknownType_namesIt() {
        JsonException e = assertThrows(JsonException.class, () -> Json.write(new Thread("not JSON")));

        assertEquals("Cannot write java.lang.Thread as JSON", e.getMessage());
        assertEquals("$", e.path());
    }

    @Test
    void write_unknownTypeInside_namesTypeAndPath() {
        Object value = Map.of("items", List.of(new Holder(1), new Holder(new Object())));

        JsonException e = assertThrows(JsonException.class, () -> Json.write(value));

        assertEquals("Cannot write java.lang.Object as JSON (at $.items[1].value)", e.getMessage());
        assertEquals("$.items[1].value", e.path());
    }

    @Test
    void write_keyThatIsNoIdentifier_isQuotedInPath() {
        JsonException e = assertThrows(JsonException.class, () -> Json.write(Map.of("a b", new Object())));

        assertEquals("$[\"a b\"]", e.path());
    }

    // ---- cycles and depth

    @Test
    void write_mapContainingItself_isError() {
        Map<String, Object> map = new HashMap<>();
        map.put("self", map);

        JsonException e = assertThrows(JsonException.class, () -> Json.write(map));

        assertEquals("Cannot write a value that contains itself (at $.self.self.self.self.self.self.self.self"
                + ".self.self.self.self....self.self.self.self.self.self)", e.getMessage());
    }

    @Test
    void write_listContainingItselfThroughRecord_isError() {
        List<Object> list = new ArrayList<>();
        list.add(new Holder(list));

        JsonException e = assertThrows(JsonException.class, () -> Json.write(list));

        assertTrue(e.getMessage().startsWith("Cannot write a value that contains itself (at $[0].value[0]"),
                e.getMessage());
        assertTrue(e.path().startsWith("$[0].value[0].value"), e.path());
    }

    @Test
    void write_nestingAtCap_isAccepted_pastCap_isError() {
        assertEquals("[".repeat(512) + "]".repeat(512), Json.write(nested(512)));

        JsonException e = assertThrows(JsonException.class, () -> Json.write(nested(513)));

        assertTrue(e.getMessage().startsWith("Cannot write: nesting deeper than 512 levels (at $[0][0]"),
                e.getMessage());
    }

    @Test
    void write_sameValueTwiceSideBySide_isNoCycle() {
        List<Object> shared = List.of(1);
        Object deep = nested(40);

        assertEquals("[[1],[1]]", Json.write(List.of(shared, shared)));
        assertEquals("[" + Json.write(deep) + "," + Json.write(deep) + "]", Json.write(List.of(deep, deep)));
    }

    @Test
    void write_cycleDeepInside_isFound() {
        Map<String, Object> loop = new HashMap<>();
        loop.put("again", List.of(loop));

        JsonException e = assertThrows(JsonException.class, () -> Json.write(List.of(nested(60), loop)));

        assertTrue(e.getMessage().startsWith("Cannot write a value that contains itself (at $[1].again[0].again"),
                e.getMessage());
    }

    @Test
    void write_maxNestingOnOrdinaryThreadStack_succeeds() throws InterruptedException {
        Object[] result = new Object[1];
        Thread thread = new Thread(null, () -> {
            try {
                result[0] = Json.write(nested(512));
            } catch (Throwable t) {
                result[0] = t;
            }
        }, "json-small-stack", 1024 * 1024);

        thread.start();
        thread.join();

        assertEquals("[".repeat(512) + "]".repeat(512), result[0]);
    }

    private static Object nested(int depth) {
        Object value = List.of();
        for (int i = 1; i < depth; i++) {
            value = List.of(value);
        }
        return value;
    }
}
