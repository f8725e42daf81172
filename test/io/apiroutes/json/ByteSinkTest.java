package io.apiroutes.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteSinkTest {
    @Test
    void quote_escapesAsTheWriterDoes() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\\u2028\u00e9\"", ByteSink.quote("a\"b\\c\n\u0001\u2028\u00e9"));
    }

    @Test
    void streaming_growsToItsBoundThenFlushesInPieces() {
        List<Integer> writes = new ArrayList<>();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                throw new AssertionError("one byte at a time");
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(len);
                all.write(b, off, len);
            }
        };
        ByteSink sink = new ByteSink(out, 16, 64);

        for (int i = 0; i < 100; i++) {
            sink.write('a' + i % 26);
        }
        sink.write(new byte[200]);
        sink.flush();

        assertEquals(List.of(64, 36, 200), writes);
        assertEquals(300, all.size());
    }

    @Test
    void inMemory_growsWithoutBound() {
        ByteSink sink = new ByteSink(16);

        sink.writeString("x".repeat(10_000));

        assertEquals(10_002, sink.length());
        assertEquals("\"" + "x".repeat(10_000) + "\"", new String(sink.toByteArray(), StandardCharsets.UTF_8));
    }
}
