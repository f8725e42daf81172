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

/** Reading strings (escapes, surrogates, UTF-8) and where errors are reported (line, column, offset). */
class JsonReaderTextTest {
    // ---- strings

    @Test
    void parse_decodesEveryEscape() {
        assertEquals("\" \\ / \b \f \n \r \t \u00e9 \u2028",
                Json.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00E9 \\u2028\""));
    }

    @Test
    void parse_surrogatePairEscape_isOneCodePoint() {
        assertEquals("\uD83D\uDE00", Json.parse("\"\\ud83d\\ude00\""));
    }

    @Test
    void parse_loneSurrogateEscape_isKept() {
        assertEquals("a\uD800b", Json.parse("\"a\\ud800b\""));
        assertEquals("\uDC00", Json.parse("\"\\udc00\""));
    }

    @Test
    void parse_multiByteUtf8_isDecoded() {
        String text = "\"h\u00e9 \u20ac \uD83D\uDE00\"";

        assertEquals("h\u00e9 \u20ac \uD83D\uDE00", Json.parse(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals("h\u00e9 \u20ac \uD83D\uDE00", Json.parse(text));
    }

    @Test
    void parse_rawControlCharacter_isRejected() {
        for (char c = 0; c < 0x20; c++) {
            String text = "\"a" + c + "\"";

            JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));

            assertEquals(String.format("Unexpected character U+%04X at 1:3 (offset 2), "
                    + "control characters in strings must be escaped", (int) c), e.getMessage());
        }
    }

    @Test
    void parse_badEscapes_areRejected() {
        JsonReaderTest.assertMessage("\"\\x\"",
                "Unexpected character 'x' at 1:3 (offset 2), expected an escape character: one of \" \\ / b f n r t u");
        JsonReaderTest.assertMessage("\"\\u12G4\"", "Unexpected character 'G' at 1:6 (offset 5), expected a hexadecimal digit");
        JsonReaderTest.assertMessage("\"\\u12", "Unexpected end of input at 1:6 (offset 5), expected a hexadecimal digit");
        JsonReaderTest.assertMessage("\"abc", "Unexpected end of input at 1:5 (offset 4), expected '\"'");
        JsonReaderTest.assertMessage("\"a\\", "Unexpected end of input at 1:4 (offset 3), expected an escape sequence");
    }

    @Test
    void parse_loneSurrogateCharInStringInput_isRejected() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("[\"a\uD800\"]"));

        assertEquals("Invalid character: lone surrogate U+D800 at 1:4 (offset 3)", e.getMessage());
        assertEquals(3, e.offset());
    }

    // ---- UTF-8

    @Test
    void parse_invalidUtf8_saysSoWithByteOffset() {
        assertBytesMessage(new byte[] {'[', (byte) 0xFF, ']'}, "Invalid UTF-8 byte 0xFF at 1:2 (offset 1)");
        assertBytesMessage(new byte[] {'"', (byte) 0x80, '"'}, "Invalid UTF-8 byte 0x80 at 1:2 (offset 1)");
        assertBytesMessage(new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'},
                "Invalid UTF-8 byte 0xC0 at 1:2 (offset 1)");
        assertBytesMessage(new byte[] {'"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"'},
                "Invalid UTF-8 sequence 0xE0 0x80 at 1:2 (offset 1)");
        assertBytesMessage(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
                "Invalid UTF-8 sequence 0xED 0xA0 at 1:2 (offset 1)");
        assertBytesMessage(new byte[] {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'},
                "Invalid UTF-8 sequence 0xF4 0x90 at 1:2 (offset 1)");
        assertBytesMessage(new byte[] {'"', (byte) 0xE2, (byte) 0x82},
                "Invalid UTF-8: truncated sequence 0xE2 0x82 at 1:2 (offset 1)");
        assertBytesMessage(new byte[] {'"', 'a', (byte) 0xC3, 'b', '"'},
                "Invalid UTF-8 sequence 0xC3 0x62 at 1:3 (offset 2)");
    }

    @Test
    void parse_byteOrderMark_isRejected() {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};

        assertBytesMessage(bytes, "Unexpected byte order mark U+FEFF at 1:1 (offset 0), JSON text must not start with one");
        JsonReaderTest.assertMessage("\uFEFF{}", "Unexpected byte order mark U+FEFF at 1:1 (offset 0), JSON text must not start with one");
    }

    @Test
    void parse_nonAsciiOutsideString_isNamed() {
        JsonReaderTest.assertMessage("[\u00e9]", "Unexpected character U+00E9 at 1:2 (offset 1), expected a value");
    }

    // ---- positions

    @Test
    void parse_error_reportsLineColumnAndOffset() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\"ab\": [1, }"));

        assertEquals("Unexpected character '}' at 1:12 (offset 11), expected a value", e.getMessage());
        assertEquals(11, e.offset());
        assertEquals(1, e.line());
        assertEquals(12, e.column());
        assertNull(e.path());
    }

    @Test
    void parse_errorOnLaterLine_countsLinesAndColumns() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\n  \"a\": 1,\r\n  \"b\" 2\n}"));

        assertEquals("Unexpected character '2' at 3:7 (offset 19), expected ':'", e.getMessage());
        assertEquals(3, e.line());
        assertEquals(7, e.column());
    }

    @Test
    void parse_columnCountsCharacters_offsetCountsBytesOrChars() {
        String text = "[\"\u00e9\uD83D\uDE00\", x]";

        JsonException bytes = assertThrows(JsonException.class,
                () -> Json.parse(text.getBytes(StandardCharsets.UTF_8)));
        JsonException chars = assertThrows(JsonException.class, () -> Json.parse(text));

        assertEquals("Unexpected character 'x' at 1:8 (offset 11), expected a value", bytes.getMessage());
        assertEquals("Unexpected character 'x' at 1:8 (offset 8), expected a value", chars.getMessage());
    }

    private static void assertBytesMessage(byte[] bytes, String message) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(bytes));
        assertEquals(message, e.getMessage());
    }
}
