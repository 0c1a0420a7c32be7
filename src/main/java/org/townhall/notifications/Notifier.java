package org.townhall.notifications;

import java.util.LinkedHashMap;
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
 * The one way out for email and letters. The message joins the caller's transaction, so an act
 * that rolls back sends nothing, and one that commits is never silently lost. It is sent after the
 * commit on a delivery thread: a resident's page never waits for GOV.UK Notify.
 *
 * <p>Every message is a typed record (Notification): there is no way in for a hand-filled map of
 * placeholders, so a misspelt one does not compile (ADR 0026). The map Notify and the outbox take
 * is made here and nowhere else.
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
     * Queues an email to a resident whose address is confirmed, greeting them by {@code name} if
     * it is a name (Greeting), and returns its reference (which, unlike the body, may be logged).
     * Callers outside accounts use {@code ResidentEmails.emailResident}, which knows whether the
     * address is confirmed.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public String sendEmail(ResidentEmail message, String emailAddress, String name) {
        return queue(message.template(), emailAddress, Greeting.opening(message, name));
    }

    /**
     * Queues an email to an address nobody has confirmed as theirs (a resident who has not
     * confirmed yet, a guest's receipt address): the message says "Hello", never a name whoever
     * typed it chose (ADR 0014).
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public String sendEmail(ResidentEmail message, String emailAddress) {
        return queue(message.template(), emailAddress, Greeting.opening(message, null));
    }

    /** Queues an email to staff or auditors and returns its reference. */
    @Transactional(propagation = Propagation.REQUIRED)
    public String sendEmail(StaffEmail message, String emailAddress) {
        return queue(message.template(), emailAddress, Greeting.opening(message, null));
    }

    /**
     * Queues a letter to a postal address, in the same transaction as the act that caused it, and
     * returns its reference. The address travels as Notify's address_line fields; a letter is
     * addressed to the property, not a person, so no typed name goes on it.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public String sendLetter(Letter letter, PostalAddress to) {
        Map<String, String> fields = new LinkedHashMap<>(letter.placeholders());
        fields.putAll(to.personalisation());
        return queue(letter.template(), to.oneLine(), fields);
    }

    private String queue(NotificationTemplate template, String recipient, Map<String, String> personalisation) {
        String reference = "N-" + PublicReferences.next();
        outbox.add(reference, template, recipient, personalisation);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                delivery.deliverSoon(reference);
            }
        });
        return reference;
    }
}
