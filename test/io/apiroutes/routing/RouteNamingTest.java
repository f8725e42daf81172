package io.apiroutes.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteNamingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "api.Hello,                  /api/hello",
        "api.Index,                  /api",
        "api.users.Index,            /api/users",
        "api.UserProfile,            /api/user-profile",
        "api.HTTPStatus,             /api/http-status",
        "api.v2.Hello,               /api/v2/hello",
        "api.users._id,              /api/users/[id]",
        "api.users._id.Index,        /api/users/[id]",
        "api.users._id.Posts,        /api/users/[id]/posts",
        "api.users._user_id,         /api/users/[user_id]",
        "api.files.__path,           /api/files/[...path]",
        "api.docs.___slug,           /api/docs/[[...slug]]",
        "api.default_.X,             /api/default/x",
        "api.class_.Index,           /api/class",
        "api.XMLHttpRequest,         /api/xml-http-request",
        "api.users.__x__y,           /api/users/[...x__y]",
        "api._1x_.Y,                 /api/[1x]/y",
    })
    void patternOf_mapsAClassNameToItsRoute(String className, String route) {
        RoutePattern pattern = RouteNaming.patternOf(className);

        assertEquals(route, pattern.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "io.app.Hello      | is not in package api or below it",
        "apiary.Hello      | is not in package api or below it",
        "api.Snake_Case    | has a character the convention cannot map: '_'",
        "api._             | '' is not a valid param name",
        "api.__            | '' is not a valid param name",
        "api.___           | '' is not a valid param name",
        "api.__rest.Tail   | a catch-all segment must be the last one",
        "api._id.x._id     | the param name 'id' appears twice",
        "api.Outer$Inner   | is a nested class",
        "api.users._x-y    | 'x-y' is not a valid param name",
    })
    void patternOf_refusesANameNamingTheClassAndWhy(String className, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RouteNaming.patternOf(className));

        assertTrue(e.getMessage().contains(className), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "UserProfile,    user-profile",
        "HTTPStatus,     http-status",
        "XMLHttpRequest, xml-http-request",
        "userID,         user-id",
        "v2,             v2",
        "V2Beta,         v2-beta",
        "A,              a",
        "ABC,            abc",
        "hello,          hello",
    })
    void kebabCase_splitsWordsAtCapitals(String name, String kebab) {
        String result = RouteNaming.kebabCase(name, name);

        assertEquals(kebab, result);
    }
}
