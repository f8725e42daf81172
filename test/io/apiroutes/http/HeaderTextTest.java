package io.apiroutes.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The head syntax both engines share, as tables. */
class HeaderTextTest {
    @ParameterizedTest(name = "isHost({0}) = {1}")
    @CsvSource(delimiter = '|', value = {
            "example.com|true", "example.com:8080|true", "127.0.0.1:3000|true", "[::1]|true", "[::1]:3000|true",
            "[::ffff:127.0.0.1]|true", "xn--bcher-kva.example|true", "a:|true", "a%20b|true",
            "[zz::1]|false", "[]|false", "[::1|false", "a b|false", "a/b|false", "a:8o|false", ":80|false",
            "a@b|false", "[::1]x|false", "'\t'|false"})
    void isHost_acceptsRfc9112UriHostAndPortOnly(String host, boolean expected) {
        assertEquals(expected, HeaderText.isHost(host));
    }

    @ParameterizedTest(name = "isToken({0}) = {1}")
    @CsvSource(delimiter = '|', value = {
            "GET|true", "X-Custom_1|true", "!#$%&'*+-.^`~|true", "a b|false", "a:b|false", "a(b|false", "é|false",
            "''|false"})
    void isToken_acceptsRfc9110TokenCharactersOnly(String text, boolean expected) {
        assertEquals(expected, HeaderText.isToken(text));
    }

    @ParameterizedTest(name = "isContentLength({0}) = {1}")
    @CsvSource(delimiter = '|', value = {
            "0|true", "123|true", "999999999999999999|true", "1000000000000000000|false", "+5|false", "-1|false",
            "'5 '|false", "0x10|false", "''|false"})
    void isContentLength_acceptsDigitsThatFitALong(String value, boolean expected) {
        assertEquals(expected, HeaderText.isContentLength(value));
    }

    @ParameterizedTest(name = "firstInvalidValueChar({0}) = {1}")
    @CsvSource(delimiter = '|', value = {"plain|-1", "'tab\there'|-1", "'nul\u0000'|3", "'del\u007f'|3", "'\u0100'|0"})
    void firstInvalidValueChar_findsControlsAndCharactersPastLatin1(String value, int expected) {
        assertEquals(expected, HeaderText.firstInvalidValueChar(value));
    }

    @ParameterizedTest(name = "Connection: {0} lists close = {1}")
    @CsvSource(delimiter = '|', value = {"close|true", "Close|true", "keep-alive, close|true", "'foo,	close '|true",
            "keep-alive|false", "closed|false", "'x-close'|false"})
    void listsToken_findsTheOptionInTheCommaSeparatedList(String value, boolean expected) {
        assertEquals(expected, HeaderText.listsToken(java.util.List.of(value), "close"));
    }
}
