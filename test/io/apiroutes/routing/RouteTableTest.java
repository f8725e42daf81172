package io.apiroutes.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.apiroutes.ApiHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTableTest {
    private static final ApiHandler HANDLER = (req, res) -> res.end();

    /** A table of routes given as pattern, handler name, pattern, handler name... */
    private static RouteTable table(String... patternsAndNames) {
        RouteTable.Builder builder = new RouteTable.Builder();
        for (int i = 0; i < patternsAndNames.length; i += 2) {
            builder.add(route(patternsAndNames[i], patternsAndNames[i + 1]));
        }
        return builder.build();
    }

    private static Route route(String pattern, String name) {
        return Route.of(RoutePattern.parse(pattern), HANDLER, name);
    }

    /** What a path below /api matches, as "handler {params}", or "no match". */
    private static String match(RouteTable table, String below) {
        RouteMatch match = table.match(below.isEmpty() ? new String[0] : below.split("/"));
        return match == null ? "no match" : match.route().handlerName() + " " + new TreeMap<>(match.params());
    }

    private static final RouteTable NEXT_JS = table(
            "/api", "index",
            "/api/p/static", "static",
            "/api/p/[id]", "dynamic",
            "/api/p/[...rest]", "catchAll",
            "/api/b/me", "me",
            "/api/b/[id]/x", "idX",
            "/api/o/[[...opt]]", "optional",
            "/api/o/fixed", "fixed",
            "/api/t/[a]/x", "tax",
            "/api/t/[...rest]", "tRest",
            "/api/m/[a]/[b]/[c]/[d]/[e]", "many");

    @ParameterizedTest(name = "/api/{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"            | index {}",
        "p/static        | static {}",
        "p/other         | dynamic {id=[other]}",
        "p/a/b           | catchAll {rest=[a, b]}",
        "p/static/more   | catchAll {rest=[static, more]}",
        "b/me            | me {}",
        "b/me/x          | idX {id=[me]}",
        "o               | optional {}",
        "o/fixed         | fixed {}",
        "o/fixed/more    | optional {opt=[fixed, more]}",
        "t/1/x           | tax {a=[1]}",
        "t/1/y           | tRest {rest=[1, y]}",
        "m/1/2/3/4/5     | many {a=[1], b=[2], c=[3], d=[4], e=[5]}",
        "p               | no match",
        "b               | no match",
        "b/you           | no match",
        "b/me/y          | no match",
        "t               | no match",
        "m/1/2/3/4       | no match",
        "nothing         | no match",
    })
    void match_followsNextJsPrecedenceAndBacksUp(String below, String expected) {
        String matched = match(NEXT_JS, below);

        assertEquals(expected, matched);
    }

    @Test
    void match_givesTheSegmentsOfACatchAllAsSent() {
        RouteTable table = table("/api/files/[...path]", "files");

        RouteMatch match = table.match(new String[] {"files", "a b", "%2F", "\u00e9"});

        assertEquals(List.of("a b", "%2F", "\u00e9"), match.params().get("path"));
    }

    @ParameterizedTest(name = "{0} then {1}")
    @CsvSource(delimiter = '|', value = {
        "/api/a/[id]     | /api/a/[name]   | different param names for the same dynamic segment ('id' and 'name')",
        "/api/a/[id]/x   | /api/a/[name]/y | different param names for the same dynamic segment ('id' and 'name')",
        "/api/a          | /api/a          | two handlers for one route",
        "/api/a/[id]     | /api/a/[id]     | two handlers for one route",
        "/api/a/[...x]   | /api/a/[...x]   | two handlers for one route",
        "/api/a/[[...y]] | /api/a/[[...y]] | two handlers for one route",
        "/api/a/[...x]   | /api/a/[[...y]] | a catch-all and an optional catch-all at the same place",
        "/api/a/[[...y]] | /api/a/[...x]   | a catch-all and an optional catch-all at the same place",
        "/api/a          | /api/a/[[...y]] | an optional catch-all also matches its parent's path",
        "/api/a/[[...y]] | /api/a          | an optional catch-all also matches its parent's path",
    })
    void add_refusesAConflictNamingBothRoutesAndHandlers(String first, String second, String why) {
        RouteTable.Builder builder = new RouteTable.Builder().add(route(first, "First"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.add(route(second, "Second")));

        assertEquals("route conflict: " + first + " (First) and " + second + " (Second): " + why, e.getMessage());
    }

    @Test
    void routes_listsTheRoutesInPrecedenceOrder() {
        List<String> patterns = List.of("/api", "/api/a", "/api/a/b", "/api/x/a", "/api/x/[id]", "/api/x/[id]/z",
                "/api/x/[...all]", "/api/y/[[...o]]");
        List<String> reversed = new ArrayList<>(patterns);
        Collections.reverse(reversed);
        RouteTable.Builder builder = new RouteTable.Builder();
        for (String pattern : reversed) {
            builder.add(route(pattern, pattern));
        }

        List<String> ordered = new ArrayList<>();
        for (Route route : builder.build().routes()) {
            ordered.add(route.pattern().toString());
        }

        assertEquals(patterns, ordered);
    }
}
