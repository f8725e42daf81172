package io.apiroutes.cli;

import io.apiroutes.ApiRoutes;
import io.apiroutes.ApiServer;
import io.apiroutes.dev.DevMode;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.module.ModuleDescriptor;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The command line: {@code java -jar api.jar [dev [--dir DIR] [--allowed-hosts LIST]] [--port N] [--host H]
 * [--shutdown-grace SECONDS] [--engine E] [--log] [--cors-origin ORIGINS] [--live-path P] [--ready-path P]
 * [--trust-proxy LIST] [--version]}.
 * Flags win over the environment ({@code PORT}, {@code HOST}, {@code SHUTDOWN_GRACE}, ...), which
 * wins over the defaults (3000, all interfaces, 10 s).
 */
public final class Main {
    /** The JDK logging's line format: one line per record, where its default takes two. */
    private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";

    /** The exit code when a thread died of an {@code Error}: the server cannot be trusted to go on. */
    static final int CRASHED = 70;

    private Main() {}

    /**
     * Exits the JVM with {@link #CRASHED} when a thread the server cannot do without dies of an
     * {@code Error}: anything but a thread that runs exchanges, which its executor replaces (a
     * pool thread, {@code apiroutes-N}, or a virtual thread). The JDK's own server threads (its
     * dispatcher, its timers) are restarted by nothing: without this, an {@code OutOfMemoryError}
     * there leaves a server that no longer times out requests, or a JVM that exits with 0 when
     * its dispatcher was the last live thread, which a supervisor that restarts only on failure
     * takes for a clean stop.
     */
    static void exitOnError(PrintStream err) {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (!(e instanceof Error) || runsExchanges(thread)) {
                if (previous != null) {
                    previous.uncaughtException(thread, e);
                } else {
                    e.printStackTrace();
                }
                return;
            }
            try {
                err.println("apiroutes: thread " + thread.getName() + " died of " + e + "; exiting with " + CRASHED);
                // Exit from another thread: the shutdown hook stops the server, which waits for the dying thread.
                new Thread(() -> System.exit(CRASHED), "apiroutes-exit").start();
            } catch (Throwable again) {
                Runtime.getRuntime().halt(CRASHED);
            }
        });
    }

    public static void main(String[] args) {
        int exitCode = run(args, System.getenv(), System.out, System.err);
        if (exitCode >= 0) {
            System.exit(exitCode);
        }
        // Otherwise the server's threads keep the JVM alive until SIGTERM or SIGINT.
    }

    /**
     * A thread that serves one request or connection, which its pool replaces: a pool thread
     * {@code apiroutes-N}, the engine's {@code apiroutes-engine-worker}, a stream's heartbeat or a
     * timeout's answer, or a virtual thread (they have no name).
     */
    static boolean runsExchanges(Thread thread) {
        String name = thread.getName();
        return name.isEmpty() || name.equals("apiroutes-engine-worker") || name.equals("apiroutes-heartbeat")
                || name.equals("apiroutes-timeout")
                || name.matches("apiroutes-[0-9]+");
    }

    /** Runs the server until the JVM is stopped; returns an exit code only when it cannot start. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        CommandLine options;
        try {
            options = CommandLine.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println("apiroutes: " + e.getMessage());
            err.println(CommandLine.usage());
            return 2;
        }
        if (options.help() || options.version()) {
            out.println(options.help() ? CommandLine.usage() : "apiroutes " + version());
            return 0;
        }
        exitOnError(err);
        if (System.getProperty(LOG_FORMAT) == null) {
            System.setProperty(LOG_FORMAT, "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
        }
        DevMode dev = null;
        ApiServer server;
        try {
            ApiRoutes routes;
            if (options.dir() != null) {
                dev = devMode(options, out, err);
                if (dev == null) {
                    return 1;
                }
                routes = dev.reload();
            } else {
                routes = ApiRoutes.discover(); // logs a warning, saying what to check, when it finds no handler
            }
            server = builder(options, routes).start();
        } catch (IllegalArgumentException | IllegalStateException e) { // a bad health path or proxy; conflicting routes
            err.println("apiroutes: " + e.getMessage());
            return 1;
        } catch (BindException e) {
            err.println("apiroutes: cannot listen on port " + options.port() + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("apiroutes: cannot start: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "apiroutes-shutdown"));
        printReady(options, server, dev != null, out, err);
        if (dev != null) {
            dev.watch(server);
        }
        return -1;
    }

    /**
     * Dev mode for the options' folder, or null (with the reason on {@code err}) when this runtime
     * has no compiler or this jar no dev mode.
     */
    private static DevMode devMode(CommandLine options, PrintStream out, PrintStream err) throws IOException {
        // Checked before DevMode is loaded: its classes refer to javax.tools.
        if (ModuleLayer.boot().findModule("jdk.compiler").isEmpty()) {
            err.println("apiroutes: dev mode needs a JDK: it compiles the sources with the JDK's compiler "
                    + "(module jdk.compiler), which this Java runtime does not have");
            return null;
        }
        try {
            return new DevMode(Path.of(options.dir()), out);
        } catch (NoClassDefFoundError e) {
            // Dev mode is in the library jar (build/apiroutes.jar), which api.jar's manifest names.
            err.println("apiroutes: dev mode is not in this jar: run it in the project folder, where make "
                    + "builds build/apiroutes.jar (./run.sh dev)");
            return null;
        }
    }

    /** The server the options describe; in dev mode, one that answers only the allowed hosts. */
    public static ApiServer.Builder builder(CommandLine options, ApiRoutes routes) {
        ApiServer.Builder builder = ApiServer.builder()
                .routes(routes)
                .port(options.port())
                .shutdownGrace(Duration.ofSeconds(options.shutdownGraceSeconds()))
                .requestLog(options.log())
                .healthPaths(options.livePath(), options.readyPath())
                .gzipMinBytes(options.gzipMin());
        if (options.cors() != null) {
            builder.cors(options.cors());
        }
        if (options.tlsKey() != null) {
            builder.tls(Path.of(options.tlsCert()), Path.of(options.tlsKey()));
        } else if (options.tlsCert() != null) {
            builder.tlsKeyStore(Path.of(options.tlsCert()), System.getenv("TLS_PASSWORD"));
        }
        builder.hsts(options.hsts()).httpRedirectPort(options.httpRedirect());
        if (options.trustProxy() != null) {
            builder.trustProxies(List.of(options.trustProxy().split(",")));
        }
        if (options.host() != null) {
            builder.host(options.host());
        }
        if (options.engine() != null) {
            builder.engine(options.engine());
        }
        CommandLine.Capacity capacity = options.capacity();
        if (capacity.connections() > 0) {
            builder.maxConnections(capacity.connections());
        }
        if (capacity.threads() > 0) {
            builder.maxThreads(capacity.threads());
        }
        if (capacity.requests() > 0) {
            builder.maxRequests(capacity.requests());
        }
        if (capacity.streams() > 0) {
            builder.maxStreams(capacity.streams());
        }
        if (options.dir() != null) {
            builder.allowedHosts(options.allowedHosts() == null ? List.of() : List.of(options.allowedHosts().split(",")));
        }
        return builder;
    }

    /** The start-up lines: where the server listens, how fast it started, its routes. */
    private static void printReady(CommandLine options, ApiServer server, boolean dev, PrintStream out, PrintStream err) {
        String host = options.host() == null ? "localhost" : options.host();
        out.println("apiroutes " + version() + " ready on http" + (options.tlsCert() == null ? "" : "s") + "://" + host + ":" + server.port() + " in " + millisSinceStart()
                + " ms (Java " + Runtime.version().feature() + ", " + server.executorDescription() + "; "
                + server.capacity().describe() + ")");
        List<String> routes = server.routes().describe();
        if (routes.isEmpty()) {
            if (dev) {
                out.println("  no routes yet: add a handler under " + options.dir());
            } else {
                out.println("  no routes: no handler was found (see stderr)");
            }
        }
        for (String line : routes) {
            out.println("  " + line);
        }
        if (dev) {
            out.println("dev mode: watching " + options.dir() + "; a saved change is compiled and serves the next request");
        }
        out.flush();
    }

    /**
     * The version in the jar's manifest ({@code Implementation-Version}, on the class path) or the
     * module's ({@code jar --module-version}, on the module path); {@code dev} when run from classes.
     */
    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        ModuleDescriptor module = Main.class.getModule().getDescriptor();
        if (version == null && module != null) {
            version = module.rawVersion().orElse(null);
        }
        return version != null ? version : "dev";
    }

    /**
     * Milliseconds since the JVM started. On Linux, ProcessHandle's start instant is off by up to a
     * second (it adds the boot time, which /proc/stat gives in whole seconds), so the age is read
     * from /proc when it is there: uptime minus the start time, both since boot. It is the age of
     * the thread that runs main, which the java launcher starts once the JVM is loaded, not the
     * process's: run.sh execs java in its own process, whose age counts the shell and make before.
     */
    private static long millisSinceStart() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(fields[19]); // field 22, in clock ticks of 1/100 s
            String uptime = Files.readString(Path.of("/proc/uptime"));
            double seconds = Double.parseDouble(uptime.substring(0, uptime.indexOf(' ')));
            return Math.round(seconds * 1000 - startTicks * 10.0);
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.current().info().startInstant()
                    .map(start -> Duration.between(start, Instant.now()).toMillis())
                    .orElse(-1L);
        }
    }
}
