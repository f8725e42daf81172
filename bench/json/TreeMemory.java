package jsonbench;

import io.apiroutes.json.Json;
import io.apiroutes.json.JsonException;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the memory a parsed JSON tree really keeps, per byte of input, for the shapes that
 * cost the most (docs/security.md, "JSON bodies and memory"). Each case is a body of about 1 MB,
 * parsed four times and kept; the heap in use after a full collection, minus what it was
 * before, divided by four bodies, is the retained size.
 *
 * <pre>
 * make build/classes.stamp
 * javac -d build/tree-memory -cp build/classes bench/json/TreeMemory.java
 * java -XX:+UseSerialGC -Xmx1g -cp build/classes:build/tree-memory jsonbench.TreeMemory
 * </pre>
 */
public final class TreeMemory {
    private static final int SIZE = 1 << 20;
    private static final int COPIES = 4;

    private TreeMemory() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("[{},{},...]", repeat("{}"));
        cases.put("[{\"a\":0},...]", repeat("{\"a\":0}"));
        cases.put("[[[]],[[]],...]", repeat("[[]]"));
        cases.put("[[],[],...]", repeat("[]"));
        cases.put("500 nested arrays, repeated", repeat("[".repeat(500) + "]".repeat(500)));
        cases.put("500 nested {\"a\":...}, repeated", repeat("{\"a\":".repeat(499) + "{}" + "}".repeat(499)));
        cases.put("[\"\",\"\",...]", repeat("\"\""));
        cases.put("[\"a\",\"a\",...]", repeat("\"a\""));
        cases.put("[\"ab\",\"ac\",...] (distinct)", distinct("\"%s\""));
        cases.put("[[\"ab\",\"ac\"],...] (distinct)", distinct("[\"%s\",\"%s\"]"));
        cases.put("[{\"ab\":\"ac\"},...] (distinct keys)", distinct("{\"%s\":\"%s\"}"));
        cases.put("{\"k0\":0,\"k1\":0,...} (one object)", distinctKeys());
        cases.put("500 nested {\"\u00e9\":...}, repeated", repeat("{\"\u00e9\":".repeat(499) + "{}" + "}".repeat(499)));
        cases.put("[1000,1001,...]", numbers());
        cases.put("[1.5,1.5,...]", repeat("1.5"));
        cases.put("[1e400,...] (BigDecimal)", repeat("1e400"));
        cases.put("[[1.5,2.5],...] (coordinates)", repeat("[1.5,2.5]"));
        cases.put("records of 12 mixed fields (bench payload)", events());
        System.out.println("| body (about 1 MB) | retained bytes per body byte | Json.parse |");
        System.out.println("| --- | ---: | --- |");
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            System.out.println("| `" + c.getKey() + "` | " + measure(c.getValue()) + " |");
        }
    }

    private static String measure(byte[] body) {
        Object[] kept = new Object[COPIES];
        long before = used();
        try {
            for (int i = 0; i < COPIES; i++) {
                kept[i] = Json.parse(body);
            }
        } catch (JsonException e) {
            return "– | refused: " + e.getMessage().replaceAll(" at .*\\), ", ": ");
        }
        long after = used();
        Reference.reachabilityFence(kept);
        double factor = (after - before) / (double) COPIES / body.length;
        return String.format("%.1f | accepted", factor);
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    private static byte[] repeat(String element) {
        StringBuilder sb = new StringBuilder(SIZE + 1024).append('[');
        while (sb.length() < SIZE) {
            sb.append(sb.length() > 1 ? "," : "").append(element);
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Elements made from {@code format}, each {@code %s} a two-letter string, in turn over all 676. */
    private static byte[] distinct(String format) {
        List<String> all = new ArrayList<>();
        for (char a = 'a'; a <= 'z'; a++) {
            for (char b = 'a'; b <= 'z'; b++) {
                all.add("" + a + b);
            }
        }
        StringBuilder sb = new StringBuilder(SIZE + 1024).append('[');
        for (int i = 0; sb.length() < SIZE; i += 2) {
            String element = String.format(format, all.get(i % all.size()), all.get((i + 1) % all.size()));
            sb.append(sb.length() > 1 ? "," : "").append(element);
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] distinctKeys() {
        StringBuilder sb = new StringBuilder(SIZE + 1024).append('{');
        for (int i = 0; sb.length() < SIZE; i++) {
            sb.append(sb.length() > 1 ? "," : "").append("\"k").append(Integer.toString(i, 36)).append("\":0");
        }
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The benchmark's medium payload (Payloads.event), repeated in a list. */
    private static byte[] events() {
        StringBuilder sb = new StringBuilder(SIZE + 1024).append('[');
        for (int i = 0; sb.length() < SIZE; i++) {
            sb.append(sb.length() > 1 ? "," : "").append("{\"id\":").append(1_000_000 + i)
                    .append(",\"name\":\"event-").append(i)
                    .append("\",\"description\":\"A medium-length description of event number ").append(i)
                    .append("\",\"count\":").append(i * 7).append(",\"priority\":").append(i % 5)
                    .append(",\"createdMillis\":").append(1_717_171_717_000L + i * 1000L)
                    .append(",\"score\":").append(3.25 + i % 100).append(",\"active\":").append(i % 2 == 0)
                    .append(",\"address\":{\"city\":\"Lyon\",\"zip\":\"6900").append(i % 10)
                    .append("\"},\"tags\":[\"red\",\"green\",\"blue-").append(i)
                    .append("\"],\"day\":\"2024-0").append(1 + i % 9).append("-1").append(i % 10)
                    .append("\",\"status\":\"").append(i % 3 == 0 ? "OPEN" : "CLOSED").append("\"}");
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] numbers() {
        StringBuilder sb = new StringBuilder(SIZE + 1024).append('[');
        for (int i = 1000; sb.length() < SIZE; i++) {
            sb.append(sb.length() > 1 ? "," : "").append(i % 9000 + 1000);
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }
}
