package io.apiroutes.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apiroutes.ApiException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The memory budget directly, no socket: what fits, what never can, and a wait that ends when memory comes back. */
class MemoryBudgetTest {
    @Test
    void tryReserve_takesWhatFits_andRefusesThePast() {
        MemoryBudget budget = new MemoryBudget(100);

        assertTrue(budget.tryReserve(60));
        assertTrue(budget.tryReserve(40));
        assertFalse(budget.tryReserve(1));
        budget.release(40);
        assertTrue(budget.tryReserve(40));
    }

    @Test
    void reserve_moreThanTheWholeBudget_is413AtOnce() {
        MemoryBudget budget = new MemoryBudget(100);

        ApiException e = assertThrows(ApiException.class, () -> budget.reserve(101));

        assertEquals(413, e.status());
    }

    @Test
    void reserve_waitsForMemoryGivenBack() throws Exception {
        MemoryBudget budget = new MemoryBudget(100);
        budget.reserve(80);
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> budget.reserve(50));
        Thread.sleep(50);
        assertFalse(waiting.isDone(), "it must wait while the memory is taken");

        budget.release(80);

        waiting.get(5, TimeUnit.SECONDS);
        assertFalse(budget.tryReserve(51), "the waiter holds its 50");
        assertTrue(budget.tryReserve(50));
    }

    @Test
    void reserve_interruptedWhileWaiting_is503AndKeepsTheInterrupt() throws Exception {
        MemoryBudget budget = new MemoryBudget(100);
        budget.reserve(100);
        Thread.currentThread().interrupt();

        ApiException e = assertThrows(ApiException.class, () -> budget.reserve(1));

        assertEquals(503, e.status());
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        budget.release(100);
        assertTrue(budget.tryReserve(100), "a refused wait took nothing");
    }
}
