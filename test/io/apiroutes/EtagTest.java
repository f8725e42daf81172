package io.apiroutes;

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

    @Test
    void ifNoneMatch_star_aListAndWeakTags_butNotNoCacheNorAnotherTag() {
        String etag = "\"abc12\"";
        assertTrue(Etag.matches("*", null, etag));
        assertTrue(Etag.matches("\"x\", W/\"abc12\"", null, etag));
        assertTrue(Etag.matches(etag, "max-age=0", etag));
        assertFalse(Etag.matches(etag, "no-cache", etag));
        assertFalse(Etag.matches("\"abc1\"", null, etag));
        assertFalse(Etag.matches(null, null, etag));
        assertFalse(Etag.matches("abc12", null, etag), "unquoted is another tag");
    }
}
