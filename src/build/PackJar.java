import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites a jar that {@code jar} made, entry for entry in the same order, with the best
 * compression and each entry's sizes and checksum in its header, and without folder entries:
 * {@code jar} writes every entry with a data descriptor after it (16 bytes) and at the default level. About 2 KB off
 * {@code api.jar}, which has a size budget; the classes, their debug information and the manifest
 * are the same bytes. A build tool, run by the Makefile with {@code java PackJar.java JAR}: it is in
 * no jar.
 */
public final class PackJar {
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
        Path packed = Path.of(args[0] + ".packed");
        try (ZipFile in = new ZipFile(jar.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(packed))) {
            out.setLevel(Deflater.BEST_COMPRESSION);
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entry.isDirectory()) {
                    continue; // a jar needs no folder entries: classes and resources are found by name
                }
                byte[] data;
                try (var body = in.getInputStream(entry)) {
                    data = body.readAllBytes();
                }
                out.putNextEntry(described(entry, data));
                out.write(data);
                out.closeEntry();
            }
        }
        Files.move(packed, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * A copy of the entry with its size, compressed size and CRC set, which keeps ZipOutputStream
     * from writing a data descriptor; the compressed size is found by compressing as it will.
     */
    private static ZipEntry described(ZipEntry entry, byte[] data) {
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        if (entry.getExtra() != null) {
            copy.setExtra(entry.getExtra()); // the first entry's jar marker
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        copy.setCrc(crc.getValue());
        copy.setSize(data.length);
        copy.setCompressedSize(compressedSize(data));
        return copy;
    }

    private static long compressedSize(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            byte[] chunk = new byte[8192];
            long size = 0;
            while (!deflater.finished()) {
                size += deflater.deflate(chunk);
            }
            return size;
        } finally {
            deflater.end();
        }
    }
}
