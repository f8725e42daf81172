package io.apiroutes.http1;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;

/** Prints the class of the server {@code HttpServer.create()} gives, for {@link EngineTest}. */
final class ProviderProbe {
    private ProviderProbe() {}

    public static void main(String[] args) throws IOException {
        System.out.println(HttpServer.create().getClass().getName());
    }
}
