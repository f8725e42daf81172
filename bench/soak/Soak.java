import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The soak clients of bench/soak/run.sh, against 127.0.0.1 only. Each mode prints lines of
 * {@code key=value} pairs for the script. Every loop is bounded in count and time, every wait
 * has a time limit. PID is the server's process: its liveness and thread count are read from
 * /proc (Linux), as are the TCP states of its connections.
 *
 * <pre>
 * java Soak slow PORT STALLED REQUESTS RATE       STALLED connections send half a request line or half
 *                                                  the headers and stall; meanwhile REQUESTS normal
 *                                                  requests, RATE a second, each on a new connection
 * java Soak shutdown PORT PID CONNECTIONS SECS     CONNECTIONS keep-alive clients call /api/soak/slow;
 *                                                  after SECS the server PID gets SIGTERM
 * java Soak amplify PORT PID ROUNDS CONCURRENT BYTES
 *                                                  per JSON shape, ROUNDS bursts of CONCURRENT bodies of
 *                                                  about BYTES bytes at once to /api/soak/echo
 * java Soak churn PORT LOOPS THREADS FOLLOWUPS     LOOPS connections that send half a body and close or
 *                                                  reset, on THREADS threads; then FOLLOWUPS requests
 * java Soak nonread PORT PID CONNECTIONS SECS RATE CONNECTIONS clients ask for /api/soak/large and never
 *                                                  read, for SECS; meanwhile GET /api/hello, RATE a second
 * java Soak hung PORT PID REQUESTS SETTLE_SECS     REQUESTS at once to /api/soak/hang (2 s time limit);
 *                                                  then up to SETTLE_SECS for the threads to return
 * </pre>
 */
public final class Soak {
    static final String HOST = "127.0.0.1";
    /** How many failed requests were told on stderr: the first few are enough to see why. */
    static final AtomicInteger FAILURES_TOLD = new AtomicInteger();

