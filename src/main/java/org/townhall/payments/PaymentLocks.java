package org.townhall.payments;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One request at a time, in this instance, talks to the provider about a payment. Across
 * instances, what they do counts once through PostgreSQL (the payment's row lock; for a start,
 * its unique idempotency key, which the provider honours too). This lock comes first so that
 * fifty repeats of one request (a resident hammering reload, a retry storm) wait here without a database connection
 * each, instead of taking the whole connection pool to queue on one row while another resident
 * cannot get a connection at all. Striped, so memory stays fixed however many payments there are;
 * two payments sharing a stripe only wait for each other's provider call.
 */
final class PaymentLocks {

    private static final int STRIPES = 1024;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    PaymentLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * As {@link #holding(String, Supplier)}, for work on what the caller read before it came here:
     * taken as it is when nobody held the lock (nothing here changed it meanwhile, and what another
     * instance did the row lock and the lifecycle table settle anyway), read again when another
     * request did, as it may just have finished the same payment.
     */
    <R, T> T holding(String paymentRef, R readBefore, Supplier<R> readAgain, Function<R, T> work) {
        ReentrantLock lock = stripes[Math.floorMod(paymentRef.hashCode(), STRIPES)];
        boolean first = lock.tryLock();
        if (!first) {
            lock.lock();
        }
        try {
            return work.apply(first ? readBefore : readAgain.get());
        } finally {
            lock.unlock();
        }
    }

    <T> T holding(String paymentRef, Supplier<T> work) {
        ReentrantLock lock = stripes[Math.floorMod(paymentRef.hashCode(), STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
