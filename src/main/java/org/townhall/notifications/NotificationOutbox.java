package org.townhall.notifications;

import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.notifications.delivery.OutboxDelivery;
import org.townhall.notifications.delivery.RetrySchedule;
import org.townhall.notifications.store.OutboxStore;
import org.townhall.notifications.store.OutboxStore.OutboxMessage;

/**
 * The administrators' view of the outbox: what has not been delivered (retrying or given up on),
 * and, where email goes only to the log, what was "sent" with its links. Reading it is audited:
 * it holds links that open residents' accounts.
 */
@Service
public class NotificationOutbox {

    private static final int SHOWN = 50;
    private static final int UNDELIVERED_SHOWN = 200;

    private final OutboxStore store;
    private final OutboxDelivery delivery;
    private final AuditTrail audit;
    private final Clock clock;

    NotificationOutbox(OutboxStore store, OutboxDelivery delivery, AuditTrail audit, Clock clock) {
        this.store = store;
        this.delivery = delivery;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * {@code latest} is empty where messages really reach residents: there the outbox holds
     * one-time links until delivery, and staff need only see how delivery is going.
     */
    public record OutboxView(List<OutboxMessage> undelivered, List<OutboxMessage> latest, boolean showsContent) {
    }

    @Transactional
    public OutboxView view(String staffRef) {
        audit.record(AuditEntry.of(AuditAction.OUTBOX_VIEWED, AuditOutcome.SUCCESS, Actor.staff(staffRef)));
        boolean showsContent = !delivery.reachesResidents();
        return new OutboxView(store.undelivered(UNDELIVERED_SHOWN), showsContent ? store.latest(SHOWN) : List.of(),
                showsContent);
    }

    /**
     * Puts a message Townhall gave up on back in the queue with a fresh 72-hour schedule, and
     * tries it as soon as this commits. False (and nothing changes) for any other reference.
     */
    @Transactional
    public boolean sendAgain(String reference, String staffRef) {
        boolean queued = store.sendAgain(reference, clock.instant().plus(RetrySchedule.KEEP_TRYING));
        AuditEntry entry = AuditEntry.of(AuditAction.NOTIFICATION_SENT_AGAIN,
                queued ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, Actor.staff(staffRef)).onNamed(reference);
        audit.record(queued ? entry : entry.because("not a message Townhall gave up on"));
        if (queued) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    delivery.deliverSoon(reference);
                }
            });
        }
        return queued;
    }
}
