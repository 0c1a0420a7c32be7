package org.townhall.notifications.delivery;

import java.time.Instant;
import java.util.Map;
import org.townhall.notifications.NotificationTemplate;

/**
 * Where a queued message goes: the log (default, for local use) or GOV.UK Notify (production).
 * Returns the channel's own id for the message.
 */
public interface NotificationChannel {

    /**
     * Sends one message: an attempt that either succeeds or throws {@link DeliveryFailed}. A
     * channel that does not try at all (its provider is paused) throws {@link NotAttempted}, and
     * the message keeps its count of attempts.
     */
    String sendEmail(String reference, NotificationTemplate template, String emailAddress,
                     Map<String, String> personalisation) throws DeliveryFailed, NotAttempted;

    /** Whether a delivered message's personalisation (which may hold one-time links) is wiped. */
    boolean forgetsDelivered();

    /**
     * Whether messages really reach residents. When they do, what is waiting in the outbox can
     * hold one-time links to residents' accounts, so staff see only how delivery is going.
     */
    boolean reachesResidents();

    /** An attempt was made and failed. The message names the reference, never the recipient. */
    class DeliveryFailed extends Exception {
        public DeliveryFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** No attempt was made: the provider is left alone until {@code until}. */
    class NotAttempted extends Exception {
        private final transient Instant until;

        public NotAttempted(String message, Instant until) {
            super(message, null, false, false);
            this.until = until;
        }

        public Instant until() {
            return until;
        }
    }
}
