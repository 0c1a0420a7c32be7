package org.townhall.notifications;

/**
 * A posted letter, one record per letter; its fields are its template's placeholders
 * (Notification). A letter is addressed to a property, not a person, so it has no greeting and no
 * resident's name: the address lines come from the {@link PostalAddress} it is sent to. Sent with
 * {@link Notifier#sendLetter(Letter, PostalAddress)}.
 */
public sealed interface Letter extends Notification {

    /** The activation code for linking a council tax or rent account (ADR 0012). */
    record BillingActivationLetter(String account, String code, String link, String expires) implements Letter {
        public NotificationTemplate template() {
            return NotificationTemplate.BILLING_ACTIVATION_LETTER;
        }
    }
}
