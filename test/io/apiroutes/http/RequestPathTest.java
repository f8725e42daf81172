package io.apiroutes.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.apiroutes.ApiException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestPathTest {

    static Stream<Arguments> paths() {
        return Stream.of(
                arguments("/api", List.of()),
                arguments("/api/", List.of()),
                arguments("/api/hello", List.of("hello")),
                arguments("/api/hello/", List.of("hello")),
                arguments("/api/users/42/posts", List.of("users", "42", "posts")),
                arguments("/api/a%20b/%C3%A9", List.of("a b", "\u00e9")),
                arguments("/api/%25/%2B", List.of("%", "+")),
                arguments("/api/a+b", List.of("a+b")),
                // The JDK reads the request line as ISO-8859-1: raw UTF-8 arrives one char per byte.
                arguments("/api/caf\u00c3\u00a9", List.of("caf\u00e9")),
                arguments("/api/..x/.a/...", List.of("..x", ".a", "...")),
                arguments("/api/%2e%2ex", List.of("..x")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void segments_decodesEachSegmentOnce(String rawPath, List<String> segments) {
        String[] decoded = RequestPath.segments(rawPath);

        assertEquals(segments, List.of(decoded));
    }

    static Stream<Arguments> refusedPaths() {
        String slash = "an encoded '/' or '\\' is not allowed in a segment";
        String dots = "'.' and '..' segments are not allowed";
        String control = "control characters are not allowed";
        return Stream.of(
                arguments("/api//x", "empty segment"),
                arguments("/api/x//", "empty segment"),
                arguments("/api/a%2Fb", slash),
                arguments("/api/a%2fb", slash),
                arguments("/api/a%5Cb", slash),
                arguments("/api/a\\b", slash),
                arguments("/api/.", dots),
                arguments("/api/../x", dots),
                arguments("/api/%2e", dots),
                arguments("/api/%2E%2E/x", dots),
                arguments("/api/x%00", control),
                arguments("/api/x%0A", control),
                arguments("/api/x%1F", control),
                arguments("/api/x%7F", control),
                arguments("/api/x\u0001", control),
                arguments("/api/%ZZ", "malformed percent-escape '%ZZ'"),
                arguments("/api/x%4", "incomplete percent-escape at the end of 'x%4'"),
                arguments("/api/%C0%AE", "percent-escapes that are not valid UTF-8 in '%C0%AE'"),
                arguments("/api/\u0100", "a character outside ISO-8859-1 in '\u0100'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedPaths")
    void segments_refusesWhatCouldNameAnotherPathWith400(String rawPath, String why) {
        ApiException e = assertThrows(ApiException.class, () -> RequestPath.segments(rawPath));

        assertEquals(400, e.status());
        assertEquals("Invalid path: " + why, e.getMessage());
    }
}
