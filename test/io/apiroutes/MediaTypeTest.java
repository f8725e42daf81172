package io.apiroutes;

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

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "application/json                       | true",
        "APPLICATION/JSON; charset=utf-8        | true",
        "application/merge-patch+json           | true",
        "application/vnd.api+json               | true",
        "application/problem+JSON               | true",
        "text/json                              | false",
        "application/jsonp                      | false",
        "application/json-seq                   | false",
        "+json                                  | false",
        "text/plain                             | false",
    })
    void isJson_acceptsJsonAndEveryPlusJsonType(String header, boolean json) {
        boolean result = MediaType.parse(header).isJson();

        assertEquals(json, result);
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "application/x-www-form-urlencoded                | true",
        "Application/X-WWW-Form-Urlencoded; charset=utf-8 | true",
        "multipart/form-data; boundary=x                  | false",
        "application/json                                 | false",
    })
    void isForm_acceptsTheUrlEncodedFormOnly(String header, boolean form) {
        boolean result = MediaType.parse(header).isForm();

        assertEquals(form, result);
    }
}
