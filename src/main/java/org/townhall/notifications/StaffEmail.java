package org.townhall.notifications;

/**
 * An email to staff or auditors, one record per message, as {@link ResidentEmail} is for
 * residents: a record's fields are its template's placeholders by name (Notification). Sent with
 * {@link Notifier#sendEmail(StaffEmail, String)}, always greeted "Hello": a staff address is
 * typed by an administrator or set in configuration, and nobody at it has confirmed the name.
 */
public sealed interface StaffEmail extends Notification {

    /** A new staff member's one-time link to choose their password (StaffAccounts). */
    record StaffSetUp(String link) implements StaffEmail {
        public NotificationTemplate template() {
            return NotificationTemplate.STAFF_SET_UP;
        }
    }

    /** Detection opened a security incident: to the duty analyst. */
    record IncidentOpened(String reference, String signal, String time, String link) implements StaffEmail {
        public NotificationTemplate template() {
            return NotificationTemplate.INCIDENT_OPENED;
        }
    }

    /** The 72-hour clock to notify the Information Commissioner (UK GDPR Art 33) is running out. */
    record BreachDeadline(String reference, String left, String deadline, String link) implements StaffEmail {
        public NotificationTemplate template() {
            return NotificationTemplate.BREACH_DEADLINE;
        }
    }

    /** The audit trail's latest signed checkpoint: its name, when it was taken, each chain's head, and the signed text. */
    record AuditCheckpoint(String anchor, String takenAt, String heads, String signed) implements StaffEmail {
        public NotificationTemplate template() {
            return NotificationTemplate.AUDIT_CHECKPOINT;
        }
    }
}
