package io.apiroutes.json;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A stream that keeps each write it is given, as UTF-8 text, and refuses byte-at-a-time writes. */
final class RecordingStream extends OutputStream {
    final List<String> writes = new ArrayList<>();

    @Override
    public void write(int b) {
        throw new AssertionError("one byte at a time");
    }

    @Override
    public void write(byte[] b, int off, int len) {
        writes.add(new String(b, off, len, StandardCharsets.UTF_8));
    }
}
