package io.apiroutes.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CookiesTest {

    /** Cookie headers and what the cookie package behind Next.js reads from them. */
    static Stream<Arguments> headers() {
        return Stream.of(
                arguments(null, Map.of()),
                arguments(List.of(), Map.of()),
                arguments(List.of(""), Map.of()),
                arguments(List.of("a=1"), Map.of("a", "1")),
                arguments(List.of("a=1; b=2"), Map.of("a", "1", "b", "2")),
                arguments(List.of("a=1;b=2;;"), Map.of("a", "1", "b", "2")),
                arguments(List.of(" a = 1 ; b=2 "), Map.of("a", "1", "b", "2")),
                arguments(List.of("a=1; a=2"), Map.of("a", "1")),
                arguments(List.of("a=1", "a=2; b=3"), Map.of("a", "1", "b", "3")),
                arguments(List.of("b=\"q\""), Map.of("b", "q")),
                arguments(List.of("b=\"\""), Map.of("b", "")),
                arguments(List.of("b=\""), Map.of("b", "\"")),
                arguments(List.of("b=\"q"), Map.of("b", "\"q")),
                arguments(List.of("e="), Map.of("e", "")),
                arguments(List.of("t=a=b"), Map.of("t", "a=b")),
                arguments(List.of("=x; junk; c=3"), Map.of("c", "3")),
                arguments(List.of("p=%41%20b"), Map.of("p", "A b")),
                arguments(List.of("p=a+b"), Map.of("p", "a+b")),
                arguments(List.of("p=\"%C3%A9\""), Map.of("p", "\u00e9")),
                arguments(List.of("p=%ZZ"), Map.of("p", "%ZZ")),
                arguments(List.of("p=%E2%82"), Map.of("p", "%E2%82")),
                arguments(List.of("p=100%"), Map.of("p", "100%")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void parse_readsCookiesAsNextJsDoes(List<String> headers, Map<String, String> cookies) {
        Map<String, String> parsed = Cookies.parse(headers);

        assertEquals(cookies, parsed);
    }

    @Test
    void parse_keepsTheOrderOfTheHeader() {
        Map<String, String> parsed = Cookies.parse(List.of("z=1; a=2; m=3"));

        assertEquals(List.of("z", "a", "m"), List.copyOf(parsed.keySet()));
    }

    @Test
    void parse_givesAMapTheHandlerCannotChange() {
        Map<String, String> parsed = Cookies.parse(List.of("a=1"));

        assertThrows(UnsupportedOperationException.class, () -> parsed.put("b", "2"));
    }
}
