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

/** The scenarios of clients that stall or churn: clients that leave mid-body, never read an answer, or whose handlers hang. */
final class SoakStalls {
    private SoakStalls() {}

    static void nonread(int port, long pid, int connections, int seconds, int rate) throws Exception {
        List<Socket> stalled = new ArrayList<>();
        long open = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096); // before connecting, so that the window stays small
            socket.connect(new InetSocketAddress(Soak.HOST, port), 5000);
            socket.getOutputStream().write(("GET /api/soak/large?as=" + (i % 2 == 0 ? "bytes" : "json") + " HTTP/1.1\r\nHost: "
                    + Soak.HOST + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
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
                results.add(pool.submit(() -> Soak.timedRequest(port)));
                i++;
            } else {
                TimeUnit.NANOSECONDS.sleep(Math.min(due - now, Math.max(0, nextLook - now)) + 1000);
            }
        }
        lookForCuts(port, stalled, cutAt, open);
        int[] failed = new int[1];
        long[] sorted = Soak.latencies(results, failed);
        pool.shutdown();
        for (Socket socket : stalled) {
            socket.close();
        }
        long[] cuts = cutAt.values().stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "connections=%d cut=%d cut_s_min=%s cut_s_max=%s still_open=%d requests=%d ok=%d "
                        + "failed=%d p50_ms=%d p99_ms=%d max_ms=%d after_status=%d alive=%b%n", connections, cuts.length,
                seconds(cuts, 0), seconds(cuts, 100), connections - cuts.length, results.size(),
                sorted.length, failed[0], Soak.percentile(sorted, 50), Soak.percentile(sorted, 99), Soak.percentile(sorted, 100),
                SoakClient.request(port, "/api/hello").status(), SoakClient.alive(pid));
    }

    /** A percentile of times in ms, in seconds with one decimal; "-" when there are none. */
    static String seconds(long[] sortedMillis, int p) {
        return sortedMillis.length == 0 ? "-" : String.format(Locale.ROOT, "%.1f", Soak.percentile(sortedMillis, p) / 1000.0);
    }

    /** Notes the stalled connections whose server end is no longer established: the server cut them off. */
    static void lookForCuts(int port, List<Socket> stalled, Map<Integer, Long> cutAt, long since) {
        Map<Integer, Integer> ends = serverEnds(port);
        for (Socket socket : stalled) {
            Integer state = ends.get(socket.getLocalPort());
            if ((state == null || state != 1) && !cutAt.containsKey(socket.getLocalPort())) {
                cutAt.put(socket.getLocalPort(), SoakClient.millisSince(since));
            }
        }
    }

    /**
     * The TCP state of the server's end of each connection to {@code port}, by the client's port, from
     * /proc/net/tcp and tcp6 (1 is established). The server's end is the one to look at: a client that
     * does not read cannot see the server's close, which waits behind the unsent answer.
     */
    static Map<Integer, Integer> serverEnds(int port) {
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

    static int portOf(String hexAddress) {
        return Integer.parseInt(hexAddress.substring(hexAddress.indexOf(':') + 1), 16);
    }

    static final String TIMED_OUT = "{\"error\":\"Handler timed out after 2 s\"}";

    static void hung(int port, long pid, int count, int settleSeconds) throws Exception {
        int threadsBefore = SoakClient.threads(pid);
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
            peakThreads = Math.max(peakThreads, SoakClient.threads(pid));
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
        int afterStatus = SoakClient.request(port, "/api/hello").status();
        String stats = new String(SoakClient.request(port, "/api/soak/hang?stats").body(), StandardCharsets.UTF_8);
        Thread.sleep(1000);
        int threadsAfter1s = SoakClient.threads(pid);
        long settleStart = System.nanoTime();
        int threadsSettled = settle(pid, threadsBefore + 2, settleSeconds);
        System.out.printf(Locale.ROOT, "requests=%d exact_503=%d other=%d min_ms=%d p50_ms=%d p99_ms=%d max_ms=%d "
                        + "after_status=%d interrupted=%s overslept=%s threads_before=%d threads_peak=%d threads_after_1s=%d "
                        + "threads_settled=%d settled_s=%.1f alive=%b%n", count, exact, other, Soak.percentile(sorted, 0),
                Soak.percentile(sorted, 50), Soak.percentile(sorted, 99), Soak.percentile(sorted, 100), afterStatus,
                number(stats, "interrupted"), number(stats, "overslept"), threadsBefore, peakThreads, threadsAfter1s, threadsSettled,
                1 + SoakClient.millisSince(settleStart) / 1000.0, SoakClient.alive(pid));
    }

    /** Waits up to {@code seconds} for the server's thread count to come down to {@code target}; returns the last count. */
    static int settle(long pid, int target, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int threads = SoakClient.threads(pid);
        while (threads > target && System.nanoTime() < deadline) {
            Thread.sleep(500);
            threads = SoakClient.threads(pid);
        }
        return threads;
    }

    /** The number after {@code "name":} in a small JSON object, or "?". */
    static String number(String json, String name) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        return matcher.find() ? matcher.group(1) : "?";
    }

    /** One request to the hanging route, sent when {@code go} opens: {ms to the answer, 1 when it is the exact 503}. */
    static long[] hangOnce(int port, CountDownLatch ready, CountDownLatch go) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Soak.HOST, port), 10_000);
            socket.setSoTimeout(30_000);
            ready.countDown();
            go.await(60, TimeUnit.SECONDS);
            long start = System.nanoTime();
            socket.getOutputStream().write(("GET /api/soak/hang HTTP/1.1\r\nHost: " + Soak.HOST + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            SoakClient.Answer answer = SoakClient.readAnswer(socket.getInputStream());
            boolean exact = answer.status() == 503 && new String(answer.body(), StandardCharsets.UTF_8).equals(TIMED_OUT)
                    && answer.head().toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
            return new long[] {SoakClient.millisSince(start), exact ? 1 : 0};
        } catch (IOException | RuntimeException e) {
            ready.countDown();
            return new long[] {-1, 0};
        }
    }

    // ---- connection churn ----------------------------------------------------------------------------

    static void churn(int port, int loops, int threads, int followups) throws Exception {
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
        long churnMillis = SoakClient.millisSince(start);

        List<Long> latencies = new ArrayList<>();
        int refused = 0;
        int other = 0;
        long followStart = System.nanoTime();
        for (int i = 0; i < followups; i++) {
            long begin = System.nanoTime();
            SoakClient.Answer answer = SoakClient.request(port, "/api/hello");
            if (answer.status() == 200) {
                latencies.add(SoakClient.micros(begin));
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
                writeFailed.get(), followups, sorted.length, refused, other, SoakClient.millisSince(followStart),
                Soak.percentile(sorted, 50) / 1000.0, Soak.percentile(sorted, 99) / 1000.0, Soak.percentile(sorted, 100) / 1000.0);
    }

    /** Connects, sends the head and 2 of the 10 body bytes it declares, and closes, or resets when {@code reset}. */
    static void leaveMidBody(int port, byte[] partial, boolean reset, AtomicInteger notConnected,
            AtomicInteger writeFailed) {
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(Soak.HOST, port), 5000);
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
}
