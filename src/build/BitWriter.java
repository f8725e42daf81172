import java.util.Arrays;

/** Bits in the order DEFLATE packs them: from the least significant bit of each byte. */
final class BitWriter {
    private byte[] bytes;
    private int size;
    private long buffer;
    private int buffered;

    BitWriter(int capacity) {
        bytes = new byte[Math.max(64, capacity)];
    }

    void write(int value, int bits) {
        buffer |= (long) value << buffered;
        buffered += bits;
        while (buffered >= 8) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, size * 2);
            }
            bytes[size++] = (byte) buffer;
            buffer >>>= 8;
            buffered -= 8;
        }
    }

    /** A Huffman code goes out from its most significant bit. */
    void writeCode(int code, int bits) {
        write(Integer.reverse(code) >>> (32 - bits), bits);
    }

    long bits() {
        return 8L * size + buffered;
    }

    byte[] toByteArray() {
        if (buffered > 0) {
            write(0, 8 - buffered);
        }
        return Arrays.copyOf(bytes, size);
    }
}
