import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cold start to the first 200: spawns a server, polls {@code GET /api/hello} on 127.0.0.1 every
 * millisecond with a raw socket, and takes the wall-clock time from the spawn to the first 200.
 * The servers take turns (A B A B ...); each is stopped before the next spawn.
 *
 * <pre>
 * java -cp build/bench-http ColdStart RUNS LABEL PORT [--in=FOLDER] CMD... [-- LABEL PORT [--in=FOLDER] CMD...]...
 * </pre>
 *
 * {@code --in=FOLDER} starts the command in that working directory (the runtime image's own, where its
 * launcher uses Java 17's archive). PORT 0 times a command to its exit instead ({@code java -version}),
 * so that a ratio's two sides take turns in the same run and a busy machine slows both alike.
 *
 * Prints one line per server: {@code LABEL median_ms min_ms max_ms [all_ms,...] median_cpu_ms}, the
 * last being the CPU time the server's JVM had used by its first 200 (user + system, all threads),
 * which a busy shared machine disturbs much less than the wall clock.
 */
public final class ColdStart {
    private static final long TIMEOUT_MILLIS = 30_000;

    private record Server(String label, int port, File folder, List<String> command, List<Long> millis, List<Long> cpuMillis) {}

    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        List<Server> servers = new ArrayList<>();
        int i = 1;
        while (i < args.length) {
            int end = i;
            while (end < args.length && !args[end].equals("--")) {
                end++;
            }
            int first = i + 2;
            File folder = args[first].startsWith("--in=") ? new File(args[first++].substring(5)) : null;
            servers.add(new Server(args[i], Integer.parseInt(args[i + 1]), folder,
                    List.of(Arrays.copyOfRange(args, first, end)), new ArrayList<>(), new ArrayList<>()));
            i = end + 1;
        }
        for (int run = 0; run < runs; run++) {
            for (Server server : servers) {
                once(server);
            }
        }
        for (Server server : servers) {
            long[] sorted = server.millis().stream().mapToLong(Long::longValue).sorted().toArray();
            long[] cpu = server.cpuMillis().stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.println(server.label() + " " + sorted[sorted.length / 2] + " " + sorted[0] + " "
                    + sorted[sorted.length - 1] + " " + server.millis().toString().replace(" ", "") + " " + cpu[cpu.length / 2]);
        }
    }

    /** One start: records the wall-clock and the CPU time (all the JVM's threads) to the first 200. */
    private static void once(Server server) throws Exception {
        if (server.port() == 0) {
            toExit(server);
            return;
        }
        if (answers(server.port()) >= 0) {
            throw new IllegalStateException("port " + server.port() + " is already served");
        }
        long start = System.nanoTime();
        Process process = new ProcessBuilder(server.command())
                .directory(server.folder())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            while (true) {
                int status = answers(server.port());
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                if (status == 200) {
                    server.millis().add(elapsed);
                    server.cpuMillis().add(process.toHandle().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L));
                    return;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException(server.label() + " exited with " + process.exitValue());
                }
                if (elapsed > TIMEOUT_MILLIS) {
                    throw new IllegalStateException(server.label() + " gave no 200 within " + TIMEOUT_MILLIS + " ms");
                }
                Thread.sleep(1);
            }
        } finally {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** One run of a command that exits by itself: the wall-clock and CPU time to its exit. */
    private static void toExit(Server server) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(server.command()).directory(server.folder())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(TIMEOUT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(server.label() + " did not exit within " + TIMEOUT_MILLIS + " ms");
        }
        server.millis().add((System.nanoTime() - start) / 1_000_000);
        server.cpuMillis().add(-1L);
    }

    /** The status of GET /api/hello, or -1 when nothing listens. */
    private static int answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = new byte[12];
            int n = 0;
            while (n < head.length) {
                int r = in.read(head, n, head.length - n);
                if (r < 0) {
                    return -1;
                }
                n += r;
            }
            return Integer.parseInt(new String(head, 9, 3, StandardCharsets.US_ASCII));
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
