import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Dev mode: the time from a file's save to the first request served by the new code, for projects
 * of N handlers (in folders of 20, each using one shared helper). Starts
 * {@code java <opts> -cp <server classes> io.apiroutes.cli.Main dev --dir <temp>/api --port 0},
 * rewrites one handler's source again and again, and polls its route every 5 ms (127.0.0.1) until
 * the new answer comes. Prints one Markdown table row per size.
 *
 * <pre>java DevBench --java /usr/bin/java --classes build/classes --opts "-XX:+UseSerialGC" --edits 10 1 20 200</pre>
 */
public final class DevBench {
    private static final Pattern READY = Pattern.compile("ready on http://127\\.0\\.0\\.1:(\\d+) in (-?\\d+) ms");
    private static final Pattern COMPILED = Pattern.compile("apiroutes: compiled \\d+ files in (\\d+) ms");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        String java = "java";
        String classes = "build/classes";
        String opts = "";
        int edits = 10;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--java" -> java = args[++i];
                case "--classes" -> classes = args[++i];
                case "--opts" -> opts = args[++i];
                case "--edits" -> edits = Integer.parseInt(args[++i]);
                default -> sizes.add(Integer.parseInt(args[i]));
            }
        }
        System.out.println("| handlers | ready in | 1st save → new answer | saves 2–" + edits + ": median (min–max) | compile alone, median |");
        System.out.println("|---:|---:|---:|---:|---:|");
        for (int size : sizes.isEmpty() ? List.of(1, 20, 200) : sizes) {
            System.out.println(run(java, classes, opts, edits, size));
        }
    }

    private static String run(String java, String classes, String opts, int edits, int size) throws Exception {
        Path root = Files.createTempDirectory("apiroutes-devbench");
        Path api = root.resolve("api");
        Files.createDirectories(api);
        Files.writeString(api.resolve("Shared.java"),
                "package api;\n\npublic final class Shared {\n    public static String name() {\n        return \"shared\";\n    }\n}\n");
        for (int i = 0; i < size; i++) {
            write(api, i, 0);
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        for (String opt : opts.trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                command.add(opt);
            }
        }
        command.addAll(List.of("-cp", classes, "io.apiroutes.cli.Main", "dev", "--dir", api.toString(), "--port", "0"));
        Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<int[]> ready = new CompletableFuture<>();
        List<Long> compiles = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> read(server, ready, compiles), "server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            int[] started = ready.get(180, TimeUnit.SECONDS);
            String path = "/api/g0/h0";
            await(started[0], path, "v0");
            List<Long> millis = new ArrayList<>();
            for (int edit = 1; edit <= edits; edit++) {
                write(api, 0, edit);
                long saved = System.nanoTime();
                await(started[0], path, "v" + edit);
                millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - saved));
            }
            List<Long> later = new ArrayList<>(millis.subList(1, millis.size()));
            later.sort(Comparator.naturalOrder());
            List<Long> compiled = new ArrayList<>(compiles);
            compiled.sort(Comparator.naturalOrder());
            return "| " + size + " | " + started[1] + " ms | " + millis.get(0) + " ms | " + median(later) + " ms ("
                    + later.get(0) + "–" + later.get(later.size() - 1) + ") | " + median(compiled) + " ms |";
        } finally {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static long median(List<Long> sorted) {
        return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
    }

    /** Handler i, in folder g(i / 20), answering {"version":"v<version>",...}. */
    private static void write(Path api, int i, int version) throws IOException {
        Path folder = api.resolve("g" + i / 20);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("H" + i + ".java"), "package api.g" + i / 20 + ";\n\n"
                + "import io.apiroutes.ApiHandler;\nimport io.apiroutes.ApiRequest;\nimport io.apiroutes.ApiResponse;\n\n"
                + "public final class H" + i + " implements ApiHandler {\n"
                + "    record Answer(String version, int id, String shared, String query) {}\n\n"
                + "    @Override\n"
                + "    public void handle(ApiRequest req, ApiResponse res) {\n"
                + "        res.status(200).json(new Answer(\"v" + version + "\", " + i + ", api.Shared.name(), req.query(\"q\")));\n"
                + "    }\n}\n");
    }

    /** Polls every 5 ms until the body holds the version (60 s at most). */
    private static void await(int port, String path, String version) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() - deadline < 0) {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains("\"" + version + "\"")) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no answer with " + version + " from " + path + " within 60 s");
    }

    private static void read(Process server, CompletableFuture<int[]> ready, List<Long> compiles) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Matcher started = READY.matcher(line);
                if (started.find()) {
                    ready.complete(new int[] {Integer.parseInt(started.group(1)), Integer.parseInt(started.group(2))});
                }
                Matcher compiled = COMPILED.matcher(line);
                if (compiled.find()) {
                    compiles.add(Long.parseLong(compiled.group(1)));
                }
                if (line.contains("compilation failed") || line.contains("cannot")) {
                    System.err.println("server: " + line);
                }
            }
        } catch (IOException e) {
            // the server ended
        }
        ready.completeExceptionally(new IllegalStateException("the server ended before it was ready"));
    }
}
