package org.townhall.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A receipt settles the payment it has just read, without reading it again, only when no other
 * request in this instance was working on it: one that was may just have finished it.
 */
class PaymentLocksTest {

    private final PaymentLocks locks = new PaymentLocks();

    @Test
    void workOnAPaymentNobodyElseHoldsUsesWhatWasReadBefore() {
        String seen = locks.holding("PAY-1", "read before", () -> "read again", row -> row);

        assertThat(seen).isEqualTo("read before");
    }

    @Test
    void workThatWaitedForAnotherRequestOnTheSamePaymentReadsItAgain() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> settling = other.submit(() -> locks.holding("PAY-2", () -> {
                held.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            held.await(10, TimeUnit.SECONDS);
            // Let the other request finish only once this one is parked waiting for the lock.
            Thread waiting = Thread.currentThread();
            Thread releaser = new Thread(() -> {
                while (waiting.getState() != Thread.State.WAITING) {
                    Thread.onSpinWait();
                }
                release.countDown();
            });
            releaser.start();

            String seen = locks.holding("PAY-2", "read before", () -> "read again", row -> row);

            assertThat(seen).isEqualTo("read again");
            settling.get(10, TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
    }
}
