package io.apiroutes.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random trees (fixed seed, bounded count) written then parsed must come back equal; random
 * damage to valid JSON must give a value or a {@link JsonException}, never another throwable.
 */
class JsonPropertyTest {
    private static final long SEED = 0x5EED_2024L;
    private static final int COUNT = 2000;

    @Test
    void writeThenParse_randomTrees_roundTrip() throws CharacterCodingException {
        Random random = new Random(SEED);
        for (int n = 0; n < COUNT; n++) {
            Object tree = value(random, 0);
            byte[] bytes = Json.toBytes(tree);
            String text = strictUtf8(bytes);

            Object parsed = Json.parse(bytes);

            if (!Objects.equals(tree, parsed)) {
                fail("tree " + n + " changed: " + text);
            }
            assertEquals(parsed, Json.parse(text), "String form of tree " + n);
            assertArrayEquals(bytes, Json.toBytes(parsed), "rewriting tree " + n);
        }
    }

    @Test
    void parse_damagedJson_givesValueOrJsonException() {
        Random random = new Random(SEED + 1);
        for (int n = 0; n < COUNT; n++) {
            byte[] bytes = Json.toBytes(value(random, 0));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && bytes.length > 0; e++) {
                int at = random.nextInt(bytes.length);
                switch (random.nextInt(3)) {
                    case 0 -> bytes[at] = (byte) random.nextInt(256);
                    case 1 -> bytes = Arrays.copyOf(bytes, at);
                    default -> bytes[at] = (byte) "{}[],:\"\\0-eE.tfn \u0080".charAt(random.nextInt(17));
                }
            }
            byte[] damaged = bytes;
            try {
                Json.parse(damaged);
            } catch (JsonException expected) {
                // fine: what matters is that nothing else is thrown
            } catch (RuntimeException | Error other) {
                throw new AssertionError("input " + n + " threw " + other + ": "
                        + new String(damaged, StandardCharsets.ISO_8859_1), other);
            }
        }
    }

    /** A value of the kinds the reader produces (so that equality survives the round trip). */
    private static Object value(Random random, int depth) {
        int kind = random.nextInt(depth >= 4 ? 6 : 8);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> string(random);
            case 3 -> integer(random);
            case 4 -> decimal(random);
            case 5 -> string(random);
            case 6 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    list.add(value(random, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    map.put(string(random), value(random, depth + 1));
                }
                yield map;
            }
        };
    }

    private static Object integer(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> (long) random.nextInt(200) - 100;
            case 1 -> random.nextLong();
            case 2 -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
            default -> new BigInteger(64 + random.nextInt(100), random).add(BigInteger.valueOf(Long.MAX_VALUE))
                    .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1));
        };
    }

    private static Object decimal(Random random) {
        switch (random.nextInt(5)) {
            case 0:
                return random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 1: {
                double d = Double.longBitsToDouble(random.nextLong());
                return Double.isFinite(d) ? d : -0.0;
            }
            case 2:
                return (double) (random.nextInt(2001) - 1000) / 8;
            case 3: {
                // more digits than a double holds, never scale 0 (an integer): stays a BigDecimal
                int scale = 1 + random.nextInt(30);
                BigInteger unscaled = new BigInteger(80, random).add(BigInteger.TEN.pow(20));
                return new BigDecimal(unscaled, random.nextBoolean() ? scale : -scale);
            }
            default:
                return new BigDecimal(BigInteger.ONE, -(400 + random.nextInt(100)));
        }
    }

    /** Random code points: ASCII, controls, quotes, Latin, BMP, U+2028/9, pairs and lone surrogates. */
    private static String string(Random random) {
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            switch (random.nextInt(9)) {
                case 0 -> sb.append((char) random.nextInt(0x20));
                case 1 -> sb.append("\"\\/".charAt(random.nextInt(3)));
                case 2 -> sb.append((char) (0xA0 + random.nextInt(0x700)));
                case 3 -> sb.append((char) (0x800 + random.nextInt(0xD000)));
                case 4 -> sb.append(random.nextBoolean() ? '\u2028' : '\u2029');
                case 5 -> sb.appendCodePoint(0x10000 + random.nextInt(0x100000));
                case 6 -> sb.append((char) (0xD800 + random.nextInt(0x800)));
                case 7 -> sb.append((char) (0xE000 + random.nextInt(0x2000)));
                default -> sb.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return sb.toString();
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }
}
