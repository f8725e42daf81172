package io.apiroutes.cli;

import io.apiroutes.Cors;
import io.apiroutes.http.AllowedHosts;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code java -jar api.jar}.
 *
 * @param port the port, 3000 by default
 * @param host the interface, or null for all
 * @param shutdownGraceSeconds how long requests in flight may finish at SIGTERM
 * @param help whether to print the usage and exit
 * @param version whether to print the version and exit
 * @param log whether to log one line per request
 * @param cors the CORS policy of every route without one of its own, or null for none
 * @param engine {@code jdk} or {@code apiroutes}, or null for the default
 * @param livePath the liveness path, or null for none
 * @param readyPath the readiness path, or null for none
 * @param trustProxy the proxies whose forwarded headers are believed, comma-separated, or null
 * @param dir in dev mode, the folder of package {@code api} whose sources are compiled and watched; null otherwise
 * @param allowedHosts in dev mode, the {@code Host} names answered besides loopback's, comma-separated (or
 *     {@code all}), or null for none; null otherwise
 * @param capacity the limits of what the server takes on at once; 0 for each default
 * @param gzipMin the smallest answer gzip-compressed for clients that accept it; -1 for none
 * @param tlsCert the PEM certificate chain, or a PKCS#12 keystore without {@code tlsKey}; null for plain HTTP
 * @param tlsKey the PEM private key, or null
 * @param hsts the {@code Strict-Transport-Security} max-age in seconds; -1 for none
 * @param httpRedirect the plain-HTTP port that redirects to HTTPS; 0 for none
 */
