package io.apiroutes;

/**
 * ETags of answers, as Next.js's {@code generateEtags} makes them: a hash of the body and its
 * length, and the check of {@code If-None-Match} that the {@code fresh} package does.
 */
final class Etag {
    private Etag() {}

    /** A strong ETag of the bytes: FNV-1a (64 bits) and the length, in base 36. */
    static String of(byte[] bytes, int offset, int length) {
        long hash = 0xcbf29ce484222325L;
        for (int i = offset, end = offset + length; i < end; i++) {
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
