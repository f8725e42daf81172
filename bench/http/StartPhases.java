import io.apiroutes.ApiRoutes;
import io.apiroutes.ApiServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The phases of a start, timed inside the JVM: the route table (discovery from api.jar's services
 * file), the engine (the server built, bound and started), the first request (GET /api/hello over a
 * socket, to its status line). Run by startup.sh with the runtime image's java, api.jar first on the
 * class path so that the image's archive serves it as it serves {@code bin/apiroutes}; the JVM's own
 * phase comes from {@code -Xlog:startuptime} in the same run. Prints the three in microseconds.
 *
 * <pre>
 * java -cp lib/api.jar:CLASSES StartPhases
 * </pre>
 */
public final class StartPhases {
    private StartPhases() {}

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        ApiRoutes routes = ApiRoutes.discover();
        long routed = System.nanoTime();
        ApiServer server = ApiServer.builder().routes(routes).host("127.0.0.1").port(0).start();
        long started = System.nanoTime();
        String status;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = new byte[12];
            int n = 0;
            for (int read; n < head.length && (read = in.read(head, n, head.length - n)) > 0; ) {
                n += read;
            }
            status = new String(head, 0, n, StandardCharsets.US_ASCII);
        }
        long answered = System.nanoTime();
        if (!status.equals("HTTP/1.1 200")) {
            throw new IllegalStateException("GET /api/hello: " + status);
        }
        System.out.println((routed - start) / 1000 + " " + (started - routed) / 1000 + " " + (answered - started) / 1000);
        server.stop();
        System.exit(0);
    }
}
