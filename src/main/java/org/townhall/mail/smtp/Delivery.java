package org.townhall.mail.smtp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.mail.MailSettings;
import org.townhall.mail.checks.StepTimes;
import org.townhall.mail.store.DeliveryQueue;
import org.townhall.mail.store.EmbeddedMailbox;
import org.townhall.mail.store.MessageStore;

/**
 * Hands accepted messages to the council's mail server by SMTP, or to the embedded mailbox in
 * the default profile, from the durable queue. A server that is down is tried again after 1, 2,
 * 4 … minutes (at most an hour apart) for five days, each failure shown to analysts; then the
 * message is marked failed, still kept. Runs on a thread of its own, woken when mail arrives.
 */
@Component
public class Delivery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Delivery.class);
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration GIVE_UP_AFTER = Duration.ofDays(5);

    private final MessageStore messages;
    private final DeliveryQueue queue;
    private final EmbeddedMailbox mailbox;
    private final MailSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final StepTimes times;
    private final boolean background;
    private final Semaphore wake = new Semaphore(0);
    private volatile Thread worker;

    Delivery(MessageStore messages, DeliveryQueue queue, EmbeddedMailbox mailbox, MailSettings settings,
             TransactionTemplate transactions, Clock clock, StepTimes times,
             @Value("${townhall.mail.delivery.background:true}") boolean background) {
        this.times = times;
        this.messages = messages;
        this.queue = queue;
        this.mailbox = mailbox;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
        this.background = background;
    }

    /** Delivers everything due now; returns how many were delivered. */
    public int deliverDue() {
        Instant now = clock.instant();
        transactions.executeWithoutResult(t -> queue.recoverExpired(now));
        int delivered = 0;
        List<DeliveryQueue.Claim> claims;
        do {
            claims = transactions.execute(t -> queue.claimDue(clock.instant(), LEASE, 20));
            for (DeliveryQueue.Claim claim : claims) {
                long start = System.nanoTime();
                delivered += deliver(claim) ? 1 : 0;
                times.add("deliver downstream", System.nanoTime() - start);
            }
        } while (!claims.isEmpty() && delivered < 10_000);
        return delivered;
    }

    public void wake() {
        wake.release();
    }

    /** Takes a delivered message back out of the recipients' mailboxes, where the mail server allows it. */
    public boolean pullBack(String deliveryKey) {
        return settings.downstream().embedded() && mailbox.pullBack(deliveryKey, clock.instant());
    }

    private boolean deliver(DeliveryQueue.Claim claim) {
        MessageStore.Outbound message = messages.outbound(claim.messageId()).orElseThrow();
        MessageStore.MessageRow row = message.row();
        byte[] raw = message.raw();
        if (raw == null) {
            transactions.executeWithoutResult(t -> queue.failed(claim.messageId(), "content missing"));
            return false;
        }
        byte[] outgoing = Outgoing.compose(row, message.findings(), raw, settings);
        try {
            if (settings.downstream().embedded()) {
                transactions.executeWithoutResult(t -> {
                    mailbox.put(claim.deliveryKey(), row.recipients(), outgoing, clock.instant());
                    queue.delivered(claim.messageId(), clock.instant());
                });
            } else {
                MailSettings.Downstream downstream = settings.downstream();
                new SmtpClient(downstream.host(), downstream.port(), downstream.timeout(), settings.relay().hostName())
                        .send(row.envelopeFrom(), row.recipients(), outgoing,
                                () -> Boolean.TRUE.equals(transactions.execute(t -> queue.ending(claim.messageId()))));
                transactions.executeWithoutResult(t -> queue.delivered(claim.messageId(), clock.instant()));
            }
            return true;
        } catch (SmtpClient.Failure failure) {
            retryOrFail(claim, row, failure.getMessage(), failure.permanent);
            return false;
        } catch (RuntimeException e) {
            retryOrFail(claim, row, e.getClass().getSimpleName(), false);
            return false;
        }
    }

    private void retryOrFail(DeliveryQueue.Claim claim, MessageStore.MessageRow row, String error, boolean permanent) {
        Instant now = clock.instant();
        if (permanent || now.isAfter(row.receivedAt().plus(GIVE_UP_AFTER))) {
            log.warn("Mail {} could not be delivered and will not be tried again: {}", row.ref(), error);
            transactions.executeWithoutResult(t -> queue.failed(claim.messageId(), error));
            return;
        }
        Duration wait = backOff(claim.attempts());
        log.info("Mail {} not delivered (attempt {}), next try in {}: {}", row.ref(), claim.attempts(), wait, error);
        transactions.executeWithoutResult(t -> queue.retryLater(claim.messageId(), error, now.plus(wait)));
    }

    /** 1, 2, 4, 8 … minutes after each failed attempt, never more than an hour. */
    static Duration backOff(int attempts) {
        return Duration.ofMinutes(Math.min(60, 1L << Math.min(6, Math.max(0, attempts - 1))));
    }

    @Override
    public void start() {
        if (!background || !settings.enabled() || worker != null) {
            return;
        }
        Thread thread = new Thread(this::run, "mail-delivery");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    private void run() {
        while (worker == Thread.currentThread()) {
            try {
                deliverDue();
            } catch (RuntimeException e) {
                log.warn("Mail delivery round failed: {}", e.toString());
            }
            try {
                wake.tryAcquire(5, TimeUnit.SECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void stop() {
        Thread thread = worker;
        worker = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
