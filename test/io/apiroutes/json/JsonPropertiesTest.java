package io.apiroutes.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonPropertiesTest {
    record Mixed(int count, long id, double score, boolean on, String name) {}

    /** Names as Jackson makes them from getters. */
    public static class Named {
        public String getURL() {
            return "u";
        }

        public String getURLValue() {
            return "v";
        }

        public String get_x() {
            return "x";
        }

        public String getname() {
            return "n";
        }

        public boolean isOk() {
            return true;
        }
    }

    public static class Nothing {
        public static int count;

        public void getVoid() {
        }
    }

    private static class Hidden {
        public String getName() {
            return "h";
        }
    }

    @Test
    void ofRecord_componentsInDeclarationOrderWithPrimitiveCodes() {
        JsonProperties p = JsonProperties.ofRecord(Mixed.class);

        assertArrayEquals(new String[] {"count", "id", "score", "on", "name"}, p.names);
        assertArrayEquals(new char[] {'I', 'J', 'D', 0, 0}, p.primitives);
        assertEquals(",\"id\":", new String(p.nameTokens[1], StandardCharsets.UTF_8));
        assertEquals("\"count\":", new String(p.nameTokens[0], StandardCharsets.UTF_8));
    }

    @Test
    void ofBean_namesGettersAsJacksonDoes() {
        JsonProperties p = JsonProperties.ofBean(Named.class);

        assertArrayEquals(new String[] {"_x", "name", "ok", "url", "urlvalue"}, p.names);
        assertEquals("v", p.get(4, new Named()));
    }

    @Test
    void ofBean_withoutPropertiesOrNotPublic_isNull() {
        assertNull(JsonProperties.ofBean(Nothing.class));
        assertNull(JsonProperties.ofBean(Hidden.class));
    }
}
