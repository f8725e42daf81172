import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The soak clients of bench/soak/run.sh, against 127.0.0.1 only. Each mode prints one line of
 * {@code key=value} pairs for the script.
 *
 * <pre>
 * java Soak slow PORT STALLED REQUESTS RATE     STALLED connections send half a request line or half
 *                                                the headers and stall; meanwhile REQUESTS normal
 *                                                requests, RATE a second, each on a new connection
 * java Soak shutdown PORT PID CONNECTIONS SECS   CONNECTIONS keep-alive clients call /api/soak/slow;
 *                                                after SECS the server PID gets SIGTERM
 * </pre>
 */
public final class Soak {
    private static final String HOST = "127.0.0.1";

    private Soak() {}

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "slow" -> slow(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            case "shutdown" -> shutdown(Integer.parseInt(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            default -> {
                System.err.println("usage: java Soak slow PORT STALLED REQUESTS RATE | shutdown PORT PID CONNECTIONS SECS");
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
        List<Long> latencies = new ArrayList<>();
        int failed = 0;
        for (Future<Long> result : results) {
            long millis = result.get();
            if (millis < 0) {
                failed++;
            } else {
                latencies.add(millis);
            }
        }
        long total = millisSince(start);
        pool.shutdown();
        int stillOpen = 0;
        for (Socket socket : stalled) {
            if (stillOpen(socket)) {
                stillOpen++;
            }
            socket.close();
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "stalled=%d refused=%d open_ms=%d requests=%d ok=%d failed=%d p50_ms=%d p99_ms=%d "
                        + "max_ms=%d total_ms=%d stalled_still_open=%d%n", stalled.size(), refused, openMillis, requests,
                sorted.length, failed, percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 100), total, stillOpen);
    }

    /** A GET on a new connection; its latency in ms, or -1 when it failed. */
    private static long timedRequest(int port) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 60_000);
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("GET /api/hello HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.startsWith("HTTP/1.1 200 ") ? millisSince(start) : -1;
        } catch (IOException e) {
            return -1;
        }
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

    private static long percentile(long[] sorted, int p) {
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
                String head = readResponse(socket.getInputStream());
                int status = Integer.parseInt(head.substring(9, 12));
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

    /** Reads one response framed by Content-Length and returns its head. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] last = new byte[4];
        while (!Arrays.equals(last, new byte[] {'\r', '\n', '\r', '\n'})) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed mid-response");
            }
            head.write(c);
            System.arraycopy(last, 1, last, 0, 3);
            last[3] = (byte) c;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        if (in.readNBytes(length).length < length) {
            throw new IOException("closed mid-body");
        }
        return text;
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

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
