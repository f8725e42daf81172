package io.apiroutes.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutePatternTest {

    /** Each segment as kind:text, so that a table shows what the parser read. */
    private static String read(RoutePattern pattern) {
        StringBuilder out = new StringBuilder();
        for (RouteSegment segment : pattern.segments()) {
            out.append(out.length() == 0 ? "" : " ").append(segment.kind()).append(':').append(segment.text());
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "/api                        | \"\"",
        "/api/                       | \"\"",
        "/api/hello                  | STATIC:hello",
        "/api/hello/                 | STATIC:hello",
        "/api/users/[id]             | STATIC:users DYNAMIC:id",
        "/api/users/[id]/posts       | STATIC:users DYNAMIC:id STATIC:posts",
        "/api/files/[...path]        | STATIC:files CATCH_ALL:path",
        "/api/docs/[[...slug]]       | STATIC:docs OPTIONAL_CATCH_ALL:slug",
        "/api/[user_id]              | DYNAMIC:user_id",
        "/api/a.b~c-d_e              | STATIC:a.b~c-d_e",
        "/api/v2/[a]/[b]             | STATIC:v2 DYNAMIC:a DYNAMIC:b",
    })
    void parse_readsTheRouteAsNextJsWritesIt(String path, String segments) {
        RoutePattern pattern = RoutePattern.parse(path);

        assertEquals(segments, read(pattern));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/api",
        "/api/hello",
        "/api/users/[id]/posts",
        "/api/files/[...path]",
        "/api/docs/[[...slug]]",
    })
    void toString_writesWhatParseReads(String path) {
        String written = RoutePattern.parse(path).toString();

        assertEquals(path, written);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "/apiary          | a route must start with /api: /apiary",
        "api/x            | a route must start with /api: api/x",
        "\"\"             | a route must start with /api: ",
        "/api/[...a]/b    | a catch-all segment must be the last one: [...a]",
        "/api/[[...a]]/b  | a catch-all segment must be the last one: [[...a]]",
        "/api/[a]/[a]     | the param name 'a' appears twice",
        "/api/[a]/[...a]  | the param name 'a' appears twice",
        "/api/../x        | '..' is not a valid path segment in /api/../x",
        "/api/./x         | '.' is not a valid path segment in /api/./x",
        "/api//x          | '' is not a valid path segment in /api//x",
        "/api/a b         | 'a b' is not a valid path segment in /api/a b",
        "/api/a%20b       | 'a%20b' is not a valid path segment in /api/a%20b",
        "/api/[]          | '' is not a valid param name in /api/[]",
        "/api/[_id]       | '_id' is not a valid param name in /api/[_id]",
        "/api/[a-b]       | 'a-b' is not a valid param name in /api/[a-b]",
        "/api/[...]       | '' is not a valid param name in /api/[...]",
        "/api/café         | 'café' is not a valid path segment in /api/café",
        "/api/[né]        | 'né' is not a valid param name in /api/[né]",
        "/api/[id         | '[id' is not a valid path segment in /api/[id",
    })
    void parse_refusesWhatIsNotARoute(String path, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoutePattern.parse(path));

        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void constructor_keepsACopyOfTheSegments() {
        List<RouteSegment> segments = new ArrayList<>(List.of(new RouteSegment(RouteSegment.Kind.STATIC, "a")));
        RoutePattern pattern = new RoutePattern(segments);

        segments.add(new RouteSegment(RouteSegment.Kind.STATIC, "b"));

        assertEquals("/api/a", pattern.toString());
    }
}
