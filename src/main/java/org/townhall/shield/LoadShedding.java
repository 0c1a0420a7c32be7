package org.townhall.shield;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.AbstractPartitionedLimiter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * How many requests run at once, adapting to latency (Netflix concurrency-limits' Gradient2: when
 * responses slow down the limit falls, when they recover it rises). The limit is shared by class:
 * essential requests are guaranteed half of it, normal 35%, bulk 15%, and a class may borrow what
 * the others leave unused. Under overload the classes over their share are refused: bulk first,
 * because its share is smallest, essential last.
 */
@Component
public class LoadShedding {

    static final double ESSENTIAL_SHARE = 0.50;
    static final double NORMAL_SHARE = 0.35;
    static final double BULK_SHARE = 0.15;
    /**
     * The adaptive limit never falls below this: CPU is protected by the bulk cap below, so the
     * limit need not starve the essential half when hashing makes every response slow.
     */
    static final int MIN_LIMIT = 32;
    /** How long a bulk request may wait for a core before it is shed. */
    static final Duration BULK_WAIT = Duration.ofSeconds(1);
    /**
     * Bulk requests that may wait for each bulk slot. Past that a bulk request is shed at once: a
     * botnet's requests, each under its own address's limit, would otherwise fill the queue, hold a
     * connection and a thread for the whole wait, and make every legitimate look-up wait behind them.
     */
    static final int BULK_QUEUE_PER_SLOT = 8;

    private final Limit limit;
    private final Limiter<RequestClass> limiter;
    /**
     * Bulk work (sign-in attempts hash a password; look-ups query) never runs on more than half the
     * machine's cores at once, so an attack spread over enough addresses to pass every per-client
     * limit still leaves the other half to residents and staff.
     */
    private final Semaphore bulkRunning;
    private final int bulkSlots;
    private final AtomicInteger bulkWaiting = new AtomicInteger();

    LoadShedding(ShieldSettings settings, MeterRegistry meters) {
        this.limit = settings.fixedConcurrency() != null ? FixedLimit.of(settings.fixedConcurrency())
                : Gradient2Limit.newBuilder().initialLimit(settings.initialConcurrency()).minLimit(MIN_LIMIT)
                .maxConcurrency(settings.maxConcurrency()).build();
        this.limiter = new ByClass().named("townhall").limit(limit).partitionResolver(RequestClass::name)
                .partition(RequestClass.ESSENTIAL.name(), ESSENTIAL_SHARE)
                .partition(RequestClass.NORMAL.name(), NORMAL_SHARE)
                .partition(RequestClass.BULK.name(), BULK_SHARE)
                .build();
        this.bulkSlots = settings.bulkConcurrency();
        this.bulkRunning = new Semaphore(bulkSlots);
        Gauge.builder("townhall.shield.concurrency.limit", limit, Limit::getLimit)
                .description("Requests allowed in flight at once (all classes)").register(meters);
    }

    /** A slot for the request, to be released when it ends; empty when the request is to be shed. */
    public Optional<Limiter.Listener> acquire(RequestClass requestClass) {
        if (requestClass != RequestClass.BULK) {
            return limiter.acquire(requestClass);
        }
        if (!bulkRunning.tryAcquire()) {
            if (queueIsFull(bulkWaiting.incrementAndGet() - 1, bulkSlots)) {
                bulkWaiting.decrementAndGet();
                return Optional.empty();
            }
            try {
                // A short, bounded wait: a resident's look-up queues behind a few others instead of being
                // shed at once; a flood's attempts wait their turn and are shed when it does not come.
                if (!bulkRunning.tryAcquire(BULK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    return Optional.empty();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } finally {
                bulkWaiting.decrementAndGet();
            }
        }
        Optional<Limiter.Listener> slot = limiter.acquire(requestClass);
        if (slot.isEmpty()) {
            bulkRunning.release();
            return slot;
        }
        return Optional.of(new ReleasingBulk(slot.get(), bulkRunning));
    }

    /** Whether a bulk request finding {@code waiting} others already queued for {@code slots} slots is shed without waiting. */
    static boolean queueIsFull(int waiting, int slots) {
        return waiting >= slots * BULK_QUEUE_PER_SLOT;
    }

    private record ReleasingBulk(Limiter.Listener slot, Semaphore running) implements Limiter.Listener {
        @Override
        public void onSuccess() {
            running.release();
            slot.onSuccess();
        }

        @Override
        public void onIgnore() {
            running.release();
            slot.onIgnore();
        }

        @Override
        public void onDropped() {
            running.release();
            slot.onDropped();
        }
    }

    public int currentLimit() {
        return limit.getLimit();
    }

    private static final class ByClass extends AbstractPartitionedLimiter.Builder<ByClass, RequestClass> {
        @Override
        protected ByClass self() {
            return this;
        }
    }
}
