import io.javalin.Javalin;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Javalin 6 (Jetty 11) answering {@code GET /api/hello} with the bytes apiroutes answers, for the
 * engine comparison of {@code bench/http/engines.sh}. Bench code only; no JSON library is needed.
 *
 * <pre>java -cp build/bench-http/engines:build/bench-http/lib/javalin/* JavalinHello --port 21501</pre>
 *
 * <p>With {@code --tls-port N KEYSTORE.p12 PASSWORD} it serves HTTPS on port N as well, through a
 * Jetty connector of its own (Javalin's SSL plugin does the same), for {@code bench/http/compression.sh}.
 */
public final class JavalinHello {
    private JavalinHello() {}

    public static void main(String[] args) {
        int port = args.length >= 2 && args[0].equals("--port") ? Integer.parseInt(args[1]) : 21501;
        boolean tls = args.length == 6 && args[2].equals("--tls-port");
        Javalin.create(config -> {
            config.showJavalinBanner = false;
            if (tls) {
                config.jetty.addConnector((server, http) -> {
                    SslContextFactory.Server ssl = new SslContextFactory.Server();
                    ssl.setKeyStorePath(args[4]);
                    ssl.setKeyStorePassword(args[5]);
                    HttpConfiguration https = new HttpConfiguration(http);
                    https.addCustomizer(new SecureRequestCustomizer(false)); // wrk sends no SNI for 127.0.0.1
                    ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                            new HttpConnectionFactory(https));
                    connector.setHost("127.0.0.1");
                    connector.setPort(Integer.parseInt(args[3]));
                    return connector;
                });
            }
        })
                .get("/api/hello", ctx -> ctx.contentType("application/json; charset=utf-8")
                        .result("{\"message\":\"Hello from Java!\"}"))
                .start("127.0.0.1", port);
    }
}
