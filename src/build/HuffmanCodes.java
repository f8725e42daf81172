import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * DEFLATE's Huffman codes (RFC 1951 3.2.2 and 3.2.7): code lengths from symbol counts, limited in
 * length; canonical codes from lengths; and a dynamic block's header, its code lengths written with
 * whichever of the repeat codes 16, 17 and 18 make it shortest. For {@link ShortestDeflate}.
 */
final class HuffmanCodes {
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13,
        2, 14, 1, 15};

    private HuffmanCodes() {
    }

    /**
     * A block's literal/length and distance code lengths: those of its counts, or those of counts
     * smoothed so that neighbouring lengths repeat (zopfli's OptimizeHuffmanForRle), when the
     * shorter header pays for the longer codes.
     */
    static int[][] blockCodes(int[] literalCounts, int[] distanceCounts) {
        int[][] exact = {lengths(literalCounts, 15), lengths(distanceCounts, 15)};
        int[][] smooth = {lengths(smoothed(literalCounts), 15), lengths(smoothed(distanceCounts), 15)};
        completeDistanceCode(exact[1]);
        completeDistanceCode(smooth[1]);
        return bits(smooth, literalCounts, distanceCounts) < bits(exact, literalCounts, distanceCounts) ? smooth : exact;
    }

    /** The bits of the header and the symbols' codes (the extra bits are the same whatever the codes). */
    private static long bits(int[][] codes, int[] literalCounts, int[] distanceCounts) {
        BitWriter header = new BitWriter(64);
        writeCodeLengths(header, codes[0], codes[1]);
        long bits = header.bits();
        for (int s = 0; s < literalCounts.length; s++) {
            bits += (long) literalCounts[s] * codes[0][s];
        }
        for (int s = 0; s < distanceCounts.length; s++) {
            bits += (long) distanceCounts[s] * codes[1][s];
        }
        return bits;
    }

    /**
     * Counts evened out over strides of similar values, so that their code lengths come out equal
     * and run-length code well; runs already long enough are kept. Every used symbol stays used.
     */
    private static int[] smoothed(int[] original) {
        int[] counts = original.clone();
        int length = counts.length;
        while (length > 0 && counts[length - 1] == 0) {
            length--;
        }
        boolean[] goodForRle = new boolean[length];
        int symbol = length > 0 ? counts[0] : 0;
        int stride = 0;
        for (int i = 0; i <= length; i++) {
            if (i == length || counts[i] != symbol) {
                if ((symbol == 0 && stride >= 5) || (symbol != 0 && stride >= 7)) {
                    for (int k = 0; k < stride; k++) {
                        goodForRle[i - k - 1] = true;
                    }
                }
                stride = 1;
                symbol = i != length ? counts[i] : symbol;
            } else {
                stride++;
            }
        }
        stride = 0;
        long sum = 0;
        long limit = length > 0 ? counts[0] : 0;
        for (int i = 0; i <= length; i++) {
            if (i == length || goodForRle[i] || Math.abs(counts[i] - limit) >= 4) {
                if (stride >= 4 || (stride >= 3 && sum == 0)) {
                    int count = sum == 0 ? 0 : (int) Math.max(1, (sum + stride / 2) / stride);
                    for (int k = 0; k < stride; k++) {
                        counts[i - k - 1] = original[i - k - 1] == 0 && count == 0 ? 0 : Math.max(count, original[i - k - 1] > 0 ? 1 : 0);
                    }
                }
                stride = 0;
                sum = 0;
                limit = i < length - 3 ? (counts[i] + counts[i + 1] + counts[i + 2] + counts[i + 3] + 2) / 4
                        : i < length ? counts[i] : 0;
            }
            stride++;
            if (i != length) {
                sum += counts[i];
            }
        }
        return counts;
    }

    /** The lengths of the literal/length and distance codes, run-length coded with the code-length code. */
    static void writeCodeLengths(BitWriter out, int[] literalLengths, int[] distanceLengths) {
        int bestUse = 0;
        long bestBits = Long.MAX_VALUE;
        for (int use = 0; use < 8; use++) {
            BitWriter trial = new BitWriter(64);
            writeCodeLengths(trial, literalLengths, distanceLengths, use);
            if (trial.bits() < bestBits) {
                bestBits = trial.bits();
                bestUse = use;
            }
        }
        writeCodeLengths(out, literalLengths, distanceLengths, bestUse);
    }

    /** The lengths coded with the repeat codes in {@code use}: 1 for 16, 2 for 17, 4 for 18. */
    private static void writeCodeLengths(BitWriter out, int[] literalLengths, int[] distanceLengths, int use) {
        int literals = 286;
        while (literals > 257 && literalLengths[literals - 1] == 0) {
            literals--;
        }
        int distances = 30;
        while (distances > 1 && distanceLengths[distances - 1] == 0) {
            distances--;
        }
        int[] lengths = new int[literals + distances];
        System.arraycopy(literalLengths, 0, lengths, 0, literals);
        System.arraycopy(distanceLengths, 0, lengths, literals, distances);
        int[] runs = runLengthCoded(lengths, use);
        int[] counts = new int[19];
        for (int k = 0; k < runs.length; k += 2) {
            counts[runs[k]]++;
        }
        int[] codeLengthLengths = lengths(counts, 7);
        int used = 0;
        for (int length : codeLengthLengths) {
            used += length > 0 ? 1 : 0;
        }
        if (used < 2) { // an inflater refuses an incomplete code-length code
            codeLengthLengths[runs[0] == 0 ? 1 : 0] = 1;
            codeLengthLengths[runs[0]] = 1;
        }
        int[] codeLengthCodes = canonical(codeLengthLengths);
        int orderUsed = 19;
        while (orderUsed > 4 && codeLengthLengths[CODE_LENGTH_ORDER[orderUsed - 1]] == 0) {
            orderUsed--;
        }
        out.write(literals - 257, 5);
        out.write(distances - 1, 5);
        out.write(orderUsed - 4, 4);
        for (int k = 0; k < orderUsed; k++) {
            out.write(codeLengthLengths[CODE_LENGTH_ORDER[k]], 3);
        }
        for (int k = 0; k < runs.length; k += 2) {
            int symbol = runs[k];
            out.writeCode(codeLengthCodes[symbol], codeLengthLengths[symbol]);
            if (symbol == 16) {
                out.write(runs[k + 1] - 3, 2);
            } else if (symbol == 17) {
                out.write(runs[k + 1] - 3, 3);
            } else if (symbol == 18) {
                out.write(runs[k + 1] - 11, 7);
            }
        }
    }

    /** Code lengths as (symbol, repeat) pairs: 16 repeats the previous length 3-6 times, 17 and 18 are runs of zeros. */
    private static int[] runLengthCoded(int[] lengths, int use) {
        int[] runs = new int[lengths.length * 2];
        int r = 0;
        for (int i = 0; i < lengths.length; ) {
            int value = lengths[i];
            int run = 1;
            while (i + run < lengths.length && lengths[i + run] == value) {
                run++;
            }
            i += run;
            boolean repeatable = false; // a 16 repeats the length last written, which must be this one
            if (value == 0) {
                while ((use & 4) != 0 && run >= 11) {
                    int take = Math.min(run, 138);
                    runs[r++] = 18;
                    runs[r++] = take;
                    run -= take;
                    repeatable = true;
                }
                while ((use & 2) != 0 && run >= 3) {
                    int take = Math.min(run, 10);
                    runs[r++] = 17;
                    runs[r++] = take;
                    run -= take;
                    repeatable = true;
                }
            }
            if (!repeatable && run >= 4 && (use & 1) != 0) {
                runs[r++] = value;
                runs[r++] = 1;
                run--;
                repeatable = true;
            }
            while (repeatable && (use & 1) != 0 && run >= 3) {
                int take = Math.min(run, 6);
                runs[r++] = 16;
                runs[r++] = take;
                run -= take;
            }
            for (; run > 0; run--) {
                runs[r++] = value;
                runs[r++] = 1;
            }
        }
        return Arrays.copyOf(runs, r);
    }

    /** zlib's inflater refuses a distance code of one symbol (an incomplete code): two codes of one bit each. */
    static void completeDistanceCode(int[] lengths) {
        int used = 0;
        for (int length : lengths) {
            used += length > 0 ? 1 : 0;
        }
        if (used == 0) {
            lengths[0] = 1;
            lengths[1] = 1;
        } else if (used == 1) {
            lengths[lengths[0] > 0 ? 1 : 0] = 1;
            for (int d = 0; d < lengths.length; d++) {
                if (lengths[d] > 0) {
                    lengths[d] = 1;
                }
            }
        }
    }

    /** Huffman code lengths at most {@code limit} bits: counts are halved until the code fits. */
    static int[] lengths(int[] counts, int limit) {
        int[] weights = counts.clone();
        while (true) {
            int[] lengths = lengths(weights);
            int longest = 0;
            for (int length : lengths) {
                longest = Math.max(longest, length);
            }
            if (longest <= limit) {
                return lengths;
            }
            for (int s = 0; s < weights.length; s++) {
                if (weights[s] > 0) {
                    weights[s] = (weights[s] + 1) / 2;
                }
            }
        }
    }

    private static int[] lengths(int[] weights) {
        int symbols = weights.length;
        int[] parent = new int[symbols * 2];
        PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : Long.compare(a[1], b[1]));
        for (int s = 0; s < symbols; s++) {
            if (weights[s] > 0) {
                queue.add(new long[] {weights[s], s});
            }
        }
        int[] lengths = new int[symbols];
        if (queue.size() == 1) {
            lengths[(int) queue.peek()[1]] = 1;
            return lengths;
        }
        int next = symbols;
        while (queue.size() > 1) {
            long[] a = queue.poll();
            long[] b = queue.poll();
            parent[(int) a[1]] = next;
            parent[(int) b[1]] = next;
            queue.add(new long[] {a[0] + b[0], next++});
        }
        int root = next - 1;
        for (int s = 0; s < symbols; s++) {
            if (weights[s] > 0) {
                int depth = 0;
                for (int node = s; node != root; node = parent[node]) {
                    depth++;
                }
                lengths[s] = depth;
            }
        }
        return lengths;
    }

    /** RFC 1951 section 3.2.2: codes in order of length, then of symbol. */
    static int[] canonical(int[] lengths) {
        int[] perLength = new int[16];
        for (int length : lengths) {
            perLength[length]++;
        }
        perLength[0] = 0;
        int[] nextCode = new int[16];
        int code = 0;
        for (int bits = 1; bits < 16; bits++) {
            code = (code + perLength[bits - 1]) << 1;
            nextCode[bits] = code;
        }
        int[] codes = new int[lengths.length];
        for (int s = 0; s < lengths.length; s++) {
            if (lengths[s] > 0) {
                codes[s] = nextCode[lengths[s]]++;
            }
        }
        return codes;
    }
}
