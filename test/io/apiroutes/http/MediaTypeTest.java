package io.apiroutes.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaTypeTest {

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "null                                          | text/plain               | null",
        "''                                            | text/plain               | null",
        "'   '                                         | text/plain               | null",
        "application/json                              | application/json         | null",
        "Application/JSON; Charset=UTF-8               | application/json         | UTF-8",
        "text/plain;charset=utf-8;format=flowed        | text/plain               | utf-8",
        "text/plain; format=flowed; charset = latin1   | text/plain               | latin1",
        "text/plain; charset=\"iso-8859-1\"            | text/plain               | iso-8859-1",
        "text/plain; charset=\"\"                      | text/plain               | ''",
        "text/plain; charset=\"                        | text/plain               | \"",
        "text/plain; foo=bar                           | text/plain               | null",
        "text/plain; charset                           | text/plain               | null",
        "text/plain; =utf-8                            | text/plain               | null",
        "text/plain; charset=a; charset=b              | text/plain               | b",
        "multipart/form-data; boundary=x               | multipart/form-data      | null",
    })
    void parse_readsTheTypeLowerCasedAndTheCharset(String header, String type, String charset) {
        MediaType media = MediaType.parse(header);

        assertEquals(new MediaType(type, charset), media);
    }

    @ParameterizedTest(name = "[{0}] json {1}, form {2}")
    @CsvSource(delimiter = '|', value = {
        "application/json                                 | true  | false",
        "APPLICATION/JSON; charset=utf-8                  | true  | false",
        "application/merge-patch+json                     | true  | false",
        "application/vnd.api+json                         | true  | false",
        "application/problem+JSON                         | true  | false",
        "text/json                                        | false | false",
        "application/jsonp                                | false | false",
        "application/json-seq                             | false | false",
        "+json                                            | false | false",
        "text/plain                                       | false | false",
        "application/x-www-form-urlencoded                | false | true",
        "Application/X-WWW-Form-Urlencoded; charset=utf-8 | false | true",
        "multipart/form-data; boundary=x                  | false | false",
    })
    void isJsonAndIsForm_chooseTheBodyParser(String header, boolean json, boolean form) {
        MediaType media = MediaType.parse(header);

        assertEquals(json, media.isJson(), "isJson");
        assertEquals(form, media.isForm(), "isForm");
    }
}
