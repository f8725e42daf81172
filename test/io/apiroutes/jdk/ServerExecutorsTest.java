package io.apiroutes.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServerExecutorsTest {

    @Test
    void create_picksVirtualThreadsFromJava24AndAPoolBefore() throws Exception {
        ServerExecutors.Choice choice = ServerExecutors.create();
        try {
            boolean virtual = CompletableFuture.supplyAsync(() -> Thread.currentThread().toString(), choice.executor())
                    .get(5, TimeUnit.SECONDS).startsWith("VirtualThread");

            // The pool's base follows the machine: twice its cores, at least 4.
            int base = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
            assertEquals(Runtime.version().feature() >= 24, virtual, choice.description());
            assertEquals(virtual ? "virtual threads" : "thread pool of " + base + " growing to 512", choice.description());
        } finally {
            choice.executor().shutdownNow();
        }
    }

    @Test
    void virtualThreadFactory_existsExactlyFromJava21() {
        if (Runtime.version().feature() >= 21) {
            assertNotNull(ServerExecutors.virtualThreadFactory());
        } else {
            assertNull(ServerExecutors.virtualThreadFactory());
        }
    }
}
