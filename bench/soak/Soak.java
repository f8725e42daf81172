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
    private static final String HOST = "127.0.0.1";
    /** How many failed requests were told on stderr: the first few are enough to see why. */
    private static final AtomicInteger FAILURES_TOLD = new AtomicInteger();

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
            case "churn" -> churn(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            case "nonread" -> nonread(Integer.parseInt(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "hung" -> hung(Integer.parseInt(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]),
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
        long openMillis = millisSince(openStart);
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
        long total = millisSince(start);
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
    private static long[] latencies(List<Future<Long>> results, int[] failed) throws Exception {
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
    private static long timedRequest(int port) {
        long start = System.nanoTime();
        String failure;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 60_000);
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("GET /api/hello HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            if (answer.startsWith("HTTP/1.1 200 ")) {
                return millisSince(start);
            }
            failure = answer.isEmpty() ? "closed without an answer" : answer.lines().findFirst().orElse("");
        } catch (IOException e) {
            failure = e.toString();
        }
        if (FAILURES_TOLD.incrementAndGet() <= 5) {
            System.err.println("soak: GET /api/hello failed after " + millisSince(start) + " ms: " + failure);
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
        long exitMillis = millisSince(term);
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
                Answer answer = readAnswer(socket.getInputStream());
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
                closeQuietly(socket);
                socket = null;
                if (sent == 0) {
                    return; // cannot connect: the server is gone
                }
            }
        }
        closeQuietly(socket);
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
                long millis = millisSince(start);
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
        System.out.printf(Locale.ROOT, "after_status=%d alive=%b%n", request(port, "/api/hello").status(), alive(pid));
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

    // ---- connection churn ----------------------------------------------------------------------------

    private static void churn(int port, int loops, int threads, int followups) throws Exception {
        byte[] partial = ("POST /api/soak/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 10\r\n\r\nab").getBytes(StandardCharsets.ISO_8859_1);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger notConnected = new AtomicInteger();
        AtomicInteger writeFailed = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                for (int i; (i = next.getAndIncrement()) < loops && System.nanoTime() < deadline; done.incrementAndGet()) {
                    leaveMidBody(port, partial, i % 2 == 0, notConnected, writeFailed);
                }
            });
        }
        pool.shutdown();
        boolean finished = pool.awaitTermination(150, TimeUnit.SECONDS);
        long churnMillis = millisSince(start);

        List<Long> latencies = new ArrayList<>();
        int refused = 0;
        int other = 0;
        long followStart = System.nanoTime();
        for (int i = 0; i < followups; i++) {
            long begin = System.nanoTime();
            Answer answer = request(port, "/api/hello");
            if (answer.status() == 200) {
                latencies.add(micros(begin));
            } else if (answer.status() < 0) {
                refused++;
            } else {
                other++;
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "loops=%d finished=%b churn_ms=%d churn_per_s=%.0f not_connected=%d write_failed=%d "
                        + "followups=%d ok=%d refused=%d other=%d follow_ms=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%n",
                done.get(), finished, churnMillis, done.get() * 1000.0 / Math.max(1, churnMillis), notConnected.get(),
                writeFailed.get(), followups, sorted.length, refused, other, millisSince(followStart),
                percentile(sorted, 50) / 1000.0, percentile(sorted, 99) / 1000.0, percentile(sorted, 100) / 1000.0);
    }

    /** Connects, sends the head and 2 of the 10 body bytes it declares, and closes, or resets when {@code reset}. */
    private static void leaveMidBody(int port, byte[] partial, boolean reset, AtomicInteger notConnected,
            AtomicInteger writeFailed) {
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(HOST, port), 5000);
            } catch (IOException e) {
                notConnected.incrementAndGet();
                return;
            }
            if (reset) {
                socket.setSoLinger(true, 0); // a reset instead of a close
            }
            socket.getOutputStream().write(partial);
        } catch (IOException e) {
            writeFailed.incrementAndGet();
        }
    }

    // ---- clients that never read a large answer ----------------------------------------------------------

    private static void nonread(int port, long pid, int connections, int seconds, int rate) throws Exception {
        List<Socket> stalled = new ArrayList<>();
        long open = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096); // before connecting, so that the window stays small
            socket.connect(new InetSocketAddress(HOST, port), 5000);
            socket.getOutputStream().write(("GET /api/soak/large?as=" + (i % 2 == 0 ? "bytes" : "json") + " HTTP/1.1\r\nHost: "
                    + HOST + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            stalled.add(socket); // and never read
        }
        Map<Integer, Long> cutAt = new HashMap<>(); // the client's port -> ms after the request when the server closed its end
        ExecutorService pool = Executors.newFixedThreadPool(64);
        List<Future<Long>> results = new ArrayList<>();
        long end = open + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        long nextLook = 0;
        for (int i = 0; System.nanoTime() < end; ) {
            long now = System.nanoTime();
            if (now >= nextLook) {
                lookForCuts(port, stalled, cutAt, open);
                nextLook = now + TimeUnit.MILLISECONDS.toNanos(500);
            }
            long due = start + TimeUnit.MILLISECONDS.toNanos(i * 1000L / rate);
            if (now >= due) {
                results.add(pool.submit(() -> timedRequest(port)));
                i++;
            } else {
                TimeUnit.NANOSECONDS.sleep(Math.min(due - now, Math.max(0, nextLook - now)) + 1000);
            }
        }
        lookForCuts(port, stalled, cutAt, open);
        int[] failed = new int[1];
        long[] sorted = latencies(results, failed);
        pool.shutdown();
        for (Socket socket : stalled) {
            socket.close();
        }
        long[] cuts = cutAt.values().stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "connections=%d cut=%d cut_s_min=%s cut_s_max=%s still_open=%d requests=%d ok=%d "
                        + "failed=%d p50_ms=%d p99_ms=%d max_ms=%d after_status=%d alive=%b%n", connections, cuts.length,
                seconds(cuts, 0), seconds(cuts, 100), connections - cuts.length, results.size(),
                sorted.length, failed[0], percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 100),
                request(port, "/api/hello").status(), alive(pid));
    }

    /** A percentile of times in ms, in seconds with one decimal; "-" when there are none. */
    private static String seconds(long[] sortedMillis, int p) {
        return sortedMillis.length == 0 ? "-" : String.format(Locale.ROOT, "%.1f", percentile(sortedMillis, p) / 1000.0);
    }

    /** Notes the stalled connections whose server end is no longer established: the server cut them off. */
    private static void lookForCuts(int port, List<Socket> stalled, Map<Integer, Long> cutAt, long since) {
        Map<Integer, Integer> ends = serverEnds(port);
        for (Socket socket : stalled) {
            Integer state = ends.get(socket.getLocalPort());
            if ((state == null || state != 1) && !cutAt.containsKey(socket.getLocalPort())) {
                cutAt.put(socket.getLocalPort(), millisSince(since));
            }
        }
    }

    /**
     * The TCP state of the server's end of each connection to {@code port}, by the client's port, from
     * /proc/net/tcp and tcp6 (1 is established). The server's end is the one to look at: a client that
     * does not read cannot see the server's close, which waits behind the unsent answer.
     */
    private static Map<Integer, Integer> serverEnds(int port) {
        Map<Integer, Integer> states = new HashMap<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try (BufferedReader lines = Files.newBufferedReader(Path.of(table), StandardCharsets.ISO_8859_1)) {
                lines.readLine(); // the column names
                for (String line; (line = lines.readLine()) != null; ) {
                    String[] fields = line.trim().split("\\s+");
                    if (portOf(fields[1]) == port) {
                        states.merge(portOf(fields[2]), Integer.parseInt(fields[3], 16), (a, b) -> a == 1 ? a : b);
                    }
                }
            } catch (IOException e) {
                // no such table (no IPv6): nothing in it
            }
        }
        return states;
    }

    private static int portOf(String hexAddress) {
        return Integer.parseInt(hexAddress.substring(hexAddress.indexOf(':') + 1), 16);
    }

    // ---- hung handlers ---------------------------------------------------------------------------------

    private static final String TIMED_OUT = "{\"error\":\"Handler timed out after 2 s\"}";

    private static void hung(int port, long pid, int count, int settleSeconds) throws Exception {
        int threadsBefore = threads(pid);
        CountDownLatch ready = new CountDownLatch(count);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(count);
        List<Future<long[]>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(clients.submit(() -> hangOnce(port, ready, go)));
        }
        ready.await(30, TimeUnit.SECONDS);
        go.countDown();
        long sent = System.nanoTime();
        int peakThreads = threadsBefore;
        while (!results.stream().allMatch(Future::isDone) && System.nanoTime() - sent < TimeUnit.SECONDS.toNanos(60)) {
            peakThreads = Math.max(peakThreads, threads(pid));
            Thread.sleep(100);
        }
        List<Long> times = new ArrayList<>();
        int exact = 0;
        int other = 0;
        for (Future<long[]> result : results) {
            long[] outcome = result.get(30, TimeUnit.SECONDS); // {ms, 1 when the exact 503 with Connection: close}
            if (outcome[1] == 1) {
                exact++;
                times.add(outcome[0]);
            } else {
                other++;
            }
        }
        clients.shutdown();
        long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
        int afterStatus = request(port, "/api/hello").status();
        String stats = new String(request(port, "/api/soak/hang?stats").body(), StandardCharsets.UTF_8);
        Thread.sleep(1000);
        int threadsAfter1s = threads(pid);
        long settleStart = System.nanoTime();
        int threadsSettled = settle(pid, threadsBefore + 2, settleSeconds);
        System.out.printf(Locale.ROOT, "requests=%d exact_503=%d other=%d min_ms=%d p50_ms=%d p99_ms=%d max_ms=%d "
                        + "after_status=%d interrupted=%s overslept=%s threads_before=%d threads_peak=%d threads_after_1s=%d "
                        + "threads_settled=%d settled_s=%.1f alive=%b%n", count, exact, other, percentile(sorted, 0),
                percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 100), afterStatus,
                number(stats, "interrupted"), number(stats, "overslept"), threadsBefore, peakThreads, threadsAfter1s, threadsSettled,
                1 + millisSince(settleStart) / 1000.0, alive(pid));
    }

    /** Waits up to {@code seconds} for the server's thread count to come down to {@code target}; returns the last count. */
    private static int settle(long pid, int target, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int threads = threads(pid);
        while (threads > target && System.nanoTime() < deadline) {
            Thread.sleep(500);
            threads = threads(pid);
        }
        return threads;
    }

    /** The number after {@code "name":} in a small JSON object, or "?". */
    private static String number(String json, String name) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        return matcher.find() ? matcher.group(1) : "?";
    }

    /** One request to the hanging route, sent when {@code go} opens: {ms to the answer, 1 when it is the exact 503}. */
    private static long[] hangOnce(int port, CountDownLatch ready, CountDownLatch go) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 10_000);
            socket.setSoTimeout(30_000);
            ready.countDown();
            go.await(60, TimeUnit.SECONDS);
            long start = System.nanoTime();
            socket.getOutputStream().write(("GET /api/soak/hang HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            Answer answer = readAnswer(socket.getInputStream());
            boolean exact = answer.status() == 503 && new String(answer.body(), StandardCharsets.UTF_8).equals(TIMED_OUT)
                    && answer.head().toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
            return new long[] {millisSince(start), exact ? 1 : 0};
        } catch (IOException | RuntimeException e) {
            ready.countDown();
            return new long[] {-1, 0};
        }
    }

    // ---- shared -------------------------------------------------------------------------------------

    /** One answer as the client read it: status -1 when the connection failed or closed before one came. */
    record Answer(int status, String head, byte[] body) {}

    /** GET {@code path} on a new connection, with {@code Connection: close}. */
    static Answer request(int port, String path) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 10_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return readAnswer(socket.getInputStream());
        } catch (IOException | RuntimeException e) {
            return new Answer(-1, "", new byte[0]);
        }
    }

    /** Reads one answer, framed by Content-Length, chunked, or by the end of the connection. */
    private static Answer readAnswer(InputStream in) throws IOException {
        String head = readLine(in, "\r\n\r\n");
        int status = Integer.parseInt(head.substring(9, 12));
        String lower = head.toLowerCase(Locale.ROOT) + "\r\n";
        byte[] body;
        if (lower.contains("\r\ntransfer-encoding: chunked")) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int size; (size = Integer.parseInt(readLine(in, "\r\n").trim(), 16)) > 0; ) {
                chunks.write(readFully(in, size));
                readLine(in, "\r\n");
            }
            readLine(in, "\r\n");
            body = chunks.toByteArray();
        } else {
            int at = lower.indexOf("\r\ncontent-length:");
            body = at < 0 ? (status == 204 || status == 304 ? new byte[0] : in.readAllBytes())
                    : readFully(in, Integer.parseInt(lower.substring(at + 17, lower.indexOf('\r', at + 2)).trim()));
        }
        return new Answer(status, head, body);
    }

    /** Reads up to and including {@code end}, and returns what came before it. */
    private static String readLine(InputStream in, String end) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] tail = end.getBytes(StandardCharsets.ISO_8859_1);
        while (line.size() < 65536) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed mid-response");
            }
            line.write(c);
            byte[] bytes = line.toByteArray();
            int from = bytes.length - tail.length;
            if (from >= 0 && Arrays.equals(bytes, from, bytes.length, tail, 0, tail.length)) {
                return new String(bytes, 0, from, StandardCharsets.ISO_8859_1);
            }
        }
        throw new IOException("no end of line");
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new IOException("closed mid-body");
        }
        return bytes;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The server's thread count, from /proc/PID/status; -1 when it cannot be read. */
    private static int threads(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring(8).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone
        }
        return -1;
    }

    private static long micros(long startNanos) {
        return TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos);
    }


    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
