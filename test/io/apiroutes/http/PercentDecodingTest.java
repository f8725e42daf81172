package io.apiroutes.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PercentDecodingTest {

    static Stream<Arguments> decodable() {
        return Stream.of(
                arguments("", false, ""),
                arguments("abc", false, "abc"),
                arguments("a%20b", false, "a b"),
                arguments("%41%42", false, "AB"),
                arguments("%e2%82%ac", false, "\u20ac"),
                arguments("%E2%82%AC", false, "\u20ac"),
                arguments("%F0%9F%98%80", false, "\uD83D\uDE00"),
                arguments("%25", false, "%"),
                arguments("%2525", false, "%25"),
                arguments("a+b", false, "a+b"),
                arguments("a+b", true, "a b"),
                arguments("%2B+", true, "+ "),
                // The JDK reads the request line as ISO-8859-1: raw UTF-8 arrives one char per byte.
                arguments("caf\u00c3\u00a9", false, "caf\u00e9"),
                arguments("caf\u00c3\u00a9%20", true, "caf\u00e9 "));
    }

    @ParameterizedTest(name = "{0} (plus is space: {1})")
    @MethodSource("decodable")
    void decode_decodesEscapesAsUtf8(String text, boolean plusIsSpace, String decoded) {
        String result = PercentDecoding.decode(text, plusIsSpace);

        assertEquals(decoded, result);
    }

    @Test
    void decode_returnsTheTextItselfWhenThereIsNothingToDecode() {
        String text = "plain-text_1.~";

        String result = PercentDecoding.decode(text, true);

        assertSame(text, result);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("%", "incomplete percent-escape at the end of '%'"),
                arguments("a%4", "incomplete percent-escape at the end of 'a%4'"),
                arguments("%ZZ", "malformed percent-escape '%ZZ'"),
                arguments("%G1", "malformed percent-escape '%G1'"),
                arguments("%1G", "malformed percent-escape '%1G'"),
                arguments("% 1", "malformed percent-escape '% 1'"),
                arguments("%C3", "percent-escapes that are not valid UTF-8 in '%C3'"),
                arguments("%FF", "percent-escapes that are not valid UTF-8 in '%FF'"),
                arguments("%C0%AE", "percent-escapes that are not valid UTF-8 in '%C0%AE'"),
                arguments("%ED%A0%80", "percent-escapes that are not valid UTF-8 in '%ED%A0%80'"),
                arguments("%F4%90%80%80", "percent-escapes that are not valid UTF-8 in '%F4%90%80%80'"),
                arguments("caf\u00e9", "percent-escapes that are not valid UTF-8 in 'caf\u00e9'"),
                arguments("\u0100", "a character outside ISO-8859-1 in '\u0100'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void decode_refusesMalformedInputSayingWhat(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PercentDecoding.decode(text, false));

        assertEquals(message, e.getMessage());
    }
}
