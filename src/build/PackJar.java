import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Rewrites a jar that {@code jar} made, entry for entry in the same order, each entry compressed by
 * {@link ShortestDeflate} (or zlib's best level where that is smaller), its sizes and checksum in
 * its header, and without folder entries: {@code jar} writes every entry with a data descriptor
 * after it (16 bytes) and at the default level. {@code api.jar} has a size budget; the classes,
 * their debug information and the manifest are the same bytes, and each compressed entry is
 * inflated again and compared before it is written. A build tool, run by the Makefile: it is in no
 * jar.
 */
public final class PackJar {
    /** How many times ShortestDeflate prices its parse again; past this the gain is a few bytes. */
    private static final int ITERATIONS = 8;

    private PackJar() {
    }

    /**
     * Packs the jar named by the first argument in place.
     *
     * @param args the jar's path
     * @throws IOException if the jar cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        List<ZipEntry> entries = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        try (ZipFile in = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entry.isDirectory()) {
                    continue; // a jar needs no folder entries: classes and resources are found by name
                }
                try (var body = in.getInputStream(entry)) {
                    contents.add(body.readAllBytes());
                }
                entries.add(entry);
            }
        }
        byte[][] compressed = new byte[entries.size()][];
        IntStream.range(0, compressed.length).parallel().forEach(i -> compressed[i] = smallest(contents.get(i)));
        ByteArrayOutputStream local = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (int i = 0; i < compressed.length; i++) {
            ZipEntry entry = entries.get(i);
            byte[] data = contents.get(i);
            int offset = local.size();
            byte[] name = entry.getName().getBytes(StandardCharsets.UTF_8);
            byte[] extra = entry.getExtra() == null ? new byte[0] : entry.getExtra(); // the first entry's jar marker
            CRC32 crc = new CRC32();
            crc.update(data);
            EntryHead head = new EntryHead(name, extra, dosTime(entry.getTime()), (int) crc.getValue(),
                    compressed[i].length, data.length);
            head.writeLocal(local);
            local.writeBytes(compressed[i]);
            head.writeCentral(central, offset);
        }
        int count = compressed.length;
        ByteArrayOutputStream end = new ByteArrayOutputStream();
        writeInt(end, 0x06054b50);
        writeShort(end, 0);
        writeShort(end, 0);
        writeShort(end, count);
        writeShort(end, count);
        writeInt(end, central.size());
        writeInt(end, local.size());
        writeShort(end, 0);
        try (var out = Files.newOutputStream(jar)) {
            local.writeTo(out);
            central.writeTo(out);
            end.writeTo(out);
        }
    }

    /** The smaller of ShortestDeflate's stream and zlib's, each checked by inflating it again. */
    private static byte[] smallest(byte[] data) {
        byte[] zlib = zlibBest(data);
        if (data.length == 0) {
            return zlib;
        }
        byte[] shortest = ShortestDeflate.compress(data, ITERATIONS);
        if (!Arrays.equals(inflated(shortest, data.length), data)) {
            throw new IllegalStateException("ShortestDeflate's stream does not inflate to its input");
        }
        return shortest.length < zlib.length ? shortest : zlib;
    }

    private static byte[] zlibBest(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflated(byte[] compressed, int size) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(compressed);
            byte[] out = new byte[size + 1];
            int n = 0;
            while (!inflater.finished() && n < out.length) {
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            return inflater.finished() ? Arrays.copyOf(out, n) : null;
        } catch (DataFormatException e) {
            throw new IllegalStateException("ShortestDeflate's stream is not DEFLATE: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** MS-DOS date and time in local time, as zip stores them (two-second steps, from 1980). */
    private static int dosTime(long millis) {
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneId.systemDefault());
        if (t.getYear() < 1980) {
            return (1 << 21) | (1 << 16);
        }
        return (t.getYear() - 1980) << 25 | t.getMonthValue() << 21 | t.getDayOfMonth() << 16
                | t.getHour() << 11 | t.getMinute() << 5 | t.getSecond() >> 1;
    }

    /** A stored entry's header fields, written before its data and again in the central directory. */
    private record EntryHead(byte[] name, byte[] extra, int dosTime, int crc, int compressedSize, int size) {
        void writeLocal(ByteArrayOutputStream out) {
            writeInt(out, 0x04034b50);
            writeShort(out, 20); // version needed: 2.0, deflate
            writeCommon(out);
            out.writeBytes(name);
            out.writeBytes(extra);
        }

        void writeCentral(ByteArrayOutputStream out, int localOffset) {
            writeInt(out, 0x02014b50);
            writeShort(out, 20); // made by
            writeShort(out, 20); // needed
            writeCommon(out);
            writeShort(out, 0); // comment
            writeShort(out, 0); // disk
            writeShort(out, 0); // internal attributes
            writeInt(out, 0); // external attributes
            writeInt(out, localOffset);
            out.writeBytes(name);
            out.writeBytes(extra);
        }

        private void writeCommon(ByteArrayOutputStream out) {
            writeShort(out, 0x0800); // names are UTF-8
            writeShort(out, 8); // deflated
            writeInt(out, dosTime);
            writeInt(out, crc);
            writeInt(out, compressedSize);
            writeInt(out, size);
            writeShort(out, name.length);
            writeShort(out, extra.length);
        }
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value);
        out.write(value >>> 8);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        writeShort(out, value);
        writeShort(out, value >>> 16);
    }
}
