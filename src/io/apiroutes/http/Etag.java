package io.apiroutes.http;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * ETags of answers, as Next.js's {@code generateEtags} makes them: a hash of the body and its
 * length; and the check of {@code If-None-Match}, the one place of its rule.
 */
public final class Etag {
    private Etag() {}

    /**
     * A strong ETag of the bytes: a 64-bit hash of them (eight bytes a step, each multiplied in and
     * its high bits folded down; FNV-1a for the last few) and their length, in base 36.
     */
    public static String of(byte[] bytes, int offset, int length) {
        long hash = 0xcbf29ce484222325L;
        int i = offset;
        int end = offset + length;
        // eight bytes a read through a ByteBuffer, not a byte-array VarHandle: the same intrinsic, but
        // a VarHandle spins a class at its first use, some 8 ms of the first answer
        ByteBuffer longs = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (; end - i >= 8; i += 8) {
            hash = (hash ^ longs.getLong(i)) * 0x9e3779b97f4a7c15L;
            hash ^= hash >>> 29;
        }
        for (; i < end; i++) {
            hash = (hash ^ (bytes[i] & 0xff)) * 0x100000001b3L;
        }
        return "\"" + Long.toString(hash >>> 1, 36) + Integer.toString(length, 36) + "\"";
    }

    /**
     * Whether the client's copy is current (RFC 9110 13.1.2): {@code If-None-Match} is {@code *},
     * or lists the tag. The comparison is weak: {@code W/"v1"} and {@code "v1"} match each other,
     * on either side. A quoted tag may hold a comma; a request's {@code Cache-Control: no-cache}
     * does not change the answer (it speaks to caches, not to the origin).
     *
     * @param ifNoneMatch the request's field, its lines joined with commas; null when absent
     * @param etag the answer's tag, the handler's own or one made by {@link #of}
     */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || etag == null) {
            return false;
        }
        if (ifNoneMatch.trim().equals("*")) {
            return true;
        }
        String wanted = opaque(etag.trim());
        if (wanted.isEmpty()) {
            return false;
        }
        int at = 0;
        int end = ifNoneMatch.length();
        while (at < end) {
            char c = ifNoneMatch.charAt(at);
            if (c == ',' || c == ' ' || c == '\t') {
                at++;
                continue;
            }
            int start = at;
            at += ifNoneMatch.startsWith("W/", at) ? 2 : 0;
            int close = at < end && ifNoneMatch.charAt(at) == '"' ? ifNoneMatch.indexOf('"', at + 1) : -1;
            int comma = ifNoneMatch.indexOf(',', at);
            at = close >= 0 ? close + 1 : comma >= 0 ? comma : end;
            if (opaque(ifNoneMatch.substring(start, at).trim()).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** A tag without its weakness mark. */
    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
