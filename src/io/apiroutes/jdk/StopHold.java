package io.apiroutes.jdk;

import com.sun.net.httpserver.HttpServer;
import io.apiroutes.exchange.RequestGate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The first half of a graceful stop on the JDK's engine, which has no way to stop accepting
 * connections and go on serving the ones it has: its {@code stop(delay)} closes the listening
 * socket, then serves until its last exchange ends and closes every connection, idle ones too. So
 * the stop sends a request of its own, which the gate holds until the stop is over, and calls
 * {@code stop(delay)} on a thread of its own: the held exchange keeps the JDK from closing the other
 * connections before the gate's quiet period. apiroutes' engine stops accepting by itself
 * ({@code Http1Server.stopAccepting}) and needs none of this.
 */
public final class StopHold implements AutoCloseable {
    /** How many times the stop tries a connection of its own, to see the listening socket closed. */
    private static final int PROBES = 1000;

    private final Socket socket;
    private final boolean held;

    private StopHold(Socket socket, boolean held) {
        this.socket = socket;
        this.held = held;
    }

    /**
     * Holds a request of the stop's own and has the JDK's engine stop accepting; returns once new
     * connections are refused, or the hold failed (the connections then close with the listening
     * socket, at the end).
     *
     * @param server the JDK's server
     * @param gate the server's gate, which holds the request
     * @param grace the stop's grace period
     * @param deadline when the grace period is over, a {@link System#nanoTime()} value
     * @return the hold, to close when the stop is over
     * @throws InterruptedException when the stopping thread is interrupted
     */
    public static StopHold begin(HttpServer server, RequestGate gate, Duration grace, long deadline) throws InterruptedException {
        InetSocketAddress bound = server.getAddress();
        InetSocketAddress self = bound.getAddress().isAnyLocalAddress()
                ? new InetSocketAddress(InetAddress.getLoopbackAddress(), bound.getPort()) : bound;
        Socket socket = connect(self);
        boolean held = socket != null && hold(socket, gate, deadline);
        if (held) {
            Thread closer = new Thread(() -> server.stop((int) Math.min(grace.toSeconds() + 2, 100_000)), "apiroutes-stop");
            closer.setDaemon(true);
            closer.start();
            // Answers close their connections only once new ones are refused: before, each close
            // would bring a new connection, and one still in the accept queue when the listening
            // socket closes is reset, with its request.
            Socket probe;
            for (int i = 0; i < PROBES && (probe = connect(self)) != null; i++) {
                close(probe);
                Thread.sleep(1);
            }
        }
        return new StopHold(socket, held);
    }

    /** Whether the stop's own request is held: one exchange on the executor is the stop's. */
    public boolean held() {
        return held;
    }

    /** Lets the held request's connection go. */
    @Override
    public void close() {
        if (socket != null) {
            close(socket);
        }
    }

    private static boolean hold(Socket socket, RequestGate gate, long deadline) throws InterruptedException {
        try {
            socket.getOutputStream().write(("GET " + gate.armHold() + " HTTP/1.1\r\nHost: stop\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return gate.awaitHeld(deadline);
        } catch (IOException e) {
            return false;
        }
    }

    /** A connection of the server's own, or null when it is refused. */
    private static Socket connect(InetSocketAddress self) {
        try {
            return new Socket(self.getAddress(), self.getPort());
        } catch (IOException e) {
            return null;
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // a socket of the server's own: nothing to do
        }
    }
}
