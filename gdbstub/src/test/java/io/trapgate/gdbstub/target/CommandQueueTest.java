package io.trapgate.gdbstub.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CommandQueueTest {

    @Test
    void commandsRunInSubmissionOrderOnTheDrainingThread() {
        CommandQueue q = new CommandQueue();
        List<String> ran = new ArrayList<>();
        q.submit(() -> ran.add("a"));
        q.submit(() -> ran.add("b"));
        assertTrue(q.hasPending());
        assertEquals(2, q.drain());
        assertEquals(List.of("a", "b"), ran);
        assertFalse(q.hasPending());
    }

    @Test
    void drainStopsAfterTheCommandThatEndsTheMachineAndKeepsTheRestQueued() {
        CommandQueue q = new CommandQueue();
        List<String> ran = new ArrayList<>();
        boolean[] reset = new boolean[1];
        q.submit(() -> {
            ran.add("reset");
            reset[0] = true;
        });
        q.submit(() -> ran.add("read registers"));
        assertEquals(1, q.drain(() -> reset[0]));
        assertEquals(List.of("reset"), ran);
        assertTrue(q.hasPending(), "the next machine's drain must be woken for what is left");
        assertEquals(1, q.drain());
        assertEquals(List.of("reset", "read registers"), ran);
    }

    @Test
    void awaitReturnsEmptyHandedAfterTheTimeout() {
        assertEquals(0, new CommandQueue().awaitAndDrain(TimeUnit.MILLISECONDS.toNanos(30)));
    }

    @Test
    void awaitWakesForACommandFromAnotherThread() throws InterruptedException {
        CommandQueue q = new CommandQueue();
        boolean[] ran = new boolean[1];
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            q.submit(() -> ran[0] = true);
        });
        t.start();
        long start = System.nanoTime();
        int n = 0;
        while (n == 0 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5)) {
            n = q.awaitAndDrain(TimeUnit.SECONDS.toNanos(5));
        }
        t.join();
        assertEquals(1, n);
        assertTrue(ran[0]);
    }
}