public record CommandLine(int port, String host, long shutdownGraceSeconds, boolean help, boolean version, boolean log,
                   Cors cors, String engine, String livePath, String readyPath, String trustProxy, String dir,
                   String allowedHosts, Capacity capacity, int gzipMin, String tlsCert, String tlsKey, int hsts, int httpRedirect) {

    /**
     * The limits of {@code --max-connections}, {@code --max-threads}, {@code --max-requests} and
     * {@code --max-streams}; 0 where unset, for the server's default.
     */
    record Capacity(int connections, int threads, int requests, int streams) {
        static final Capacity DEFAULTS = new Capacity(0, 0, 0, 0);
    }

    /** The help text; a method, not a constant, which javac would copy into every class that prints it. */
    static String usage() {
        return USAGE;
    }

    private static final String USAGE = """
            usage: java -jar api.jar [dev] [options]
              dev                       dev mode (needs a JDK): serve api/'s sources, compiled again on each save
              --dir DIR                 dev mode's folder of package api (default api)
              --allowed-hosts LIST      dev mode: Host names answered besides localhost and IP addresses
                                        (comma-separated, .example.com with subdomains; env ALLOWED_HOSTS; all: any)
              --port N                  port (env PORT; default 3000; 0: any free port)
              --host H                  interface (env HOST; default all, 127.0.0.1 in dev mode)
              --shutdown-grace SECONDS  time for requests in flight at SIGTERM (env SHUTDOWN_GRACE; default 10)
              --engine jdk|apiroutes    the HTTP engine (default apiroutes, or -Dapiroutes.engine)
              --log                     a line per request: method, path, status, bytes, milliseconds
              --cors-origin ORIGINS     browsers on these origins may call every route (comma-separated, or *;
                                        env CORS_ORIGIN); --cors-credentials: with cookies (env CORS_CREDENTIALS=true)
              --cors-expose HEADERS     answer headers their scripts may read (env CORS_EXPOSE)
              --live-path PATH          liveness path (env LIVE_PATH; default /livez; off: none)
              --ready-path PATH         readiness path, 503 once stopping (env READY_PATH; default /readyz; off: none)
              --trust-proxy LIST        proxies whose Forwarded/X-Forwarded-* count: addresses, CIDRs (env TRUST_PROXY)
              --max-connections N       connections at once (env MAX_CONNECTIONS; default from the heap)
              --max-threads N           platform threads, where a pool serves (env MAX_THREADS)
              --max-requests N          handlers at once, then 503 (env MAX_REQUESTS; default from threads/heap)
              --max-streams N           streams at once, then 503 (env MAX_STREAMS; default half of max-requests)
              --gzip-min BYTES          gzip answers from this size (env GZIP_MIN; default 1024; off: never)
              --tls-cert FILE           HTTPS: a PEM chain with --tls-key FILE, or PKCS#12 (env TLS_PASSWORD);
                                        --http-redirect PORT: a plain port that redirects; --hsts SECONDS
              --version                 print the version and exit""";

    /** The options that take a value, as {@code --name value} or {@code --name=value}. */
    private static final List<String> VALUED = List.of("--dir", "--allowed-hosts", "--cors-origin", "--port", "--host",
            "--shutdown-grace", "--engine", "--cors-expose", "--live-path", "--ready-path", "--trust-proxy", "--max-connections",
            "--max-threads", "--max-requests", "--max-streams", "--gzip-min", "--tls-cert", "--tls-key", "--hsts", "--http-redirect");
    private static final List<String> FLAGS = List.of("dev", "--help", "--version", "--log", "--cors-credentials");

    public static CommandLine parse(String[] args, Map<String, String> env) {
        Map<String, String> given = options(args);
        boolean dev = given.containsKey("dev");
        String engine = given.get("--engine");
        if (engine != null && !engine.equals("jdk") && !engine.equals("apiroutes")) {
            throw new IllegalArgumentException("engine must be jdk or apiroutes, not '" + engine + "'");
        }
        String allowedHosts = allowedHosts(given, env, dev);
        // Dev mode's error answers show source paths: it stays on loopback unless --host (not HOST) says otherwise.
        String host = given.getOrDefault("--host", dev ? "127.0.0.1" : env.get("HOST"));
        String live = given.getOrDefault("--live-path", env.getOrDefault("LIVE_PATH", "/livez"));
        String ready = given.getOrDefault("--ready-path", env.getOrDefault("READY_PATH", "/readyz"));
        String gzip = given.getOrDefault("--gzip-min", env.get("GZIP_MIN"));
        return new CommandLine(number(given.getOrDefault("--port", env.get("PORT")), 3000, 0, 65535, "port"),
                host == null || host.isBlank() ? null : host,
                number(given.getOrDefault("--shutdown-grace", env.get("SHUTDOWN_GRACE")), 10, 0, 3600, "shutdown grace"),
                given.containsKey("--help"), given.containsKey("--version"), given.containsKey("--log") || dev,
                cors(given, env), engine, live.equals("off") ? null : live,
                ready.equals("off") ? null : ready, given.getOrDefault("--trust-proxy", env.get("TRUST_PROXY")),
                dev ? given.getOrDefault("--dir", "api") : null,
                allowedHosts == null || allowedHosts.isBlank() ? null : allowedHosts, capacity(given, env),
                "off".equals(gzip) ? -1 : number(gzip, 1024, 0, Integer.MAX_VALUE, "gzip min"),
                given.getOrDefault("--tls-cert", env.get("TLS_CERT")), given.getOrDefault("--tls-key", env.get("TLS_KEY")),
                number(given.getOrDefault("--hsts", env.get("HSTS")), -1, 0, Integer.MAX_VALUE, "hsts"),
                number(given.getOrDefault("--http-redirect", env.get("HTTP_REDIRECT")), 0, 1, 65535, "http redirect"));
    }

    /** The server-wide CORS policy of the flags and environment, or null without origins. */
    private static Cors cors(Map<String, String> given, Map<String, String> env) {
        String origins = given.getOrDefault("--cors-origin", env.get("CORS_ORIGIN"));
        if (origins == null || origins.isBlank()) {
            return null;
        }
        Cors cors = Cors.allow(origins.split("\\s*,\\s*"));
        if (given.containsKey("--cors-credentials") || "true".equals(env.get("CORS_CREDENTIALS"))) {
            cors = cors.withCredentials();
        }
        String exposed = given.getOrDefault("--cors-expose", env.get("CORS_EXPOSE"));
        return exposed == null || exposed.isBlank() ? cors : cors.withExposedHeaders(exposed.split("\\s*,\\s*"));
    }

    /** The options given, by name, flags with an empty value; {@code -h} is {@code --help}. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> given = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i].equals("-h") ? "--help" : args[i];
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                inline = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (FLAGS.contains(arg) && inline == null) {
                given.put(arg, "");
            } else if (VALUED.contains(arg)) {
                given.put(arg, inline != null ? inline : next(args, ++i, arg));
            } else {
                throw new IllegalArgumentException("unknown option: " + args[i]);
            }
        }
        return given;
    }

    /** {@code --allowed-hosts} (or {@code ALLOWED_HOSTS}), dev mode's alone, checked before anything compiles. */
    private static String allowedHosts(Map<String, String> given, Map<String, String> env, boolean dev) {
        String dir = given.get("--dir");
        if (dir != null && !dev) {
            throw new IllegalArgumentException("--dir is for dev mode: java -jar api.jar dev --dir " + dir);
        }
        String allowedHosts = given.get("--allowed-hosts");
        // Production answers any Host (behind a proxy any is normal): the check is dev mode's alone.
        if (allowedHosts != null && !dev) {
            throw new IllegalArgumentException("--allowed-hosts is for dev mode: java -jar api.jar dev --allowed-hosts "
                    + allowedHosts);
        }
        if (allowedHosts == null && dev) {
            allowedHosts = env.get("ALLOWED_HOSTS");
        }
        if (allowedHosts != null) {
            AllowedHosts.of(List.of(allowedHosts.split(",")), null); // a name that is none fails here
        }
        return allowedHosts;
    }

    private static Capacity capacity(Map<String, String> given, Map<String, String> env) {
        return new Capacity(
                number(given.getOrDefault("--max-connections", env.get("MAX_CONNECTIONS")), 0, 1, 1_000_000, "max connections"),
                number(given.getOrDefault("--max-threads", env.get("MAX_THREADS")), 0, 1, 100_000, "max threads"),
                number(given.getOrDefault("--max-requests", env.get("MAX_REQUESTS")), 0, 1, 1_000_000, "max requests"),
                number(given.getOrDefault("--max-streams", env.get("MAX_STREAMS")), 0, 1, 1_000_000, "max streams"));
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String text, int otherwise, int min, int max, String what) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + " must be a number from " + min + " to " + max + ", not '" + text + "'");
    }
}
