package io.apiroutes.http1;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.apiroutes.http.TimeLimits;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's {@code HttpServer}. One platform thread (the dispatcher) accepts connections, holds
 * those that wait for a request head without a thread (platform-thread mode), and closes every
 * connection past its deadline. A connection is served, request after request, on one thread:
 * a virtual thread for its whole life, or a pool thread while requests keep coming.
 */
// Longer than 400 lines because the selector loop owns the connection sets only it touches (waiting,
// parking, live) and the cap's eviction over them, as the JDK's ServerImpl owns its own.
public final class Http1Server extends HttpServer implements Runnable, ThreadFactory {
    /** How often deadlines are checked, and how long a pool thread waits for the next request before parking. */
    static final int TICK_MILLIS = TimeLimits.TICK_MILLIS;

    final EngineSettings settings;
    final Set<Connection> live = ConcurrentHashMap.newKeySet();
    final AtomicInteger idle = new AtomicInteger();
    final AtomicInteger exchanges = new AtomicInteger();
    /** Connections closed to make room at the cap or within the partial heads' budget, and new ones closed at the cap. */
    final AtomicLong evicted = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    /** The bytes of request heads waiting in the pool's queue for a thread, within {@code maxWaitingBytes}. */
    final AtomicLong queuedBytes = new AtomicLong();
    /** Connections past the cap, admitted for a health check: {@link #RESERVE} at most. */
    private final AtomicInteger reserved = new AtomicInteger();
    /**
     * How many connections past the cap may wait for their head when every connection is busy:
     * those that ask for a health path are served (and closed), the others get 503. A health
     * probe gets through a server full of busy clients.
     */
    static final int RESERVE = 64;
    /**
     * How long a connection must have waited for a request before a new one at the cap takes its
     * place: a connection that just came is sending its request, and a busy server's only waiting
     * connections are such ones.
     */
    static final long EVICT_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** {@link #EVICT_AFTER_NANOS}, which the engine's tests change on a server they made. */
    volatile long evictAfterNanos = EVICT_AFTER_NANOS;
    /** The most connections accepted in one round of the dispatcher: it reads the heads that came in between. */
    static final int ACCEPTS_PER_ROUND = 64;
    /** Which handlers' failures were logged with their stack trace. */
    final HandlerFailures failures = new HandlerFailures();
    private final List<Http1Context> contexts = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Connection> parking = new ConcurrentLinkedQueue<>();
    /** The connections waiting without a thread, oldest first: the dispatcher's alone. */
    private final Set<Connection> waiting = new LinkedHashSet<>();
    /** The bytes of partial heads that {@link #waiting} connections hold: the dispatcher's alone. */
    private long waitingBytes;
    /** Where the dispatcher reads what waiting connections send, before each keeps just its bytes. */
    private final ByteBuffer scratch = ByteBuffer.allocate(16 * 1024);
    private ServerSocketChannel listener;
    private Selector selector;
    private Thread dispatcher;
    private Executor executor;
    /** {@code Thread.startVirtualThread} (Java 21+), looked up at start so that the build targets 17. */
    private MethodHandle startVirtual;
    private WorkerPool pool;
    volatile boolean stopping;
    private volatile long dateSecond;
    private volatile byte[] dateLine;

    public Http1Server(EngineSettings settings) {
        this.settings = settings;
    }

    @Override
    public void bind(InetSocketAddress address, int backlog) throws IOException {
        Objects.requireNonNull(address, "address");
        if (listener != null) {
            throw new BindException("already bound");
        }
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.bind(address, Math.max(backlog, 0));
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        listener = channel;
    }

    @Override
    public void start() {
        if (listener == null || dispatcher != null) {
            throw new IllegalStateException(listener == null ? "server not bound" : "server already started");
        }
        if (executor == null && settings.virtualThreads()) {
            try {
                startVirtual = MethodHandles.publicLookup().findStatic(Thread.class, "startVirtualThread",
                        MethodType.methodType(Thread.class, Runnable.class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("virtual threads are not available", e);
            }
        } else if (executor == null) {
            // At most maxThreads, made when every thread is busy and gone after a minute idle; a
            // connection waits in the queue (bounded by the connection cap) while all are busy.
            pool = new WorkerPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), settings.maxThreads(),
                    settings.maxConnections(), this);
        }
        dispatcher = new Thread(this, "apiroutes-engine-" + listener.socket().getLocalPort());
        dispatcher.start();
    }

    @Override
    public void setExecutor(Executor executor) {
        if (dispatcher != null) {
            throw new IllegalStateException("server already started");
        }
        this.executor = executor;
    }

    @Override
    public Executor getExecutor() {
        return executor;
    }

    /**
     * Stops accepting, closes idle connections, lets exchanges in progress finish for up to
     * {@code delay} seconds (their responses say {@code Connection: close}), then closes the rest.
     */
    @Override
    public void stop(int delay) {
        if (delay < 0) {
            throw new IllegalArgumentException("negative delay parameter");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(delay);
        try {
            stopAccepting();
            // As the JDK's engine does: the connections it has are served (each answer says
            // Connection: close) until no exchange runs, or the delay is over.
            while (exchanges.get() > 0 && System.nanoTime() - deadline < 0) {
                Thread.sleep(5);
            }
        } catch (IOException e) {
            // the listener is closed anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // asked to hurry: close everything now
        }
        for (Connection connection : live) {
            connection.close();
        }
        if (dispatcher != null) {
            selector.wakeup();
            try {
                dispatcher.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (selector != null) {
            try {
                selector.close(); // never started: nothing else deregisters the listener, whose port stays taken
            } catch (IOException e) {
                // closed anyway
            }
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /**
     * The first half of a stop: closes the listening socket (a new connection is refused, which a
     * balancer may safely retry elsewhere) and has every answer close its connection, while the
     * connections the server has are still served until {@link #stop(int)}.
     *
     * @throws IOException when closing the listening socket fails
     */
    public void stopAccepting() throws IOException {
        stopping = true;
        if (listener != null) {
            listener.close();
        }
    }

    @Override
    public HttpContext createContext(String path, HttpHandler handler) {
        Http1Context context = createContext(path);
        context.setHandler(Objects.requireNonNull(handler, "handler"));
        return context;
    }

    @Override
    public synchronized Http1Context createContext(String path) {
        if (!Objects.requireNonNull(path, "path").startsWith("/")) {
            throw new IllegalArgumentException("a context path must start with /");
        }
        if (context(path, true) != null) {
            throw new IllegalArgumentException("a context already exists for " + path);
        }
        Http1Context context = new Http1Context(this, path);
        contexts.add(context);
        return context;
    }

    @Override
    public synchronized void removeContext(String path) {
        Http1Context context = context(Objects.requireNonNull(path, "path"), true);
        if (context == null) {
            throw new IllegalArgumentException("no context for " + path);
        }
        contexts.remove(context);
    }

    @Override
    public void removeContext(HttpContext context) {
        contexts.remove(Objects.requireNonNull(context, "context"));
    }

    @Override
    public InetSocketAddress getAddress() {
        return listener == null ? null : (InetSocketAddress) listener.socket().getLocalSocketAddress();
    }

    /** Says how connections are served, for a start-up log. */
    @Override
    public String toString() {
        return "apiroutes engine, " + (executor != null ? "the application's executor"
                : settings.virtualThreads() ? "a virtual thread per busy connection" : "platform threads");
    }

    /** The context for a path: the one with the longest prefix of it, as the JDK chooses; or, when exact, the one of that path. */
    Http1Context context(String path, boolean exact) {
        Http1Context found = null;
        for (Http1Context context : contexts) {
            String prefix = context.getPath();
            if ((exact ? path.equals(prefix) : path.startsWith(prefix))
                    && (found == null || prefix.length() > found.getPath().length())) {
                found = context;
            }
        }
        return found;
    }

    /**
     * The {@code Date} header line of a second since the epoch, {@code Date: Thu, 04 Dec 2026 04:00:32 GMT},
     * written by hand: a {@code DateTimeFormatter} with English names loads the JDK's locale data,
     * about 12 ms of the first request.
     */
    static byte[] httpDate(long second) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
        byte[] line = "Date: Mon, 00 Jan 0000 00:00:00 GMT\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int day = (t.getDayOfWeek().getValue() - 1) * 3;
        int month = (t.getMonthValue() - 1) * 3;
        for (int i = 0; i < 3; i++) {
            line[6 + i] = (byte) "MonTueWedThuFriSatSun".charAt(day + i);
            line[14 + i] = (byte) "JanFebMarAprMayJunJulAugSepOctNovDec".charAt(month + i);
        }
        digits(line, 11, 2, t.getDayOfMonth());
        digits(line, 18, 4, t.getYear());
        digits(line, 23, 2, t.getHour());
        digits(line, 26, 2, t.getMinute());
        digits(line, 29, 2, t.getSecond());
        return line;
    }

    private static void digits(byte[] line, int at, int width, int n) {
        for (int i = at + width - 1; i >= at; i--, n /= 10) {
            line[i] = (byte) ('0' + n % 10);
        }
    }

    /** The {@code Date} header line, formatted once a second. */
    byte[] dateLine() {
        long second = System.currentTimeMillis() / 1000;
        byte[] line = dateLine;
        if (line == null || second != dateSecond) {
            line = httpDate(second);
            dateLine = line;
            dateSecond = second;
        }
        return line;
    }

    /**
     * Serves a connection on a thread: a new virtual thread, the application's executor, or the
     * pool. When none is to be had (the pool's queue is full, the executor refuses or is shut
     * down) the request gets 503 and the connection closes: never a slot kept without a thread.
     */
    void serve(Connection connection) {
        if (connection.reserve && !connection.priority()) {
            connection.writer.refuseBusy();
            return;
        }
        if (pool != null && !connection.queue()) {
            connection.writer.refuseBusy(); // the heads waiting for a thread hold their budget: a flood of large heads gets 503
            return;
        }
        try {
            if (startVirtual != null) {
                startVirtual.invoke(connection);
            } else if (pool != null && connection.priority()) {
                if (!pool.executeFirst(connection)) {
                    connection.writer.refuseBusy();
                }
            } else {
                (executor != null ? executor : pool).execute(connection);
            }
        } catch (Throwable e) {
            connection.writer.refuseBusy();
        }
    }

    /** Whether busy connections run on virtual threads. */
    boolean virtualThreads() {
        return startVirtual != null;
    }

    /** The connections waiting for a pool thread. */
    int queued() {
        return pool == null ? 0 : pool.queued();
    }

    /** The most pool threads there ever were at once (0 with virtual threads). */
    int largestPool() {
        return pool == null ? 0 : pool.largest();
    }

    /** Whether other connections wait for a pool thread: a thread then gives its connection back between requests. */
    boolean othersWaiting() {
        return pool != null && pool.backlogged();
    }

    /** Takes back a connection (in non-blocking mode) to wait for its next request without a thread. */
    void park(Connection connection) {
        parking.add(connection);
        selector.wakeup();
    }

    /** A pool thread: a daemon, since the dispatcher is the thread that keeps the JVM alive. */
    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, "apiroutes-engine-worker");
        thread.setDaemon(true);
        return thread;
    }

    /** The dispatcher: accepts, reads request heads of parked connections, and closes what is past its deadline. */
    @Override
    public void run() {
        List<Connection> ready = new ArrayList<>();
        long nextTick = System.nanoTime();
        while (!stopping || !live.isEmpty()) {
            try {
                selector.select(pool != null && pool.backlogged() ? 10 : TICK_MILLIS);
                if (pool != null) {
                    pool.look(System.nanoTime());
                }
                dispatch(ready);
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    nextTick = now + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
                    for (Connection c : live) {
                        c.checkDeadline(now);
                    }
                    for (java.util.Iterator<Connection> parked = waiting.iterator(); parked.hasNext(); ) {
                        Connection c = parked.next();
                        if (!c.open() && unparkClosed(c)) {
                            parked.remove();
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!selector.isOpen()) {
                    break;
                }
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    /** Registers the connections that gave their thread back, but those whose next head is already in. */
    private void registerParked(List<Connection> ready) {
        for (Connection c; (c = parking.poll()) != null; ) {
            if (c.hasHead()) {
                ready.add(c);
            } else if (c.open()) {
                try {
                    c.key = c.channel.register(selector, SelectionKey.OP_READ, c);
                    c.parkedSince = System.nanoTime();
                    waiting.add(c);
                    waitingBytes += c.parkedBytes();
                } catch (IOException | RuntimeException e) {
                    c.close();
                }
            }
        }
    }

    /**
     * Registers the connections given back to wait for a request, reads those that are readable,
     * accepts, and hands the connections with a whole request head to threads.
     */
    private void dispatch(List<Connection> ready) throws IOException {
        registerParked(ready);
        for (SelectionKey key : selector.selectedKeys()) {
            if (!key.isValid()) {
                continue;
            }
            if (key.attachment() instanceof Connection) {
                Connection c = (Connection) key.attachment();
                int before = c.parkedBytes();
                boolean wantsThread = c.readParked(scratch);
                waitingBytes += c.parkedBytes() - before;
                if (wantsThread || !c.open()) {
                    unpark(c);
                }
                if (wantsThread) {
                    key.cancel();
                    ready.add(c);
                }
            } else if (key.isAcceptable()) {
                try {
                    accept();
                } catch (IOException e) {
                    // out of file descriptors, say: the listener stays ready; pause rather than spin
                    java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
                }
            }
        }
        selector.selectedKeys().clear();
        while (waitingBytes > settings.maxWaitingBytes() && evictOldest(0)) {
            // partial heads past their budget: the longest waiting go first
        }
        if (!ready.isEmpty()) {
            selector.selectNow(); // deregisters the cancelled keys, so the channels can block again
            for (Connection c : ready) {
                c.resume();
            }
            ready.clear();
        }
    }

    /** Counts out the bytes of a waiting connection that closed (its deadline passed); true to remove it. */
    private boolean unparkClosed(Connection c) {
        waitingBytes -= c.parkedBytes();
        return true;
    }

    /** Takes a connection out of the waiting ones, when it goes to a thread or closes. */
    private void unpark(Connection c) {
        if (waiting.remove(c)) {
            waitingBytes -= c.parkedBytes();
        }
    }

    /**
     * Closes the connection that has waited longest without a thread (an idle keep-alive
     * connection, or a head that stalled), as nginx reuses idle connections when it runs out:
     * those that send their requests are served, those that hold a slot and send nothing give it up.
     *
     * @return false when no connection waits
     */
    private boolean evictOldest(long minWaitNanos) {
        long now = System.nanoTime();
        Iterator<Connection> oldest = waiting.iterator();
        while (oldest.hasNext()) {
            Connection c = oldest.next();
            if (c.reserve && c.open()) {
                continue; // past the cap already: evicting it makes no room
            }
            if (c.open() && now - c.parkedSince < minWaitNanos) {
                return false; // the oldest is young: a connection that just came, its request on the way
            }
            oldest.remove();
            waitingBytes -= c.parkedBytes();
            if (c.open()) {
                c.close();
                evicted.incrementAndGet();
                return true;
            }
        }
        return false;
    }

    /** Closes the reserve connection that has waited longest for its head, for a newer one; false when none waits. */
    private boolean evictOldestReserve() {
        for (Connection c : waiting) {
            if (c.reserve && c.open()) {
                waiting.remove(c);
                waitingBytes -= c.parkedBytes();
                c.close();
                evicted.incrementAndGet();
                return true;
            }
        }
        return false;
    }

    /**
     * Accepts what the listener has. At the connection cap the longest-waiting connection makes
     * room; when every connection is busy on a thread, the new one is closed at once (the client
     * may retry elsewhere) rather than left in the accept queue.
     */
    private void accept() throws IOException {
        SocketChannel channel;
        for (int round = 0; round < ACCEPTS_PER_ROUND && (channel = listener.accept()) != null; round++) {
            boolean reserve = false;
            if (live.size() - reserved.get() >= settings.maxConnections() && !evictOldest(evictAfterNanos)) {
                if (settings.priorityPaths().isEmpty() || reserved.get() >= RESERVE && !evictOldestReserve()) {
                    refused.incrementAndGet();
                    channel.close();
                    continue;
                }
                reserve = true; // served only if it asks for a health path
                reserved.incrementAndGet();
            }
            Connection c = new Connection(this, channel, reserve);
            live.add(c);
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                c.key = channel.register(selector, SelectionKey.OP_READ, c);
                c.parkedSince = System.nanoTime();
                waiting.add(c);
            } catch (IOException | RuntimeException e) {
                c.close(); // the client left at once: its slot is free again
            }
        }
    }

    /** Counts a connection out. */
    void closed(Connection connection) {
        if (live.remove(connection) && connection.reserve) {
            reserved.decrementAndGet();
        }
    }
}
