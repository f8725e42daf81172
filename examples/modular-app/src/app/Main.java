package app;

import io.apiroutes.ApiServer;
import java.io.IOException;

/** Serves the module's handlers: {@code java -p apiroutes.jar:app.jar -m app [port]}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws IOException {
        ApiServer server = ApiServer.builder()
                .host("127.0.0.1")
                .port(args.length > 0 ? Integer.parseInt(args[0]) : 3000)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        System.out.println("app ready on port " + server.port() + " " + server.routes().routes());
    }
}
