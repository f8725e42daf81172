import io.apiroutes.ApiRoutes;
import io.apiroutes.testing.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How long a test's {@code ApiTest.start()} takes to its first answer, the first time in a JVM and
 * the times after: N starts, each serving one {@code GET}, then closed. For {@code bench/http/startup.sh}.
 *
 * <pre>java -cp build/apiroutes.jar:build/bench-http/startup/classes ApiTestStarts 21   prints "first_ms median_of_later_ms"</pre>
 */
public final class ApiTestStarts {
    private ApiTestStarts() {}

    public static void main(String[] args) {
        int starts = Integer.parseInt(args[0]);
        ApiRoutes routes = ApiRoutes.builder().route("/api/hello", (req, res) -> res.json(Map.of("message", "hi"))).build();
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            long start = System.nanoTime();
            try (ApiTest api = ApiTest.start(routes)) {
                if (api.get("/api/hello").status() != 200) {
                    throw new IllegalStateException("no 200");
                }
            }
            millis.add((System.nanoTime() - start) / 1e6);
        }
        List<Double> later = new ArrayList<>(millis.subList(1, millis.size()));
        later.sort(null);
        System.out.printf("%.0f %.1f%n", millis.get(0), later.get(later.size() / 2));
    }
}
