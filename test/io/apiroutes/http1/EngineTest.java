package io.apiroutes.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.apiroutes.ApiRoutes;
import io.apiroutes.HostileLog;
import io.apiroutes.engine.EngineProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The engine's {@code HttpExchange} contract, keep-alive, limits, time limits, connection
 * accounting and stop, through raw sockets against a real server on loopback.
 */
@ResourceLock(HostileLog.LOGGER) // tests that run at once must not log into each other's HostileLog
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EngineTest {
    static final HttpHandler ECHO = exchange -> {
        byte[] body = exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    };

    /** Answers 200 with the text as the body, and ends the exchange. */
    static void answer(HttpExchange exchange, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.ISO_8859_1);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** A started server of these settings with one context. */
    static Http1Server start(EngineProvider provider, String path, HttpHandler handler) throws IOException {
        Http1Server server = (Http1Server) provider.createHttpServer(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext(path, handler);
        server.start();
        return server;
    }

    static Socket open(HttpServer server) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.getAddress().getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** One response head (up to its empty line) from a keep-alive connection. */
    static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) c);
        }
        return head.toString();
    }

    static String exchangeOnce(HttpServer server, String request) throws IOException {
        try (Socket socket = open(server)) {
            write(socket, request);
            socket.shutdownOutput();
            return readToClose(socket);
        }
    }

    @Test
    void sendResponseHeaders_zeroIsChunkedAndMinusOneHasNoBody() throws Exception {
        Http1Server server = start(new EngineProvider(), "/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/chunked")) {
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write("hel".getBytes(StandardCharsets.US_ASCII));
                exchange.getResponseBody().write("lo".getBytes(StandardCharsets.US_ASCII));
            } else {
                exchange.getResponseHeaders().set("X-Kind", "none");
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        try {
            String chunked = exchangeOnce(server, "GET /chunked HTTP/1.1\r\nHost: a\r\n\r\n");
            String none = exchangeOnce(server, "GET /none HTTP/1.1\r\nHost: a\r\n\r\n");
            String http10 = exchangeOnce(server, "GET /chunked HTTP/1.0\r\n\r\n");

            assertTrue(chunked.startsWith("HTTP/1.1 200 OK\r\n") && chunked.contains("\r\nTransfer-Encoding: chunked\r\n")
                    && chunked.endsWith("\r\n\r\n3\r\nhel\r\n2\r\nlo\r\n0\r\n\r\n"), chunked);
            assertTrue(none.startsWith("HTTP/1.1 204 No Content\r\n") && none.contains("\r\nX-Kind: none\r\n")
                    && !none.toLowerCase(Locale.ROOT).contains("content-length") && none.endsWith("\r\n\r\n"), none);
            assertTrue(http10.contains("\r\nConnection: close\r\n") && http10.endsWith("\r\n\r\nhello")
                    && !http10.contains("chunked"), http10);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void keepAlive_pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        Http1Server server = start(new EngineProvider(), "/", ECHO);
        try (Socket socket = open(server)) {
            write(socket, "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\none"
                    + "HEAD /b HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\ntwo\r\n0\r\nT: 1\r\n\r\n"
                    + "GET /d HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            InputStream in = socket.getInputStream();
            String first = readHead(in) + new String(in.readNBytes(3), StandardCharsets.US_ASCII);
            String head = readHead(in);
            String third = readHead(in) + new String(in.readNBytes(3), StandardCharsets.US_ASCII);
            String http10 = readHead(in);

            assertTrue(first.startsWith("HTTP/1.1 200 OK\r\n") && first.endsWith("\r\n\r\none"), first);
            assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
            assertTrue(third.endsWith("\r\n\r\ntwo"), third);
            assertTrue(http10.contains("\r\nConnection: keep-alive\r\n"), http10);
            for (String answer : List.of(first, head, third)) {
                assertFalse(answer.contains("Connection: close"), answer);
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void expectContinue_isAnsweredOnlyWhenTheHandlerReadsTheBodyAndNeverToHttp10() throws Exception {
        Http1Server server = start(new EngineProvider(), "/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/refuse")) {
                exchange.sendResponseHeaders(413, -1);
            } else {
                ECHO.handle(exchange);
            }
        });
        try (Socket socket = open(server)) {
            write(socket, "POST /read HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
            InputStream in = socket.getInputStream();
            String interim = readHead(in);
            write(socket, "ok");
            String answer = readHead(in) + new String(in.readNBytes(2), StandardCharsets.US_ASCII);
            String refused = exchangeOnce(server, "POST /refuse HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n"
                    + "Content-Length: 100\r\n\r\n");
            String http10 = exchangeOnce(server, "POST /read HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok");

            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", interim);
            assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n") && answer.endsWith("ok"), answer);
            assertTrue(refused.startsWith("HTTP/1.1 413 ") && refused.contains("\r\nConnection: close\r\n")
                    && !refused.contains("100 Continue"), refused);
            assertTrue(http10.startsWith("HTTP/1.1 200 OK\r\n") && !http10.contains("100 Continue"), http10);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void contexts_filtersAttributesPrincipalAndRemoval() throws Exception {
        Http1Server server = start(new EngineProvider(), "/app/", exchange -> answer(exchange, exchange.getAttribute("seen") + " "
                + exchange.getPrincipal() + " " + exchange.getHttpContext().getAttributes().get("name") + " " + exchange.getProtocol()));
        server.context("/app/", true).getAttributes().put("name", "app");
        server.context("/app/", true).getFilters().add(new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                exchange.setAttribute("seen", "filtered");
                chain.doFilter(exchange);
                exchange.setAttribute("seen", null);
            }

            @Override
            public String description() {
                return "test";
            }
        });
        try {
            String served = exchangeOnce(server, "GET /app/x HTTP/1.1\r\nHost: a\r\n\r\n");
            String outside = exchangeOnce(server, "GET /other HTTP/1.1\r\nHost: a\r\n\r\n");
            server.removeContext("/app/");
            String removed = exchangeOnce(server, "GET /app/x HTTP/1.1\r\nHost: a\r\n\r\n");

            assertTrue(served.endsWith("\r\n\r\nfiltered null app HTTP/1.1"), served);
            assertTrue(outside.startsWith("HTTP/1.1 404 ") && outside.endsWith("{\"error\":\"No context found for request\"}"), outside);
            assertTrue(removed.startsWith("HTTP/1.1 404 "), removed);
            assertThrows(IllegalArgumentException.class, () -> server.removeContext("/app/"));
            assertThrows(UnsupportedOperationException.class, () -> new EngineProvider().createHttpsServer(null, 0));
        } finally {
            server.stop(0);
        }
    }

    /** ApiRoutes.mount works on a server of this engine as on the JDK's. */
    @Test
    void mount_servesTheRoutesOnThisEngine() throws Exception {
        HttpServer server = new EngineProvider().createHttpServer(new InetSocketAddress("127.0.0.1", 0), 0);
        ApiRoutes.builder().route("/api/users/[id]", (req, res) -> res.json(req.query("id"))).build().mount(server);
        server.start();
        try {
            String answer = exchangeOnce(server, "GET /api/users/7 HTTP/1.1\r\nHost: a\r\n\r\n");

            assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n") && answer.endsWith("\r\n\r\n\"7\""), answer);
        } finally {
            server.stop(0);
        }
    }

    /** The request headers are read-only; a response header value with CR LF is never written. */
    @Test
    void headers_requestOnesAreReadOnlyAndResponseOnesCannotBeInjected() throws Exception {
        Http1Server server = start(new EngineProvider(), "/", exchange -> {
            boolean readOnly;
            try {
                exchange.getRequestHeaders().add("X", "1");
                readOnly = false;
            } catch (UnsupportedOperationException e) {
                readOnly = true;
            }
            exchange.getResponseHeaders().set("X-Read-Only", Boolean.toString(readOnly));
            exchange.sendResponseHeaders(200, -1);
        });
        try {
            String answer = exchangeOnce(server, "GET / HTTP/1.1\r\nHost: a\r\n\r\n");

            assertTrue(answer.contains("\r\nX-Read-Only: true\r\n"), answer);
            assertNull(new EngineProvider().createHttpServer(null, 0).getAddress());
        } finally {
            server.stop(0);
        }
    }

    /** A handler may return and close the exchange from another thread, as the JDK's contract allows. */
    @Test
    void exchange_closedFromAnotherThreadAfterTheHandlerReturns() throws Exception {
        Http1Server server = start(new EngineProvider(), "/", exchange -> new Thread(() -> {
            try {
                Thread.sleep(200);
                answer(exchange, "later");
            } catch (IOException | InterruptedException e) {
                exchange.close();
            }
        }).start());
        try (Socket socket = open(server)) {
            write(socket, "GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\n");
            InputStream in = socket.getInputStream();
            String first = readHead(in) + new String(in.readNBytes(5), StandardCharsets.US_ASCII);
            String second = readHead(in) + new String(in.readNBytes(5), StandardCharsets.US_ASCII);

            assertTrue(first.startsWith("HTTP/1.1 200 OK\r\n") && first.endsWith("later"), first);
            assertTrue(second.startsWith("HTTP/1.1 200 OK\r\n") && second.endsWith("later"), second);
        } finally {
            server.stop(0);
        }
    }

    /** An authenticator of the context runs after its filters and before its handler, as the JDK's own filter does. */
    @Test
    void authenticator_refusesOrSetsThePrincipal() throws Exception {
        Http1Server server = start(new EngineProvider(), "/", exchange -> answer(exchange, String.valueOf(exchange.getPrincipal())));
        server.context("/", true).setAuthenticator(new com.sun.net.httpserver.BasicAuthenticator("realm") {
            @Override
            public boolean checkCredentials(String user, String password) {
                return user.equals("u") && password.equals("p");
            }
        });
        try {
            String refused = exchangeOnce(server, "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            String allowed = exchangeOnce(server, "GET / HTTP/1.1\r\nHost: a\r\nAuthorization: Basic dTpw\r\n\r\n");

            assertTrue(refused.startsWith("HTTP/1.1 401 ") && refused.contains("\r\nWww-Authenticate: Basic realm="), refused);
            assertTrue(allowed.startsWith("HTTP/1.1 200 OK\r\n") && allowed.endsWith("realm:u"), allowed);
        } finally {
            server.stop(0);
        }
    }

    /** {@code -Dcom.sun.net.httpserver.HttpServerProvider=...EngineProvider} makes every HttpServer.create use this engine. */
    @Test
    void provider_isChosenByTheJdksSystemProperty() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-Dcom.sun.net.httpserver.HttpServerProvider=" + EngineProvider.class.getName(),
                "-cp", "build/classes" + File.pathSeparator + "build/test", ProviderProbe.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(Http1Server.class.getName(), out);
    }

    /** A handler that throws on every request: a line each, the stack trace once per exception class. */
    @Test
    void handlerFailures_oneStackTracePerKind_andALineEach() throws Exception {
        try (HostileLog log = new HostileLog()) {
            Http1Server server = start(new EngineProvider(), "/fail", exchange -> {
                if (exchange.getRequestURI().getQuery() != null) {
                    throw new IllegalArgumentException("other");
                }
                throw new IllegalStateException("always");
            });
            try {
                for (int i = 0; i < 20; i++) {
                    assertEquals("", exchangeOnce(server, "GET /fail HTTP/1.1\r\nHost: a\r\n\r\n"));
                }
                exchangeOnce(server, "GET /fail?o HTTP/1.1\r\nHost: a\r\n\r\n");
                exchangeOnce(server, "GET /fail?o HTTP/1.1\r\nHost: a\r\n\r\n");
            } finally {
                server.stop(0);
            }

            List<LogRecord> lines = new ArrayList<>();
            List<Throwable> traced = new ArrayList<>();
            for (LogRecord record : log.records()) {
                if (record.getMessage().startsWith("handler of /fail failed on GET /fail")) {
                    lines.add(record);
                    if (record.getThrown() != null) {
                        traced.add(record.getThrown());
                    }
                }
            }
            assertEquals(22, lines.size());
            assertEquals(2, traced.size(), traced.toString());
            assertTrue(traced.get(0) instanceof IllegalStateException && traced.get(1) instanceof IllegalArgumentException);
            assertEquals("handler of /fail failed on GET /fail: java.lang.IllegalStateException (stack trace logged for"
                    + " the first of its kind)", lines.get(1).getMessage());
        }
    }

    /** Everything the server sends until it closes the connection (or 10 s pass). */
    static String readToClose(Socket socket) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            socket.getInputStream().transferTo(all);
        } catch (SocketException e) {
            // a reset ends it too
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }
}
