import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens N keep-alive connections to a server, asks {@code GET /api/hello} once on each, and leaves
 * them idle; when a line arrives on standard input, asks once more on each and prints how many still
 * answer. For {@code bench/http/idle.sh}: what idle connections cost the active ones. Batches of 500
 * connections, their requests written before their answers are read, so 10,000 open in seconds.
 *
 * <pre>java IdleClients PORT N    prints "open N failed F in T ms", then on a line "alive K of N"</pre>
 */
public final class IdleClients {
    private static final byte[] REQUEST = "GET /api/hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int BATCH = 500;

    private IdleClients() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        long start = System.nanoTime();
        List<Socket> open = new ArrayList<>();
        int failed = 0;
        while (open.size() + failed < count && failed < 100) {
            List<Socket> batch = new ArrayList<>();
            for (int i = 0; i < BATCH && open.size() + batch.size() + failed < count; i++) {
                try {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                    s.setSoTimeout(10_000);
                    batch.add(s);
                } catch (IOException e) {
                    failed++;
                }
            }
            int answered = askAll(batch);
            failed += batch.size() - answered;
            for (Socket s : batch) {
                if (!s.isClosed()) {
                    open.add(s);
                }
            }
        }
        System.out.println("open " + open.size() + " failed " + failed + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        System.out.flush();
        System.in.read();
        int alive = 0;
        for (int from = 0; from < open.size(); from += BATCH) {
            alive += askAll(open.subList(from, Math.min(open.size(), from + BATCH)));
        }
        System.out.println("alive " + alive + " of " + open.size());
        for (Socket s : open) {
            s.close();
        }
    }

    /** Writes the request on every socket, then reads every answer; closes the ones that fail. */
    private static int askAll(List<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                s.getOutputStream().write(REQUEST);
            } catch (IOException e) {
                close(s);
            }
        }
        int ok = 0;
        for (Socket s : sockets) {
            if (!s.isClosed() && readAnswer(s)) {
                ok++;
            } else {
                close(s);
            }
        }
        return ok;
    }

    /** Reads one answer with a Content-Length body; true for a 200. */
    private static boolean readAnswer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return false;
                }
                head.append((char) b);
            }
            String text = head.toString().toLowerCase();
            int at = text.indexOf("content-length:");
            int length = at < 0 ? 0 : Integer.parseInt(text.substring(at + 15, text.indexOf('\r', at)).trim());
            in.readNBytes(length);
            return text.startsWith("http/1.1 200");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
