package jsonbench;

import io.apiroutes.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON result into a table: ours against Jackson per operation and payload, with the
 * ratio (ours / Jackson, lower is better) and the target. Usage: {@code BenchReport result.json [out.md]}.
 *
 * <p>The score is the median of the measurement iterations and the error bar half their
 * interquartile range: on a shared 2-core machine a burst of other work inflates a few
 * iterations, which moves the mean (JMH's own score, kept in result.json) far more than the median.
 */
public final class BenchReport {
    private static final String[] OPERATIONS = {"write", "tree", "bind"};
    private static final String[] PAYLOADS = {"small", "medium", "list100"};
    private static final Map<String, Double> TARGETS = Map.of("write", 1.0, "tree", 1.5, "bind", 2.0);
    private static final Map<String, String> LABELS = Map.of(
            "write", "write to UTF-8 bytes", "tree", "read bytes into a tree", "bind", "read bytes into records");

    private BenchReport() {
    }

    public static void main(String[] args) throws IOException {
        List<?> results = (List<?>) Json.parse(Files.readAllBytes(Path.of(args[0])));
        Map<String, Map<?, ?>> metrics = new LinkedHashMap<>();
        String jvm = "";
        for (Object result : results) {
            Map<?, ?> r = (Map<?, ?>) result;
            String benchmark = (String) r.get("benchmark");
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String payload = (String) ((Map<?, ?>) r.get("params")).get("payload");
            metrics.put(method + "/" + payload, (Map<?, ?>) r.get("primaryMetric"));
            jvm = r.get("vmName") + " " + r.get("jdkVersion") + " (" + r.get("vmVersion") + ")";
        }
        List<String> lines = new ArrayList<>();
        lines.add("JMH 1.37, average time per operation (lower is better): median of the iterations "
                + "± half their interquartile range; ratio = apiroutes / Jackson; " + jvm);
        lines.add("");
        lines.add("| operation | payload | apiroutes (ns/op) | Jackson 2.18 (ns/op) | ratio | target | met |");
        lines.add("| --- | --- | ---: | ---: | ---: | ---: | --- |");
        for (String op : OPERATIONS) {
            for (String payload : PAYLOADS) {
                Map<?, ?> ours = metrics.get(op + "Ours/" + payload);
                Map<?, ?> jackson = metrics.get(op + "Jackson/" + payload);
                if (ours == null || jackson == null) {
                    continue;
                }
                double[] os = quartiles(ours);
                double[] js = quartiles(jackson);
                double o = os[1];
                double oe = (os[2] - os[0]) / 2;
                double j = js[1];
                double je = (js[2] - js[0]) / 2;
                double ratio = o / j;
                double ratioError = ratio * Math.sqrt(square(oe / o) + square(je / j));
                double target = TARGETS.get(op);
                String met = ratio <= target ? "yes" : ratio - ratioError <= target ? "within error" : "NO";
                lines.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f ± %.2f | ≤ %.1f | %s |",
                        LABELS.get(op), payload, score(o, oe), score(j, je), ratio, ratioError, target, met));
            }
        }
        String table = String.join("\n", lines) + "\n";
        System.out.print(table);
        if (args.length > 1 && !args[1].isEmpty()) {
            Files.writeString(Path.of(args[1]), table, StandardCharsets.UTF_8);
            System.out.println("written to " + args[1]);
        }
    }

    /** The first quartile, median and third quartile of the iteration scores. */
    private static double[] quartiles(Map<?, ?> metric) {
        List<Double> values = new ArrayList<>();
        for (Object fork : (List<?>) metric.get("rawData")) {
            for (Object value : (List<?>) fork) {
                values.add(number(value));
            }
        }
        values.sort(null);
        return new double[] {quantile(values, 0.25), quantile(values, 0.5), quantile(values, 0.75)};
    }

    private static double quantile(List<Double> sorted, double q) {
        double at = q * (sorted.size() - 1);
        int below = (int) Math.floor(at);
        int above = Math.min(below + 1, sorted.size() - 1);
        return sorted.get(below) + (at - below) * (sorted.get(above) - sorted.get(below));
    }

    private static String score(double value, double error) {
        return String.format(Locale.ROOT, "%,.0f ± %,.0f", value, Double.isNaN(error) ? 0 : error);
    }

    private static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        return Double.NaN;  // JMH writes "NaN" as a string when it has no error estimate
    }

    private static double square(double x) {
        return Double.isNaN(x) ? 0 : x * x;
    }
}
