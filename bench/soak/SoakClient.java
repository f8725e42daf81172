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

/** The soak clients' raw HTTP/1.1 requests and answers, and what they read of the server process. */
final class SoakClient {
    private static final String HOST = "127.0.0.1";

    private SoakClient() {}


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
    static Answer readAnswer(InputStream in) throws IOException {
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
    static String readLine(InputStream in, String end) throws IOException {
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

    static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new IOException("closed mid-body");
        }
        return bytes;
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The server's thread count, from /proc/PID/status; -1 when it cannot be read. */
    static int threads(long pid) {
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

    static long micros(long startNanos) {
        return TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos);
    }


    static void closeQuietly(Socket socket) {
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
