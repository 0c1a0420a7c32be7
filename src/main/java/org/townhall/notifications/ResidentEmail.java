package org.townhall.notifications;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An email to a resident about their own business, one record per message. A record's fields are
 * its template's placeholders, by name, so a misspelt placeholder does not compile, a missing one
 * cannot be left out, and an extra one cannot be slipped in; ResidentEmailTest checks every
 * record against its template. The greeting is not among them: Townhall adds it from the
 * resident's own name (Greeting, ADR 0014). Sent with {@code ResidentEmails.emailResident}, which
 * finds the resident's address: the modules that send these never handle it (ADR 0026).
 */
public sealed interface ResidentEmail {

    NotificationTemplate template();

    /** The placeholders and their values, named as the record's fields. */
    default Map<String, String> placeholders() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (RecordComponent field : getClass().getRecordComponents()) {
            try {
                fields.put(field.getName(), String.valueOf(field.getAccessor().invoke(this)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + field.getName() + " of " + getClass().getSimpleName(), e);
            }
        }
        return fields;
    }

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
}
