package io.apiroutes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * ETags of answers, as Next.js's {@code generateEtags} makes them: a hash of the body and its
 * length, and the check of {@code If-None-Match} that the {@code fresh} package does.
 */
final class Etag {
    private Etag() {}

    /** The bytes of an array read eight at a time. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * A strong ETag of the bytes: a 64-bit hash of them (eight bytes a step, each multiplied in and
     * its high bits folded down; FNV-1a for the last few) and their length, in base 36.
     */
    static String of(byte[] bytes, int offset, int length) {
        long hash = 0xcbf29ce484222325L;
        int i = offset;
        int end = offset + length;
        for (; end - i >= 8; i += 8) {
            hash = (hash ^ (long) LONGS.get(bytes, i)) * 0x9e3779b97f4a7c15L;
            hash ^= hash >>> 29;
        }
        for (; i < end; i++) {
            hash = (hash ^ (bytes[i] & 0xff)) * 0x100000001b3L;
        }
        return "\"" + Long.toString(hash >>> 1, 36) + Integer.toString(length, 36) + "\"";
    }

    /**
     * Whether the client's copy is current: {@code If-None-Match} is {@code *} or lists the tag
     * (weak comparison), and the request does not ask {@code Cache-Control: no-cache}.
     */
    static boolean matches(String ifNoneMatch, String cacheControl, String etag) {
        if (ifNoneMatch == null || (cacheControl != null && cacheControl.contains("no-cache"))) {
            return false;
        }
        if (ifNoneMatch.trim().equals("*")) {
            return true;
        }
        for (String tag : ifNoneMatch.split(",")) {
            tag = tag.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
