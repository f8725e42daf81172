package io.apiroutes.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ETag of a body directly: stable, sensitive to every byte and to the length, and the If-None-Match check. */
class EtagTest {

    private static String tag(byte[] bytes) {
        return Etag.of(bytes, 0, bytes.length);
    }

    @Test
    void sameBytesSameTag_andATagIsAQuotedToken() {
        byte[] body = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(tag(body), tag(body.clone()));
        assertTrue(tag(body).matches("\"[0-9a-z]+\""), tag(body));
    }

    @Test
    void changingAnyOneByte_changesTheTag_inTheEightByteStepsAndInTheTail() {
        for (int length : new int[] {1, 7, 8, 9, 15, 16, 61, 4096 + 3}) {
            byte[] body = new byte[length];
            for (int i = 0; i < length; i++) {
                body[i] = (byte) ('a' + i % 26);
            }
            Set<String> tags = new HashSet<>();
            tags.add(tag(body));
            for (int i = 0; i < length; i++) {
                byte[] changed = body.clone();
                changed[i] ^= 1;
                assertTrue(tags.add(tag(changed)), "length " + length + ", byte " + i);
            }
        }
    }

    @Test
    void lengthCounts_evenWhenTheExtraBytesAreZero() {
        assertNotEquals(tag(new byte[8]), tag(new byte[9]));
        assertNotEquals(tag(new byte[0]), tag(new byte[1]));
    }

    @Test
    void offsetAndLength_selectTheBytesHashed() {
        byte[] body = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
        byte[] framed = ("xx" + new String(body, StandardCharsets.US_ASCII) + "yyy").getBytes(StandardCharsets.US_ASCII);
        assertEquals(tag(body), Etag.of(framed, 2, body.length));
    }

    @Test
    void swappedWords_giveDifferentTags() {
        byte[] a = "AAAAAAAABBBBBBBB".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "BBBBBBBBAAAAAAAA".getBytes(StandardCharsets.US_ASCII);
        assertNotEquals(tag(a), tag(b));
        assertFalse(tag(a).isEmpty());
    }

    /** If-None-Match, the answer's tag, and whether they match (RFC 9110 13.1.2, weak comparison). */
    private static final String[][] MATCHES = {
        {"*", "\"abc12\"", "true"},
        {" * ", "W/\"abc12\"", "true"},
        {"\"abc12\"", "\"abc12\"", "true"},
        {"W/\"abc12\"", "\"abc12\"", "true"},
        {"\"abc12\"", "W/\"abc12\"", "true"},
        {"W/\"abc12\"", "W/\"abc12\"", "true"},
        {"\"x\", W/\"abc12\"", "\"abc12\"", "true"},
        {"\"x\",\"abc12\"", "\"abc12\"", "true"},
        {" \"x\" ,\t\"abc12\" ", "\"abc12\"", "true"},
        {"\"x\",,\"abc12\",", "\"abc12\"", "true"},
        {"\"a,b\"", "\"a,b\"", "true"},
        {"\"a,b\"", "\"a\"", "false"},
        {"\"a\", \"b\"", "\"a,b\"", "false"},
        {"\"abc1\"", "\"abc12\"", "false"},
        {"\"abc12\"", "\"abc1\"", "false"},
        {"abc12", "\"abc12\"", "false"},
        {"\"ABC12\"", "\"abc12\"", "false"},
        {"w/\"abc12\"", "\"abc12\"", "false"},
        {"*, \"x\"", "\"abc12\"", "false"},
        {"\"abc12", "\"abc12\"", "false"},
        {"", "\"abc12\"", "false"},
        {null, "\"abc12\"", "false"},
        {"*", null, "false"},
        {"\"abc12\"", null, "false"},
        {"W/", "W/", "false"},
        {"\"\"", "\"\"", "true"},
    };

    @Test
    void matches_ifNoneMatchAgainstTheTag_weakComparison_listsAndStar() {
        for (String[] row : MATCHES) {
            assertEquals(Boolean.parseBoolean(row[2]), Etag.matches(row[0], row[1]),
                    "If-None-Match: " + row[0] + " against ETag: " + row[1]);
        }
    }
}
