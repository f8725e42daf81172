import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ceiling apiroutes is measured against: a plain JDK {@code HttpServer} with hand-written
 * handlers that answer the same bytes as the example routes in {@code api/}. Bench code only,
 * never shipped.
 *
 * <pre>
 * java [JVM flags] [-Dsun.net.httpserver.*=...] -jar build/bench-http/baseline.jar --port 21302
 *      [--host 127.0.0.1] [--executor virtual|pool:N|default]
 * </pre>
 *
 * The executor is the one apiroutes chooses unless told (ServerExecutors): virtual threads from
 * Java 24; before that a pool of max(4, 2 x cores) threads on an unbounded queue, which is what
 * apiroutes' GrowingThreadPool is while work flows (it grows only when queued work stalls).
 */
public final class Baseline {
    private static final byte[] HELLO = "{\"message\":\"Hello from Java!\"}".getBytes(StandardCharsets.UTF_8);
    private static final String JSON = "application/json; charset=utf-8";

    private Baseline() {}

    public static void main(String[] args) throws Throwable {
        int port = 21302;
        String host = "127.0.0.1";
        String executor = Runtime.version().feature() >= 24 ? "virtual"
                : "pool:" + Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--host" -> host = args[i + 1];
                case "--executor" -> executor = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        // Same backlog as ApiServer.
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 1024);
        server.createContext("/api/hello", exchange -> answer(exchange, 200, HELLO));
        server.createContext("/api/echo", Baseline::echo);
        server.createContext("/api/users/", Baseline::user);
        server.createContext("/", exchange -> answer(exchange, 404, "{\"error\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8)));
        server.setExecutor(executor(executor));
        server.start();
        System.out.println("baseline ready on http://" + host + ":" + server.getAddress().getPort()
                + " (Java " + Runtime.version().feature() + ", executor " + executor + ")");
    }

    private static void echo(HttpExchange exchange) throws IOException {
        answer(exchange, 200, exchange.getRequestBody().readAllBytes());
    }

    private static void user(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getRawPath().substring("/api/users/".length());
        // The bench only asks for numeric ids, so no JSON escaping is needed here.
        answer(exchange, 200, ("{\"id\":\"" + id + "\",\"name\":\"User " + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        try (exchange) {
            // Read the request to its end, as a careful handler does: the JDK keeps the connection
            // alive only when the request stream has seen its end, and with drainAmount=0 (apiroutes'
            // ServerDefaults) it never reads ahead to find it. Immediate for a request without a body.
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            exchange.getResponseHeaders().set("Content-Type", JSON);
            exchange.sendResponseHeaders(status, body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body);
            out.close();
        }
    }

    private static ExecutorService executor(String kind) throws Throwable {
        if (kind.equals("default")) {
            return null;
        }
        if (kind.equals("virtual")) {
            return (ExecutorService) MethodHandles.publicLookup().findStatic(Executors.class,
                    "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class)).invoke();
        }
        if (kind.startsWith("pool:")) {
            int size = Integer.parseInt(kind.substring("pool:".length()));
            AtomicInteger count = new AtomicInteger();
            return new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "baseline-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        throw new IllegalArgumentException("executor is virtual, pool:N or default, not " + kind);
    }
}
