package org.townhall.notifications.delivery;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.notifications.store.OutboxStore;
import org.townhall.notifications.store.OutboxStore.OutboxMessage;

/**
 * Delivers queued messages: straight after the act commits, and again every minute for anything
 * a crash or an unavailable provider left behind. Row locks with SKIP LOCKED keep two instances
 * from sending the same message.
 */
@Component
public class OutboxDelivery {

    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);

    private final OutboxStore outbox;
    private final NotificationChannel channel;
    private final TransactionTemplate transactions;

    OutboxDelivery(OutboxStore outbox, NotificationChannel channel, TransactionTemplate transactions) {
        this.outbox = outbox;
        this.channel = channel;
        this.transactions = transactions;
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
            String providerId = channel.sendEmail(message.reference(), message.template(), message.recipient(),
                    message.personalisation());
            outbox.markSent(message.reference(), providerId, channel.forgetsDelivered());
        } catch (NotificationChannel.DeliveryFailed e) {
            log.warn("Delivery of {} failed, will retry: {}", message.reference(), e.getMessage());
            outbox.markAttemptFailed(message.reference());
        }
    }
}
