import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A DEFLATE encoder (RFC 1951) that spends time to save bytes, as zopfli does: every match the
 * window offers is found once; an optimal parse (the cheapest path through the input, each literal
 * and each (length, distance) priced in bits) is repeated with the prices of the previous parse's
 * own statistics; the parse is cut into blocks where codes of their own pay for their header, and
 * each block is parsed again alone; each block's code lengths are written with whichever repeat
 * codes make them shortest. zlib's best level picks its matches greedily, with one step of
 * lookahead, in one block per 16 K symbols. The output is read by any inflater; PackJar checks it.
 */
final class ShortestDeflate {
    private static final int WINDOW = 32768;
    private static final int MIN_MATCH = 3;
    private static final int MAX_MATCH = 258;
    private static final int CHAIN_LIMIT = 8192;
    /** A block's Huffman codes cost about 60 bytes: blocks shorter than this are not worth a cut. */
    private static final int MIN_BLOCK_STEPS = 100;
    private static final int CUT_CANDIDATES = 16;

    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
        35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
        4, 4, 4, 4, 5, 5, 5, 5, 0};
    private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
        257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8,
        9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

    private final byte[] data;
    /** For position i, pairs from matchStart[i] to matchStart[i + 1]: a longest length and its nearest distance. */
    private final int[] matchStart;
    private int[] matchPairs = new int[1024];

    private ShortestDeflate(byte[] data) {
        this.data = data;
        this.matchStart = new int[data.length + 1];
        findMatches();
    }

    /**
     * Compresses the bytes into a raw DEFLATE stream (no zlib or gzip wrapper).
     *
     * @param data the bytes, not empty
     * @param iterations how many times the parse is repeated with new prices
     * @return the stream
     */
    static byte[] compress(byte[] data, int iterations) {
        ShortestDeflate deflate = new ShortestDeflate(data);
        int[] whole = deflate.optimalParse(0, data.length, iterations);
        List<int[]> blocks = new ArrayList<>();
        int start = 0;
        for (int[] part : deflate.split(whole)) {
            int end = start;
            for (int k = 0; k < part.length; k += 2) {
                end += part[k];
            }
            blocks.add(deflate.optimalParse(start, end, iterations));
            start = end;
        }
        byte[] single = deflate.encode(List.of(whole));
        byte[] split = deflate.encode(blocks);
        return split.length < single.length ? split : single;
    }

    /** The cheapest parse of data[start, end) found in {@code iterations} rounds of pricing. */
    private int[] optimalParse(int start, int end, int iterations) {
        double[] literalCost = new double[286];
        double[] distanceCost = new double[30];
        fixedCosts(literalCost, distanceCost);
        int[] best = null;
        long bestBits = Long.MAX_VALUE;
        for (int i = 0; i < iterations; i++) {
            int[] parse = cheapestParse(start, end, literalCost, distanceCost);
            int[] literalCounts = new int[286];
            int[] distanceCounts = new int[30];
            count(parse, start, literalCounts, distanceCounts);
            long bits = blockBits(parse, start);
            if (bits < bestBits) {
                best = parse;
                bestBits = bits;
            }
            entropyCosts(literalCounts, literalCost);
            entropyCosts(distanceCounts, distanceCost);
        }
        return best;
    }

    /**
     * The parse cut into blocks where a block of its own (with its own Huffman codes) costs fewer
     * bits than sharing the codes: the best of evenly spread cut points, refined once, recursively.
     */
    private List<int[]> split(int[] parse) {
        List<int[]> blocks = new ArrayList<>();
        split(parse, 0, blocks);
        return blocks;
    }

    private void split(int[] parse, int start, List<int[]> blocks) {
        int steps = parse.length / 2;
        if (steps < 2 * MIN_BLOCK_STEPS) {
            blocks.add(parse);
            return;
        }
        long whole = blockBits(parse, start);
        int bestCut = -1;
        long bestBits = whole;
        int low = MIN_BLOCK_STEPS;
        int high = steps - MIN_BLOCK_STEPS;
        for (int round = 0; round < 2 && low < high; round++) {
            int stride = Math.max(1, (high - low) / CUT_CANDIDATES);
            for (int cut = low; cut <= high; cut += stride) {
                long bits = blockBits(Arrays.copyOf(parse, 2 * cut), start)
                        + blockBits(Arrays.copyOfRange(parse, 2 * cut, parse.length), start + bytes(parse, cut));
                if (bits < bestBits) {
                    bestBits = bits;
                    bestCut = cut;
                }
            }
            if (bestCut < 0) {
                break;
            }
            low = Math.max(MIN_BLOCK_STEPS, bestCut - stride);
            high = Math.min(steps - MIN_BLOCK_STEPS, bestCut + stride);
        }
        if (bestCut < 0) {
            blocks.add(parse);
            return;
        }
        split(Arrays.copyOf(parse, 2 * bestCut), start, blocks);
        split(Arrays.copyOfRange(parse, 2 * bestCut, parse.length), start + bytes(parse, bestCut), blocks);
    }

    private static int bytes(int[] parse, int steps) {
        int n = 0;
        for (int k = 0; k < 2 * steps; k += 2) {
            n += parse[k];
        }
        return n;
    }

    private long blockBits(int[] parse, int start) {
        BitWriter out = new BitWriter(64);
        encodeBlock(out, parse, start, false);
        return out.bits();
    }

    private void findMatches() {
        int n = data.length;
        int[] head = new int[1 << 15];
        Arrays.fill(head, -1);
        int[] previous = new int[n];
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            matchStart[i] = pairs;
            if (i + MIN_MATCH > n) {
                continue;
            }
            int hash = hash(i);
            int limit = Math.min(MAX_MATCH, n - i);
            int longest = MIN_MATCH - 1;
            int chain = 0;
            for (int candidate = head[hash]; candidate >= 0 && i - candidate <= WINDOW
                    && chain < CHAIN_LIMIT && longest < limit; candidate = previous[candidate], chain++) {
                int length = 0;
                while (length < limit && data[candidate + length] == data[i + length]) {
                    length++;
                }
                if (length > longest) {
                    longest = length;
                    if (pairs + 2 > matchPairs.length) {
                        matchPairs = Arrays.copyOf(matchPairs, matchPairs.length * 2);
                    }
                    matchPairs[pairs++] = length;
                    matchPairs[pairs++] = i - candidate;
                }
            }
            previous[i] = head[hash];
            head[hash] = i;
        }
        matchStart[n] = pairs;
    }

    private int hash(int i) {
        return ((data[i] & 0xff) << 10 ^ (data[i + 1] & 0xff) << 5 ^ (data[i + 2] & 0xff)) & 0x7fff;
    }

    /** The cheapest way through the input at these prices: for each step, its length (1 for a literal) and distance. */
    private int[] cheapestParse(int start, int end, double[] literalCost, double[] distanceCost) {
        int n = end - start;
        double[] cost = new double[n + 1];
        int[] stepLength = new int[n + 1];
        int[] stepDistance = new int[n + 1];
        Arrays.fill(cost, Double.MAX_VALUE);
        cost[0] = 0;
        for (int i = 0; i < n; i++) {
            double here = cost[i];
            double literal = here + literalCost[data[start + i] & 0xff];
            if (literal < cost[i + 1]) {
                cost[i + 1] = literal;
                stepLength[i + 1] = 1;
            }
            int length = MIN_MATCH;
            for (int p = matchStart[start + i]; p < matchStart[start + i + 1] && length <= n - i; p += 2) {
                int distance = matchPairs[p + 1];
                int d = distanceSymbol(distance);
                double distancePrice = here + distanceCost[d] + DIST_EXTRA[d];
                for (int longest = Math.min(matchPairs[p], n - i); length <= longest; length++) {
                    int s = lengthSymbol(length);
                    double price = distancePrice + literalCost[257 + s] + LENGTH_EXTRA[s];
                    if (price < cost[i + length]) {
                        cost[i + length] = price;
                        stepLength[i + length] = length;
                        stepDistance[i + length] = distance;
                    }
                }
            }
        }
        int steps = 0;
        for (int at = n; at > 0; at -= stepLength[at]) {
            steps++;
        }
        int[] parse = new int[steps * 2];
        for (int at = n, k = steps; at > 0; at -= stepLength[at]) {
            k--;
            parse[2 * k] = stepLength[at];
            parse[2 * k + 1] = stepDistance[at];
        }
        return parse;
    }

    private void count(int[] parse, int start, int[] literalCounts, int[] distanceCounts) {
        int at = start;
        for (int k = 0; k < parse.length; k += 2) {
            if (parse[k] == 1) {
                literalCounts[data[at] & 0xff]++;
            } else {
                literalCounts[257 + lengthSymbol(parse[k])]++;
                distanceCounts[distanceSymbol(parse[k + 1])]++;
            }
            at += parse[k];
        }
        literalCounts[256]++;
    }

    private byte[] encode(List<int[]> blocks) {
        BitWriter out = new BitWriter(data.length);
        int start = 0;
        for (int i = 0; i < blocks.size(); i++) {
            int[] parse = blocks.get(i);
            encodeBlock(out, parse, start, i == blocks.size() - 1);
            start += bytes(parse, parse.length / 2);
        }
        return out.toByteArray();
    }

    private void encodeBlock(BitWriter out, int[] parse, int start, boolean last) {
        int[] literalCounts = new int[286];
        int[] distanceCounts = new int[30];
        count(parse, start, literalCounts, distanceCounts);
        int[][] codes = HuffmanCodes.blockCodes(literalCounts, distanceCounts);
        int[] literalLengths = codes[0];
        int[] distanceLengths = codes[1];
        out.write(last ? 1 : 0, 1);
        out.write(2, 2); // dynamic Huffman codes
        HuffmanCodes.writeCodeLengths(out, literalLengths, distanceLengths);
        int[] literalCodes = HuffmanCodes.canonical(literalLengths);
        int[] distanceCodes = HuffmanCodes.canonical(distanceLengths);
        int at = start;
        for (int k = 0; k < parse.length; k += 2) {
            int length = parse[k];
            if (length == 1) {
                int b = data[at] & 0xff;
                out.writeCode(literalCodes[b], literalLengths[b]);
            } else {
                int s = lengthSymbol(length);
                out.writeCode(literalCodes[257 + s], literalLengths[257 + s]);
                out.write(length - LENGTH_BASE[s], LENGTH_EXTRA[s]);
                int distance = parse[k + 1];
                int d = distanceSymbol(distance);
                out.writeCode(distanceCodes[d], distanceLengths[d]);
                out.write(distance - DIST_BASE[d], DIST_EXTRA[d]);
            }
            at += length;
        }
        out.writeCode(literalCodes[256], literalLengths[256]);
    }

    /** Prices of the fixed Huffman codes, to start from. */
    private static void fixedCosts(double[] literalCost, double[] distanceCost) {
        for (int s = 0; s < literalCost.length; s++) {
            literalCost[s] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
        }
        Arrays.fill(distanceCost, 5);
    }

    /** Each symbol's price in bits from its share of the counts; an unseen symbol costs as the rarest could. */
    private static void entropyCosts(int[] counts, double[] cost) {
        long total = 0;
        for (int count : counts) {
            total += count;
        }
        double log2Total = total == 0 ? 0 : Math.log(total) / Math.log(2);
        for (int s = 0; s < counts.length; s++) {
            cost[s] = counts[s] == 0 ? log2Total + 1 : log2Total - Math.log(counts[s]) / Math.log(2);
        }
    }

    private static int lengthSymbol(int length) {
        int s = LENGTH_BASE.length - 1;
        while (LENGTH_BASE[s] > length) {
            s--;
        }
        return s;
    }

    private static int distanceSymbol(int distance) {
        int d = DIST_BASE.length - 1;
        while (DIST_BASE[d] > distance) {
            d--;
        }
        return d;
    }

}