    private Soak() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0); // no client thread left waiting keeps the JVM
    }

    private static void run(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "slow" -> slow(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            case "shutdown" -> shutdown(Integer.parseInt(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            case "amplify" -> amplify(Integer.parseInt(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "churn" -> SoakStalls.churn(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            case "nonread" -> SoakStalls.nonread(Integer.parseInt(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "hung" -> SoakStalls.hung(Integer.parseInt(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            default -> {
                System.err.println("usage: java Soak slow PORT STALLED REQUESTS RATE | shutdown PORT PID CONNECTIONS SECS"
                        + " | amplify PORT PID ROUNDS CONCURRENT BYTES | churn PORT LOOPS THREADS FOLLOWUPS"
                        + " | nonread PORT PID CONNECTIONS SECS RATE | hung PORT PID REQUESTS SETTLE_SECS");
                System.exit(2);
            }
        }
    }

    // ---- slow clients ---------------------------------------------------------------------------

    private static void slow(int port, int stalledCount, int requests, int rate) throws Exception {
        List<Socket> stalled = new ArrayList<>();
        long openStart = System.nanoTime();
        int refused = 0;
        for (int i = 0; i < stalledCount; i++) {
            String start = i % 2 == 0 ? "GET /api/hel" : "GET /api/hello HTTP/1.1\r\nHost: " + HOST + "\r\nX-Slow: a";
            try {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(HOST, port), 5000);
                socket.getOutputStream().write(start.getBytes(StandardCharsets.ISO_8859_1));
                stalled.add(socket);
            } catch (IOException e) {
                refused++;
            }
        }
        long openMillis = SoakClient.millisSince(openStart);
        Thread.sleep(500);

        ExecutorService pool = Executors.newFixedThreadPool(Math.min(requests, 256));
        List<Future<Long>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            long due = start + TimeUnit.MILLISECONDS.toNanos(i * 1000L / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            results.add(pool.submit(() -> timedRequest(port)));
        }
        int[] failed = new int[1];
        long[] sorted = latencies(results, failed);
        long total = SoakClient.millisSince(start);
        pool.shutdown();
        int stillOpen = 0;
        for (Socket socket : stalled) {
            if (stillOpen(socket)) {
                stillOpen++;
            }
            socket.close();
        }
        System.out.printf(Locale.ROOT, "stalled=%d refused=%d open_ms=%d requests=%d ok=%d failed=%d p50_ms=%d p99_ms=%d "
                        + "max_ms=%d total_ms=%d stalled_still_open=%d%n", stalled.size(), refused, openMillis, requests,
                sorted.length, failed[0], percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 100), total,
                stillOpen);
    }

    /** The latencies (ms) of the requests that succeeded, sorted; the count of those that failed goes to {@code failed[0]}. */
    static long[] latencies(List<Future<Long>> results, int[] failed) throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (Future<Long> result : results) {
            long millis = result.get(120, TimeUnit.SECONDS);
            if (millis < 0) {
                failed[0]++;
            } else {
                latencies.add(millis);
            }
        }
        return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** A GET on a new connection; its latency in ms, or -1 when it failed (the first few failures are told on stderr). */
    static long timedRequest(int port) {
        long start = System.nanoTime();
        String failure;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 60_000);
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("GET /api/hello HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            if (answer.startsWith("HTTP/1.1 200 ")) {
                return SoakClient.millisSince(start);
            }
            failure = answer.isEmpty() ? "closed without an answer" : answer.lines().findFirst().orElse("");
        } catch (IOException e) {
            failure = e.toString();
        }
        if (FAILURES_TOLD.incrementAndGet() <= 5) {
            System.err.println("soak: GET /api/hello failed after " + SoakClient.millisSince(start) + " ms: " + failure);
        }
        return -1;
    }

    /** Whether the server still holds a stalled connection open. */
    private static boolean stillOpen(Socket socket) {
        try {
            socket.setSoTimeout(1);
            return socket.getInputStream().read() >= 0;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    // ---- shutdown under load ----------------------------------------------------------------------

    /** One request as a client saw it; times in nanos, status -1 when no response came. */
    private record Call(long sent, long done, int status) {}

    private static void shutdown(int port, long pid, int connections, int seconds) throws Exception {
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 15L);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread client = new Thread(() -> keepCalling(port, calls, stopAt), "soak-client-" + i);
            client.setDaemon(true);
            client.start();
            clients.add(client);
        }
        Thread.sleep(seconds * 1000L);
        long term = System.nanoTime();
        server.destroy(); // SIGTERM
        boolean exited = server.onExit().thenApply(p -> true).completeOnTimeout(false, 30, TimeUnit.SECONDS).get();
        long exitMillis = SoakClient.millisSince(term);
        for (Thread client : clients) {
            client.join(20_000);
        }
        int inFlight = 0;
        int completed = 0;
        int turnedAway = 0;
        int lost = 0;
        int before = 0;
        for (Call call : calls) {
            if (call.sent() < term && (call.done() > term || call.status() < 0)) {
                inFlight++;
                if (call.status() == 200) {
                    completed++;
                } else if (call.status() == 503) {
                    turnedAway++;
                } else {
                    lost++;
                }
            } else if (call.done() <= term && call.status() == 200) {
                before++;
            }
        }
        System.out.printf(Locale.ROOT, "ok_before=%d in_flight=%d completed=%d turned_away_503=%d lost=%d "
                        + "completed_pct=%.1f answered_pct=%.1f exited=%b exit_ms=%d%n", before, inFlight, completed, turnedAway,
                lost, inFlight == 0 ? 100.0 : 100.0 * completed / inFlight,
                inFlight == 0 ? 100.0 : 100.0 * (completed + turnedAway) / inFlight, exited, exitMillis);
    }

    /** Calls /api/soak/slow in a loop on a keep-alive connection, reconnecting when the server closes. */
    private static void keepCalling(int port, ConcurrentLinkedQueue<Call> calls, long stopAt) {
        byte[] request = ("GET /api/soak/slow HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        Socket socket = null;
        while (System.nanoTime() < stopAt) {
            long sent = 0;
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.connect(new InetSocketAddress(HOST, port), 2000);
                    socket.setSoTimeout(20_000);
                }
                sent = System.nanoTime();
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
                SoakClient.Answer answer = SoakClient.readAnswer(socket.getInputStream());
                String head = answer.head();
                int status = answer.status();
                calls.add(new Call(sent, System.nanoTime(), status));
                if (head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close")) {
                    socket.close();
                    socket = null;
                }
            } catch (IOException | RuntimeException e) {
                if (sent != 0) {
                    calls.add(new Call(sent, System.nanoTime(), -1));
                }
                SoakClient.closeQuietly(socket);
                socket = null;
                if (sent == 0) {
                    return; // cannot connect: the server is gone
                }
            }
        }
        SoakClient.closeQuietly(socket);
    }

    // ---- concurrent amplifying JSON bodies -------------------------------------------------------------

    /** The JSON shapes whose parsed trees take the most memory per byte (docs/security.md, "JSON bodies and memory"). */
    private static final String[] SHAPES = {"{}", "{\"a\":0}", "[[]]"};

    private static void amplify(int port, long pid, int rounds, int concurrent, int bytes) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        for (String shape : SHAPES) {
            String body = worstCase(shape, bytes);
            int[] counts = new int[6]; // 200, 413, 503, another status, no answer, a 200 whose body differs
            long fastest = Long.MAX_VALUE;
            long slowest = 0;
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                int[] before = counts.clone();
                burst(client, port, body, concurrent, counts);
                long millis = SoakClient.millisSince(start);
                System.err.printf(Locale.ROOT, "soak: amplify [%s,...] burst %d: %d x 200, %d x 503, %d other, in %d ms%n", shape,
                        round + 1, counts[0] - before[0], counts[2] - before[2], concurrent - (counts[0] - before[0])
                                - (counts[2] - before[2]), millis);
                fastest = Math.min(fastest, millis);
                slowest = Math.max(slowest, millis);
            }
            System.out.printf(Locale.ROOT, "shape=[%s,...] bytes=%d bursts=%d requests=%d s200=%d s413=%d s503=%d other=%d "
                            + "failed=%d wrong_body=%d burst_ms_min=%d burst_ms_max=%d%n", shape, body.length(), rounds,
                    rounds * concurrent, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], fastest, slowest);
        }
        System.out.printf(Locale.ROOT, "after_status=%d alive=%b%n", SoakClient.request(port, "/api/hello").status(), SoakClient.alive(pid));
    }

    /** Sends {@code concurrent} copies of {@code body} at once and counts the answers. */
    private static void burst(HttpClient client, int port, String body, int concurrent, int[] counts)
            throws InterruptedException {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < concurrent; i++) {
            answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + "/api/soak/echo"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            try {
                HttpResponse<String> response = answer.get(90, TimeUnit.SECONDS);
                int status = response.statusCode();
                counts[status == 200 ? 0 : status == 413 ? 1 : status == 503 ? 2 : 3]++;
                if (status == 200 && !response.body().equals(body)) {
                    counts[5]++;
                }
            } catch (Exception e) {
                answer.cancel(true);
                counts[4]++;
            }
        }
    }

    /** A JSON array of copies of {@code element}, at most {@code size} bytes. */
    private static String worstCase(String element, int size) {
        StringBuilder json = new StringBuilder(size).append('[').append(element);
        while (json.length() + element.length() + 2 <= size) {
            json.append(',').append(element);
        }
        return json.append(']').toString();
    }

    // ---- clients that never read a large answer ----------------------------------------------------------

    // ---- hung handlers ---------------------------------------------------------------------------------

}
