package io.apiroutes.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.apiroutes.ApiException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QueryStringTest {

    static Stream<Arguments> queries() {
        return Stream.of(
                arguments(null, Map.of()),
                arguments("", Map.of()),
                arguments("a=1", Map.of("a", List.of("1"))),
                arguments("a=1&b=2&a=3", Map.of("a", List.of("1", "3"), "b", List.of("2"))),
                arguments("a", Map.of("a", List.of(""))),
                arguments("a=", Map.of("a", List.of(""))),
                arguments("=x", Map.of("", List.of("x"))),
                arguments("&&a=1&", Map.of("a", List.of("1"))),
                arguments("a=1=2", Map.of("a", List.of("1=2"))),
                arguments("q=a+b%20c", Map.of("q", List.of("a b c"))),
                arguments("a%2Bb=%2B", Map.of("a+b", List.of("+"))),
                arguments("a%26b=%3D", Map.of("a&b", List.of("="))),
                arguments("%C3%A9=caf%C3%A9", Map.of("\u00e9", List.of("caf\u00e9"))));
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("queries")
    void parse_readsEachFieldDecoded(String raw, Map<String, List<String>> fields) {
        Map<String, List<String>> parsed = QueryString.parse(raw, 1000, "query string");

        assertEquals(fields, parsed);
    }

    @Test
    void parse_keepsTheOrderOfFirstAppearance() {
        Map<String, List<String>> parsed = QueryString.parse("z=1&a=2&m=3&a=4", 1000, "query string");

        assertEquals(List.of("z", "a", "m"), List.copyOf(parsed.keySet()));
        assertEquals(List.of("2", "4"), parsed.get("a"));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("a=%ZZ", "malformed percent-escape '%ZZ'"),
                arguments("%ZZ=1", "malformed percent-escape '%ZZ'"),
                arguments("a=%4", "incomplete percent-escape at the end of '%4'"),
                arguments("a=%E2%82", "percent-escapes that are not valid UTF-8 in '%E2%82'"),
                arguments("a=\u0100", "a character outside ISO-8859-1 in '\u0100'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void parse_refusesAMalformedEscapeWith400NamingWhat(String raw, String why) {
        ApiException e = assertThrows(ApiException.class, () -> QueryString.parse(raw, 1000, "form body"));

        assertEquals(400, e.status());
        assertEquals("Malformed form body: " + why, e.getMessage());
    }

    @Test
    void parse_acceptsExactlyTheMostFieldsAllowed() {
        Map<String, List<String>> parsed = QueryString.parse("a=1&b=2&&c=3&", 3, "query string");

        assertEquals(3, parsed.size());
    }

    @Test
    void parse_refusesOneFieldPastTheLimitWith413() {
        ApiException e = assertThrows(ApiException.class, () -> QueryString.parse("a=1&b=2&c=3&a=4", 3, "query string"));

        assertEquals(413, e.status());
        assertEquals("Too many fields in the query string (at most 3)", e.getMessage());
    }
}
