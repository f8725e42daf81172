package io.apiroutes.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteSinkTest {
    @Test
    void quote_escapesAsTheWriterDoes() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\\u2028\u00e9\"", ByteSink.quote("a\"b\\c\n\u0001\u2028\u00e9"));
    }

    @Test
    void streaming_growsToItsBoundThenFlushesInPieces() {
        RecordingStream out = new RecordingStream();
        ByteSink sink = new ByteSink(out, 16, 64);

        for (int i = 0; i < 100; i++) {
            sink.write('a' + i % 26);
        }
        sink.write(new byte[200]);
        sink.flush();

        assertEquals(List.of(64, 36, 200), out.writes.stream().map(String::length).toList());
        assertEquals("abcdefghijklmnopqrstuvwxyz".repeat(4).substring(0, 100), out.writes.get(0) + out.writes.get(1));
    }

    @Test
    void inMemory_growsWithoutBound() {
        ByteSink sink = new ByteSink(16);

        sink.writeString("x".repeat(10_000));

        assertEquals(10_002, sink.length());
        assertEquals("\"" + "x".repeat(10_000) + "\"", new String(sink.toByteArray(), StandardCharsets.UTF_8));
    }
}
