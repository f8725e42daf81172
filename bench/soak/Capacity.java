import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The capacity clients of bench/soak/run.sh, against 127.0.0.1 only: thousands of connections
 * driven by one thread (NIO), while a {@link Watch} probes /livez and samples the server PID. Each
 * mode prints one line of {@code key=value} pairs, what the clients got and then the watch's
 * summary. Every wait is bounded.
 *
 * <pre>
 * java Capacity watch PORT PID SECS            the watch alone, for SECS (beside wrk: the conns scenario)
 * java Capacity heads PORT PID COUNT SECS      COUNT connections send half a request head and wait, for SECS
 * java Capacity idle PORT PID COUNT SECS       COUNT connections send a GET, read the answer, then stay idle
 * java Capacity slowget PORT PID COUNT SLEEP   COUNT GET /api/soak/sleep?s=SLEEP at once, waited for up to SLEEP + 20 s
 * java Capacity streams PORT PID COUNT SECS    COUNT GET /api/soak/events, their events read for SECS
 * java Capacity errors PORT PID SECS RATE LOG  GET /api/soak/overflow, RATE a second on 4 threads, for SECS;
 *                                              and how much LOG (the server's output) grew meanwhile
 * </pre>
 */
public final class Capacity {
    /** Connections opened but not yet connected at once: more would only overflow the server's backlog. */
    private static final int MAX_CONNECTING = 500;
    private static final long CONNECT_LIMIT = TimeUnit.SECONDS.toNanos(15);

    private Capacity() {}

    public static void main(String[] args) {
        try {
            System.out.println(run(args));
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static String run(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: java Capacity watch|heads|idle|slowget|streams|errors PORT PID ... (see Capacity.java)");
            System.exit(2);
        }
        int port = Integer.parseInt(args[1]);
        long pid = Long.parseLong(args[2]);
        int n = Integer.parseInt(args[3]);
        Watch watch = new Watch(port, pid);
        String got;
        try {
            got = switch (args[0]) {
                case "watch" -> watchFor(watch, n);
                case "heads" -> hold(port, watch, n, Integer.parseInt(args[4]), i -> i % 2 == 0 ? "GET /api/hel"
                        : "GET /api/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: a");
                case "idle" -> hold(port, watch, n, Integer.parseInt(args[4]), i -> "GET /api/hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                case "slowget" -> slowget(port, watch, n, Integer.parseInt(args[4]));
                case "streams" -> streams(port, watch, n, Integer.parseInt(args[4]));
                case "errors" -> errors(port, watch, n, Integer.parseInt(args[4]), Path.of(args[5]));
                default -> throw new IllegalArgumentException("no mode " + args[0]);
            };
        } finally {
            watch.stop();
        }
        return got + " " + watch.summary();
    }

    private static String watchFor(Watch watch, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end && watch.alive()) {
            Thread.sleep(100);
        }
        return "watched_s=" + seconds;
    }

    /** COUNT connections that each send their request, then are held open until SECS have passed. */
    private static String hold(int port, Watch watch, int count, int seconds, IntFunction<String> request)
            throws IOException {
        List<Conn> conns = conns(count, request);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        drive(port, conns, end, watch, c -> false);
        return summary(conns);
    }

    private static String slowget(int port, Watch watch, int count, int sleep) throws IOException {
        List<Conn> conns = conns(count, i -> "GET /api/soak/sleep?s=" + sleep + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(sleep + 20L);
        drive(port, conns, end, watch, all -> all.stream().allMatch(c -> c.status != 0 || c.end != null));
        long[] nanos = conns.stream().filter(c -> c.status != 0).mapToLong(c -> c.answered - c.sent).sorted().toArray();
        return summary(conns) + " answer_p50_s=" + seconds(nanos, 50) + " answer_max_s=" + seconds(nanos, 100);
    }

    /** A percentile of times in nanos, in seconds with one decimal; "-" when there are none. */
    private static String seconds(long[] sortedNanos, int p) {
        return sortedNanos.length == 0 ? "-" : String.format(Locale.ROOT, "%.1f", Soak.percentile(sortedNanos, p) / 1e9);
    }

    private static String streams(int port, Watch watch, int count, int seconds) throws IOException {
        List<Conn> conns = conns(count, i -> "GET /api/soak/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        drive(port, conns, end, watch, c -> false);
        long now = System.nanoTime();
        long sse = conns.stream().filter(c -> c.status == 200 && c.header("content-type").startsWith("text/event-stream")).count();
        long retry = conns.stream().filter(c -> c.status == 503 && !c.header("retry-after").isEmpty()).count();
        long live = conns.stream().filter(c -> c.status == 200 && c.end == null && now - c.lastByte < TimeUnit.SECONDS.toNanos(3)).count();
        return summary(conns) + String.format(Locale.ROOT, " sse_200=%d retry_503=%d events=%d live=%d", sse, retry,
                conns.stream().mapToLong(c -> c.events).sum(), live);
    }

    /** GET /api/soak/overflow, {@code rate} a second on 4 threads for {@code seconds}, and the growth of {@code log}. */
    private static String errors(int port, Watch watch, int seconds, int rate, Path log) throws Exception {
        long before = Files.size(log);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (long due; (due = start + next.getAndIncrement() * 1_000_000_000L / rate) < end && watch.alive(); ) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
                    } catch (InterruptedException e) {
                        return;
                    }
                    statuses.computeIfAbsent(SoakClient.request(port, "/api/soak/overflow").status(), s -> new AtomicInteger())
                            .incrementAndGet();
                }
            }, "errors-" + t);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()) + 40_000));
        }
        double took = (System.nanoTime() - start) / 1e9;
        Thread.sleep(1000); // what the server still writes about the last requests
        long grew = Files.size(log) - before;
        int requests = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
        int failed = requests - statuses.getOrDefault(200, new AtomicInteger()).get();
        Map<Integer, Integer> counts = new TreeMap<>();
        statuses.forEach((status, n) -> counts.put(status, n.get()));
        return String.format(Locale.ROOT, "requests=%d per_s=%.0f statuses=%s failed=%d log_bytes=%d per_failed=%d", requests,
                requests / took, statuses(counts), failed, grew, failed == 0 ? 0 : grew / failed);
    }

    // ---- the connections ------------------------------------------------------------------------------

    /** One client connection, driven by the selector thread; times in nanos. */
    private static final class Conn {
        final byte[] request;
        SocketChannel channel;
        int written;
        long opened;
        long sent;
        long answered;
        long lastByte;
        boolean connected;
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        String headers = "";
        int status; // 0 until the whole head came
        long events;
        String tail = ""; // the last bytes read, where an event's "data:" may begin
        String end; // null while open: refused, connect_timeout, closed (by the server), reset

        Conn(String request) {
            this.request = request.getBytes(StandardCharsets.ISO_8859_1);
        }

        /** A header of the answer, lower case, or "". */
        String header(String name) {
            int at = headers.indexOf("\r\n" + name + ":");
            if (at < 0) {
                return "";
            }
            int from = at + name.length() + 3;
            int to = headers.indexOf("\r\n", from);
            return headers.substring(from, to < 0 ? headers.length() : to).trim();
        }

        void read(byte[] bytes, int length) {
            lastByte = System.nanoTime();
            int from = 0;
            if (status == 0) {
                head.write(bytes, 0, length);
                String text = head.toString(StandardCharsets.ISO_8859_1);
                int at = text.indexOf("\r\n\r\n");
                if (at < 0) {
                    return;
                }
                headers = text.substring(0, at + 2).toLowerCase(Locale.ROOT);
                status = text.startsWith("HTTP/1.") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : 999;
                answered = lastByte;
                from = length - (text.length() - at - 4);
            }
            String text = tail + new String(bytes, from, length - from, StandardCharsets.ISO_8859_1);
            for (int at = text.indexOf("data:"); at >= 0; at = text.indexOf("data:", at + 5)) {
                events++;
            }
            tail = text.substring(Math.max(0, text.length() - 4));
        }

        void end(String why) {
            if (end == null) {
                end = why;
            }
            try {
                channel.close();
            } catch (IOException e) {
                // closed anyway
            }
        }
    }

    private static List<Conn> conns(int count, IntFunction<String> request) {
        List<Conn> conns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            conns.add(new Conn(request.apply(i)));
        }
        return conns;
    }

    /**
     * Opens the connections (at most {@link #MAX_CONNECTING} connecting at once), sends each its
     * request and reads what comes, until {@code end}, until the server died, or until {@code done}.
     * The connections still open stay open until {@link #summary} closes them.
     */
    private static void drive(int port, List<Conn> conns, long end, Watch watch, Predicate<List<Conn>> done) throws IOException {
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        int next = 0;
        int connecting = 0;
        long lastLook = 0;
        try (Selector selector = Selector.open()) {
            while (System.nanoTime() < end) {
                for (; next < conns.size() && connecting < MAX_CONNECTING; next++) {
                    connecting += open(conns.get(next), server, selector) ? 0 : 1;
                }
                selector.select(50);
                for (SelectionKey key : selector.selectedKeys()) {
                    Conn conn = (Conn) key.attachment();
                    boolean wasConnected = conn.connected;
                    step(key, conn, buffer);
                    if (!wasConnected && (conn.connected || conn.end != null)) {
                        connecting--;
                    }
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                if (now - lastLook > TimeUnit.MILLISECONDS.toNanos(200)) {
                    lastLook = now;
                    for (Conn conn : conns.subList(0, next)) {
                        if (!conn.connected && conn.end == null && now - conn.opened > CONNECT_LIMIT) {
                            conn.end("connect_timeout");
                            connecting--;
                        }
                    }
                    if ((next == conns.size() && done.test(conns)) || !watch.alive()) {
                        break;
                    }
                }
            }
        }
    }

    /** Starts connecting; true when connected at once (then the request is on its way). */
    private static boolean open(Conn conn, InetSocketAddress server, Selector selector) throws IOException {
        conn.opened = System.nanoTime();
        conn.channel = SocketChannel.open();
        conn.channel.configureBlocking(false);
        try {
            if (conn.channel.connect(server)) {
                conn.connected = true;
                conn.channel.register(selector, SelectionKey.OP_WRITE, conn);
                return true;
            }
            conn.channel.register(selector, SelectionKey.OP_CONNECT, conn);
        } catch (IOException e) {
            conn.end("refused");
            return true;
        }
        return false;
    }

    private static void step(SelectionKey key, Conn conn, ByteBuffer buffer) {
        try {
            if (key.isConnectable()) {
                if (!conn.channel.finishConnect()) {
                    return;
                }
                conn.connected = true;
                key.interestOps(SelectionKey.OP_WRITE);
            }
            if (key.isValid() && key.isWritable()) {
                conn.written += conn.channel.write(ByteBuffer.wrap(conn.request, conn.written, conn.request.length - conn.written));
                if (conn.written == conn.request.length) {
                    conn.sent = System.nanoTime();
                    key.interestOps(SelectionKey.OP_READ);
                }
            }
            if (key.isValid() && key.isReadable()) {
                buffer.clear();
                int n = conn.channel.read(buffer);
                if (n < 0) {
                    conn.end("closed");
                } else {
                    conn.read(buffer.array(), n);
                }
            }
        } catch (IOException e) {
            conn.end(conn.connected ? "reset" : "refused");
        }
    }

    /**
     * What the connections got: connected or not; the answers' statuses; the connections the server
     * closed or reset, before an answer or after one; those still open, with and without an answer.
     * Closes them all.
     */
    private static String summary(List<Conn> conns) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        int connected = 0;
        int closedUnanswered = 0;
        int closedAnswered = 0;
        int openAnswered = 0;
        int waiting = 0;
        for (Conn conn : conns) {
            connected += conn.connected ? 1 : 0;
            if (conn.status != 0) {
                statuses.merge(conn.status, 1, Integer::sum);
            }
            if (conn.connected && conn.end != null) {
                closedAnswered += conn.status != 0 ? 1 : 0;
                closedUnanswered += conn.status == 0 ? 1 : 0;
            } else if (conn.connected) {
                openAnswered += conn.status != 0 ? 1 : 0;
                waiting += conn.status == 0 ? 1 : 0;
            }
            if (conn.channel != null) {
                conn.end("client");
            }
        }
        return String.format(Locale.ROOT, "connections=%d connected=%d not_connected=%d statuses=%s closed_unanswered=%d "
                        + "closed_answered=%d open_answered=%d open_waiting=%d", conns.size(), connected,
                conns.size() - connected, statuses(statuses), closedUnanswered, closedAnswered, openAnswered, waiting);
    }

    /** {@code 200:12,503:3}, or {@code -} when there is none. */
    private static String statuses(Map<Integer, Integer> counts) {
        return counts.isEmpty() ? "-" : counts.entrySet().stream().map(e -> (e.getKey() < 0 ? "none" : e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
