package org.townhall.notifications;

import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.townhall.notifications.delivery.OutboxDelivery;
import org.townhall.notifications.store.OutboxStore;
import org.townhall.platform.PublicReferences;

/**
 * The one way out for email. The message joins the caller's transaction, so an act that rolls
 * back sends nothing, and one that commits is never silently lost. It is sent after the commit on
 * a delivery thread: a resident's page never waits for GOV.UK Notify.
 */
@Service
public class Notifier {

    private final OutboxStore outbox;
    private final OutboxDelivery delivery;

    Notifier(OutboxStore outbox, OutboxDelivery delivery) {
        this.outbox = outbox;
        this.delivery = delivery;
    }

    /**
     * Queues an email and returns its reference (which, unlike the body, may be logged). Give the
     * reader's name as {@code name} only when their address is confirmed: it becomes the greeting,
     * and only if it is a name (Greeting).
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public String sendEmail(NotificationTemplate template, String emailAddress, Map<String, String> personalisation) {
        String reference = "N-" + PublicReferences.next();
        outbox.add(reference, template, emailAddress, Greeting.inPlaceOfName(personalisation));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                delivery.deliverSoon(reference);
            }
        });
        return reference;
    }
}
