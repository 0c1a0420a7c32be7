package org.townhall.notifications;

/**
 * An email to a resident, one record per message; its fields are its template's placeholders
 * (Notification). The greeting is not among them: Townhall adds it from the resident's own name,
 * and only once their address is confirmed (Greeting, ADR 0014). Sent with
 * {@code ResidentEmails.emailResident}, which finds the resident's address: the modules that send
 * these never handle it (ADR 0026). Accounts' own messages (confirming an address, resetting a
 * password) are here too, sent the same way; only a guest's receipt goes to an address nobody
 * has confirmed, with Notifier's greeting-less {@code sendEmail(message, address)}.
 */
public sealed interface ResidentEmail extends Notification {

    // Accounts: a resident's own account (ResidentAccounts).

    record VerifyEmail(String link) implements ResidentEmail {
        public NotificationTemplate template() {
            return NotificationTemplate.VERIFY_EMAIL;
        }
    }

    record AlreadyRegistered(String signInLink, String resetLink) implements ResidentEmail {
        public NotificationTemplate template() {
            return NotificationTemplate.ALREADY_REGISTERED;
        }
    }

    record ResetPassword(String link) implements ResidentEmail {
        public NotificationTemplate template() {
            return NotificationTemplate.RESET_PASSWORD;
        }
    }

    record PasswordChanged(String time) implements ResidentEmail {
        public NotificationTemplate template() {
            return NotificationTemplate.PASSWORD_CHANGED;
        }
    }

    // Payments, parking and billing.

    record PaymentReceipt(String amount, String description, String date, String reference, String link) implements ResidentEmail {
        public NotificationTemplate template() {
            return NotificationTemplate.PAYMENT_RECEIPT;
        }
    }

    record PaymentRefunded(String amount, String reference, String description, String reason) implements ResidentEmail {
        public NotificationTemplate template() {
            return NotificationTemplate.PAYMENT_REFUNDED;
        }
    }

    record ParkingCaseReceived(String what, String pcn, String documents, String decideBy, String link) implements ResidentEmail {
        public NotificationTemplate template() {
            return NotificationTemplate.PARKING_CASE_RECEIVED;
        }
    }

    record ParkingLetter(String title, String pcn, String body, String link) implements ResidentEmail {
        public NotificationTemplate template() {
            return NotificationTemplate.PARKING_LETTER;
        }
    }

    record DeadlineExtended(String service, String from, String to, String pcn, String days, String link) implements ResidentEmail {
        public NotificationTemplate template() {
            return NotificationTemplate.DEADLINE_EXTENDED;
        }
    }

    record InstalmentDeadlineExtended(String service, String from, String to, String days, String due, String link)
            implements ResidentEmail {
        public NotificationTemplate template() {
            return NotificationTemplate.INSTALMENT_DEADLINE_EXTENDED;
        }
    }

    record BillingLinkRequested(String account, String where, String link) implements ResidentEmail {
        public NotificationTemplate template() {
            return NotificationTemplate.BILLING_LINK_REQUESTED;
        }
    }

    record BillingLinkActivated(String account, String where, String link) implements ResidentEmail {
        public NotificationTemplate template() {
            return NotificationTemplate.BILLING_LINK_ACTIVATED;
        }
    }

    record BillingHolderRemoved(String account) implements ResidentEmail {
        public NotificationTemplate template() {
            return NotificationTemplate.BILLING_HOLDER_REMOVED;
        }
    }

    // Incidents: a high-risk personal data breach (UK GDPR Art 34), in wording an officer approved.

    record BreachNotice(String body, String reference) implements ResidentEmail {
        public NotificationTemplate template() {
            return NotificationTemplate.BREACH_NOTICE;
        }
    }
}
