package org.townhall.notifications.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.notifications.store.OutboxStore;
import org.townhall.notifications.store.OutboxStore.OutboxMessage;

/**
 * Delivers queued messages: on a delivery thread straight after the act commits, and again by a
 * sweep every minute for whatever is due on its {@link RetrySchedule}. A sender first claims a
 * message (moving its next attempt forward in one statement), then calls the provider with no
 * database connection held, then records what happened: so two senders, on one instance or
 * several, never try one message at once, and a slow provider never holds the connection pool.
 */
@Component
public class OutboxDelivery {

    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);
    private static final int SENDERS = 2;
    private static final int WAITING = 1_000;
    /** At most this many attempts per sweep; the rest wait for the next minute. */
    private static final int SWEEP_LIMIT = 100;

    private final OutboxStore outbox;
    private final NotificationChannel channel;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock;
    private final Counter failedAttempts;
    private final Counter givenUp;
    private final ThreadPoolExecutor senders = new ThreadPoolExecutor(SENDERS, SENDERS, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(WAITING), senderThreads(), new ThreadPoolExecutor.DiscardPolicy());

    OutboxDelivery(OutboxStore outbox, NotificationChannel channel, TransactionTemplate transactions, AuditTrail audit,
                   Clock clock, MeterRegistry meters) {
        this.outbox = outbox;
        this.channel = channel;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.failedAttempts = Counter.builder("townhall.notifications.attempts.failed")
                .description("Delivery attempts that failed and will be tried again").register(meters);
        this.givenUp = Counter.builder("townhall.notifications.given.up")
                .description("Messages Townhall stopped trying to deliver; each is on the administrators' outbox page")
                .register(meters);
    }

    /**
     * Sends the message on a delivery thread, so the page that queued it never waits for the
     * provider; if the queue is full the sweep sends it within a minute.
     */
    public void deliverSoon(String reference) {
        senders.execute(() -> deliver(reference));
    }

    /** Whether messages reach residents (GOV.UK Notify) rather than the log. */
    public boolean reachesResidents() {
        return channel.reachesResidents();
    }

    @PreDestroy
    void stop() {
        senders.shutdown();
    }

    private static CustomizableThreadFactory senderThreads() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("notify-");
        threads.setDaemon(true);
        return threads;
    }

    /** Tries the message once if it is due and no other sender has it. */
    public void deliver(String reference) {
        try {
            Instant now = clock.instant();
            outbox.claim(reference, now, now.plus(RetrySchedule.CLAIM)).ifPresent(this::attempt);
        } catch (RuntimeException e) {
            // The act that queued the message has committed; the sweep delivers it later.
            log.warn("Delivery of {} deferred: {}", reference, e.getClass().getSimpleName());
        }
    }

    /**
     * Every minute, every message that is due, one claim at a time: a message another instance's
     * sweep has claimed is skipped, not tried twice. Stops early while the provider is paused.
     */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "${townhall.notify.first-sweep-after:PT1M}")
    public void sweep() {
        try {
            for (int i = 0; i < SWEEP_LIMIT; i++) {
                Instant now = clock.instant();
                Optional<OutboxMessage> due = outbox.claimNextDue(now, now.plus(RetrySchedule.CLAIM));
                if (due.isEmpty() || attempt(due.get()) == Attempt.NOT_MADE) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Outbox sweep stopped early: {}", e.getClass().getSimpleName());
        }
    }

    private enum Attempt { MADE, NOT_MADE }

    private Attempt attempt(OutboxMessage message) {
        String providerId;
        try {
            providerId = channel.sendEmail(message.reference(), message.template(), message.recipient(),
                    message.personalisation());
        } catch (NotificationChannel.NotAttempted e) {
            outbox.postpone(message.reference(), later(e.until()));
            return Attempt.NOT_MADE;
        } catch (NotificationChannel.DeliveryFailed e) {
            failed(message, e.getMessage());
            return Attempt.MADE;
        } catch (RuntimeException e) {
            // A fault of our own is still an attempt: counted, retried, and given up on visibly.
            failed(message, "Sending " + message.reference() + " failed: " + e.getClass().getSimpleName());
            return Attempt.MADE;
        }
        outbox.markSent(message.reference(), providerId, channel.forgetsDelivered());
        return Attempt.MADE;
    }

    /** A pause that has already ended still leaves the message due no sooner than now. */
    private Instant later(Instant pausedUntil) {
        Instant now = clock.instant();
        return pausedUntil == null || pausedUntil.isBefore(now) ? now : pausedUntil;
    }

    private void failed(OutboxMessage message, String error) {
        Instant now = clock.instant();
        int attempts = message.attempts() + 1;
        Instant deadline = RetrySchedule.deadline(message);
        Optional<Instant> next = RetrySchedule.nextAttempt(now, attempts, deadline);
        if (next.isPresent()) {
            failedAttempts.increment();
            outbox.markAttemptFailed(message.reference(), error, now, next.get(), deadline);
            log.warn("Delivery of {} failed (attempt {}), next attempt in {} min: {}", message.reference(), attempts,
                    Duration.between(now, next.get()).toMinutes(), error);
            return;
        }
        // Never silently: the administrators' outbox page lists it, the audit trail and the log
        // record it (the reference, never the address or the body), and the counter can page someone.
        transactions.executeWithoutResult(status -> {
            outbox.markGivenUp(message.reference(), error, now);
            audit.record(AuditEntry.of(AuditAction.NOTIFICATION_GIVEN_UP, AuditOutcome.FAILURE, Actor.system())
                    .on(message.reference())
                    .because(message.template() + " not delivered after " + attempts + " attempts since "
                            + message.createdAt() + ": " + error));
        });
        givenUp.increment();
        log.error("Gave up delivering {} ({}) after {} attempts since {}: {}. An administrator can send it again "
                + "from the outbox page.", message.reference(), message.template(), attempts, message.createdAt(), error);
    }
}
