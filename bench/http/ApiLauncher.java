import io.apiroutes.ApiRoutes;
import io.apiroutes.ApiServer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs apiroutes (the routes in api.jar) on an executor named on the command line, for the
 * executor experiments of compare.sh. Bench code only; {@code make bench} itself runs
 * {@code java -jar api.jar}, whose executor is apiroutes' own choice.
 *
 * <pre>
 * java [JVM flags] -cp api.jar:build/bench-http/classes ApiLauncher --port 21401
 *      --executor virtual|growing:BASE|pool:N|direct
 * java [JVM flags] -cp api.jar:build/bench-http/classes ApiLauncher --port 21401 --engine-threads virtual|platform
 * </pre>
 */
public final class ApiLauncher {
    private ApiLauncher() {}

    public static void main(String[] args) throws Throwable {
        int port = 21401;
        String host = "127.0.0.1";
        String executor = "virtual";
        String threads = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--host" -> host = args[i + 1];
                case "--executor" -> executor = args[i + 1];
                case "--engine-threads" -> threads = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (threads != null) {
            // apiroutes' own engine with a chosen kind of thread, mounted as an application would.
            com.sun.net.httpserver.HttpServer own = new io.apiroutes.engine.EngineProvider()
                    .withVirtualThreads(threads.equals("virtual")).createHttpServer(new java.net.InetSocketAddress(host, port), 1024);
            ApiRoutes.discover().mount(own);
            own.start();
            System.out.println("apiroutes (launcher) ready on port " + port + ", own engine on " + threads + " threads");
            return;
        }
        ApiServer server = ApiServer.builder().routes(ApiRoutes.discover()).host(host).port(port)
                .executor(executor(executor)).start();
        System.out.println("apiroutes (launcher) ready on port " + server.port() + ", executor " + executor);
    }

    private static ExecutorService executor(String kind) throws Throwable {
        if (kind.equals("virtual")) {
            return (ExecutorService) MethodHandles.publicLookup().findStatic(Executors.class,
                    "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class)).invoke();
        }
        if (kind.startsWith("growing:")) {
            // apiroutes' own package-private pool, reached by reflection: bench code only.
            Class<?> pool = Class.forName("io.apiroutes.GrowingThreadPool");
            Method create = pool.getDeclaredMethod("create", int.class, int.class);
            create.setAccessible(true);
            return (ExecutorService) create.invoke(null, Integer.parseInt(kind.substring("growing:".length())), 512);
        }
        if (kind.equals("direct")) {
            // No hand-off: the JDK's own dispatcher thread runs every exchange (one stalled client stops all).
            return new java.util.concurrent.AbstractExecutorService() {
                private volatile boolean down;
                @Override public void execute(Runnable task) { task.run(); }
                @Override public void shutdown() { down = true; }
                @Override public java.util.List<Runnable> shutdownNow() { down = true; return java.util.List.of(); }
                @Override public boolean isShutdown() { return down; }
                @Override public boolean isTerminated() { return down; }
                @Override public boolean awaitTermination(long t, TimeUnit u) { return true; }
            };
        }
        if (kind.startsWith("pool:")) {
            int size = Integer.parseInt(kind.substring("pool:".length()));
            return new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task);
                thread.setDaemon(true);
                return thread;
            });
        }
        throw new IllegalArgumentException("executor is virtual, growing:BASE, pool:N or direct, not " + kind);
    }
}
