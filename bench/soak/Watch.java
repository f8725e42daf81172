import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a capacity scenario watches while it runs: GET /livez on a new connection every 200 ms with
 * a 1 s time limit, and, every 200 ms, the server's threads, RSS and open files (/proc/PID) and
 * whether it still lives. {@link #stop()} stops it; {@link #summary()} is its line for run.sh.
 */
final class Watch {
    private static final long PROBE_LIMIT_MS = 1000;
    private static final byte[] PROBE = ("GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);

    /** How a probe ended. */
    private enum Outcome { OK, TIMEOUT, REFUSED, RESET, NON_200 }

    /** One probe: how it ended, and its time (ms) from the connect to the answer or the failure. */
    private record Probe(Outcome outcome, long millis) {}

    private final int port;
    private final long pid;
    private final long start = System.nanoTime();
    private final ConcurrentLinkedQueue<Probe> probes = new ConcurrentLinkedQueue<>();
    private final ExecutorService prober = Executors.newFixedThreadPool(8, Watch::daemon);
    private final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(1, Watch::daemon);
    private final AtomicInteger peakThreads = new AtomicInteger();
    private final AtomicInteger peakRssKb = new AtomicInteger();
    private final AtomicInteger peakFiles = new AtomicInteger();
    private volatile long diedAfterMillis = -1;

    Watch(int port, long pid) {
        this.port = port;
        this.pid = pid;
        ticks.scheduleAtFixedRate(() -> prober.execute(() -> probes.add(probe())), 0, 200, TimeUnit.MILLISECONDS);
        ticks.scheduleAtFixedRate(this::sample, 0, 200, TimeUnit.MILLISECONDS);
    }

    /** Whether the server process still runs (a zombie, exited and not yet reaped, does not). */
    boolean alive() {
        return diedAfterMillis < 0 && state(pid) != null;
    }

    /** Stops probing and sampling, and waits for the probes in flight. */
    void stop() throws InterruptedException {
        ticks.shutdownNow();
        ticks.awaitTermination(2, TimeUnit.SECONDS);
        prober.shutdown();
        prober.awaitTermination(PROBE_LIMIT_MS + 1000, TimeUnit.MILLISECONDS);
        sample();
    }

    /**
     * The probes by outcome; the p99 and longest time of those that reached the server (all but the
     * refused, a timeout counting as its 1 s); the server's peaks; alive, or seconds until it died.
     */
    String summary() {
        int[] counts = new int[Outcome.values().length];
        long[] times = probes.stream().peek(p -> counts[p.outcome().ordinal()]++)
                .filter(p -> p.outcome() != Outcome.REFUSED).mapToLong(Probe::millis).sorted().toArray();
        return String.format(Locale.ROOT, "probes=%d probe_ok=%d probe_timeout=%d probe_refused=%d probe_reset=%d "
                        + "probe_non200=%d probe_p99_ms=%d probe_max_ms=%d peak_threads=%d peak_rss_mb=%d peak_files=%d "
                        + "alive=%b died_s=%s", probes.size(), counts[0], counts[1], counts[2], counts[3], counts[4],
                Soak.percentile(times, 99), Soak.percentile(times, 100), peakThreads.get(), peakRssKb.get() / 1024,
                peakFiles.get(), alive(), diedAfterMillis < 0 ? "-" : String.format(Locale.ROOT, "%.1f", diedAfterMillis / 1000.0));
    }

    private Probe probe() {
        long begin = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) PROBE_LIMIT_MS);
            socket.getOutputStream().write(PROBE);
            InputStream in = socket.getInputStream();
            byte[] status = new byte[12];
            for (int got = 0; got < status.length; ) {
                long left = PROBE_LIMIT_MS - SoakClient.millisSince(begin);
                if (left <= 0) {
                    throw new SocketTimeoutException();
                }
                socket.setSoTimeout((int) left);
                int n = in.read(status, got, status.length - got);
                if (n < 0) {
                    return new Probe(Outcome.RESET, SoakClient.millisSince(begin)); // closed without an answer
                }
                got += n;
            }
            boolean ok = new String(status, StandardCharsets.ISO_8859_1).equals("HTTP/1.1 200");
            return new Probe(ok ? Outcome.OK : Outcome.NON_200, SoakClient.millisSince(begin));
        } catch (SocketTimeoutException e) {
            return new Probe(Outcome.TIMEOUT, SoakClient.millisSince(begin));
        } catch (ConnectException e) {
            return new Probe(Outcome.REFUSED, SoakClient.millisSince(begin));
        } catch (IOException e) {
            return new Probe(Outcome.RESET, SoakClient.millisSince(begin));
        }
    }

    private void sample() {
        String status = state(pid);
        if (status == null) {
            if (diedAfterMillis < 0) {
                diedAfterMillis = SoakClient.millisSince(start);
            }
            return;
        }
        peakThreads.accumulateAndGet(number(status, "Threads:"), Math::max);
        peakRssKb.accumulateAndGet(number(status, "VmRSS:"), Math::max);
        String[] files = Path.of("/proc/" + pid + "/fd").toFile().list();
        peakFiles.accumulateAndGet(files == null ? 0 : files.length, Math::max);
    }

    /** /proc/PID/status, or null when the process is gone or a zombie. */
    private static String state(long pid) {
        try {
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            return status.contains("\nState:\tZ") || status.contains("\nState:\tX") ? null : status;
        } catch (IOException e) {
            return null;
        }
    }

    /** The number after {@code key} in /proc/PID/status, 0 when there is none. */
    private static int number(String status, String key) {
        int at = status.indexOf("\n" + key);
        if (at < 0) {
            return 0;
        }
        String rest = status.substring(at + key.length() + 1).stripLeading();
        int end = 0;
        while (end < rest.length() && Character.isDigit(rest.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(rest.substring(0, end));
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "watch");
        thread.setDaemon(true);
        return thread;
    }
}
