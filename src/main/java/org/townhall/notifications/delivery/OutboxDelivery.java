package org.townhall.notifications.delivery;

import jakarta.annotation.PreDestroy;
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
import org.townhall.notifications.store.OutboxStore;
import org.townhall.notifications.store.OutboxStore.OutboxMessage;

/**
 * Delivers queued messages: on a delivery thread straight after the act commits, and again every
 * minute for anything a crash, a full queue or an unavailable provider left behind. Row locks with
 * SKIP LOCKED keep two instances from sending the same message.
 */
@Component
public class OutboxDelivery {

    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);
    /** Two senders: each holds a pooled connection while Notify answers (at most its timeout). */
    private static final int SENDERS = 2;
    private static final int WAITING = 1_000;

    private final OutboxStore outbox;
    private final NotificationChannel channel;
    private final TransactionTemplate transactions;
    private final ThreadPoolExecutor senders = new ThreadPoolExecutor(SENDERS, SENDERS, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(WAITING), senderThreads(), new ThreadPoolExecutor.DiscardPolicy());

    OutboxDelivery(OutboxStore outbox, NotificationChannel channel, TransactionTemplate transactions) {
        this.outbox = outbox;
        this.channel = channel;
        this.transactions = transactions;
    }

    /**
     * Sends the message on a delivery thread, so the page that queued it never waits for the
     * provider; if the queue is full the retry sweep sends it within a minute.
     */
    public void deliverSoon(String reference) {
        senders.execute(() -> deliver(reference));
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

    public void deliver(String reference) {
        try {
            transactions.executeWithoutResult(status -> {
                Optional<OutboxMessage> message = outbox.lockPending(reference);
                message.ifPresent(this::send);
            });
        } catch (RuntimeException e) {
            // The act that queued the message has committed; the retry sweep delivers it later.
            log.warn("Delivery of {} deferred: {}", reference, e.getClass().getSimpleName());
        }
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void retryPending() {
        outbox.pendingReferences(100).forEach(this::deliver);
    }

    private void send(OutboxMessage message) {
        try {
            String providerId = channel.send(message.reference(), message.template(), message.recipient(),
                    message.personalisation());
            outbox.markSent(message.reference(), providerId, channel.forgetsDelivered());
        } catch (NotificationChannel.DeliveryFailed e) {
            log.warn("Delivery of {} failed, will retry: {}", message.reference(), e.getMessage());
            outbox.markAttemptFailed(message.reference());
        }
    }
}
