package io.apiroutes.http;

/** Byte counts written the way Next.js writes its limits: {@code 1mb}, {@code 512kb}, {@code 100b}. */
public final class ByteSizes {
    private ByteSizes() {}

    public static String format(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + "mb";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + "kb";
        }
        return bytes + "b";
    }
}
