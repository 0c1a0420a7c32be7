package org.townhall.accounts;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.accounts.store.ResetRequestStore;
import org.townhall.accounts.store.ResetRequestStore.ResetRequest;
import org.townhall.platform.ClientOrigin;

/**
 * "Forgotten your password?" answered so that nothing about the answer depends on whether the
 * address has an account. Looking the address up, making a token and writing the email took
 * about 2 ms longer than finding nothing, enough to tell nine times in ten from a single request
 * which addresses are residents'. So the page does only what is the same for every address: it
 * writes the request to a queue table and answers. A thread of its own then handles the queue
 * (ResidentAccounts.sendResetLink), straight after the request commits and every half minute for
 * anything left (a crash, another instance's request). Rows are taken with SKIP LOCKED, so two
 * instances never handle one twice. The shield's per-client limit on this form still applies.
 */
@Service
public class PasswordResetRequests {

    private static final Logger log = LoggerFactory.getLogger(PasswordResetRequests.class);
    /** How often the queue is swept for requests no nudge reached. */
    static final Duration SWEEP = Duration.ofSeconds(30);
    /** A reset link that could not be sent within an hour is no use: the resident has asked again. */
    static final Duration GIVE_UP_AFTER = Duration.ofHours(1);

    private final ResetRequestStore queue;
    private final ResidentAccounts accounts;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AtomicBoolean nudged = new AtomicBoolean();
    /** Its own thread, not the scheduling pool: one job, and it must never wait behind another. */
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(workerThread());

    PasswordResetRequests(ResetRequestStore queue, ResidentAccounts accounts, TransactionTemplate transactions, Clock clock) {
        this.queue = queue;
        this.accounts = accounts;
        this.transactions = transactions;
        this.clock = clock;
        worker.scheduleWithFixedDelay(this::drain, SWEEP.toSeconds(), SWEEP.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Queues a request and returns at once. The request thread writes one row and reads nothing,
     * so the same statement is issued, in the same time, for an address with an account and
     * without; the resident is told to check their email either way.
     */
    public void request(String email, ClientOrigin origin) {
        queue.add(email.trim(), origin, clock.instant());
        nudge();
    }

    private void nudge() {
        // One drain waiting is enough: it takes every request queued before it starts.
        if (nudged.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    /** Handles every queued request, oldest first; returns how many. */
    int drain() {
        nudged.set(false);
        int handled = 0;
        try {
            while (Boolean.TRUE.equals(transactions.execute(status -> handleOldest()))) {
                handled++;
            }
        } catch (RuntimeException e) {
            // The request stays queued and the sweep tries again (for an hour); the address is not logged.
            log.warn("A password reset request could not be handled and waits for the next sweep: {}", e.getClass().getSimpleName());
        }
        return handled;
    }

    private boolean handleOldest() {
        Optional<ResetRequest> next = queue.claimOldest();
        next.ifPresent(request -> {
            if (request.requestedAt().isBefore(clock.instant().minus(GIVE_UP_AFTER))) {
                log.warn("A password reset request could not be handled within {} and was dropped", GIVE_UP_AFTER);
            } else {
                accounts.sendResetLink(request.email(), request.origin());
            }
            queue.remove(request.id());
        });
        return next.isPresent();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private static CustomizableThreadFactory workerThread() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("password-reset-");
        threads.setDaemon(true);
        return threads;
    }
}
