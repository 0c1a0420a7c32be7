package org.townhall.notifications.delivery;

import org.townhall.notifications.NotificationTemplate;

import java.util.Map;

/**
 * Where a queued message goes: the log (default, for local use) or GOV.UK Notify (production).
 * Returns the channel's own id for the message.
 */
public interface NotificationChannel {

    String sendEmail(String reference, NotificationTemplate template, String emailAddress,
                     Map<String, String> personalisation) throws DeliveryFailed;

    /** Whether a delivered message's personalisation (which may hold one-time links) is wiped. */
    boolean forgetsDelivered();

    class DeliveryFailed extends Exception {
        public DeliveryFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
