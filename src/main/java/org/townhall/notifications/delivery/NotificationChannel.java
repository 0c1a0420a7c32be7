package org.townhall.notifications.delivery;

import org.townhall.notifications.NotificationTemplate;

import java.util.Map;

/**
 * Where a queued email or letter goes: the log (default, for local use) or GOV.UK Notify (production).
 * Returns the channel's own id for the message.
 */
public interface NotificationChannel {

    String sendEmail(String reference, NotificationTemplate template, String emailAddress,
                     Map<String, String> personalisation) throws DeliveryFailed;

    /** Posts a letter; the address is in the personalisation as Notify's address_line fields. */
    String sendLetter(String reference, NotificationTemplate template, Map<String, String> personalisation)
            throws DeliveryFailed;

    /** Sends the message the way its template says: posted if it is a letter, emailed otherwise. */
    default String send(String reference, NotificationTemplate template, String recipient,
                        Map<String, String> personalisation) throws DeliveryFailed {
        return template.letter() ? sendLetter(reference, template, personalisation)
                : sendEmail(reference, template, recipient, personalisation);
    }

    /** Whether a delivered message's personalisation (which may hold one-time links) is wiped. */
    boolean forgetsDelivered();

    class DeliveryFailed extends Exception {
        public DeliveryFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
