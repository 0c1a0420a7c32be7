package org.townhall.notifications;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An email to staff or auditors, one record per message, as {@link ResidentEmail} is for
 * residents: a record's fields are its template's placeholders by name (StaffEmailTest checks
 * them), so a misspelt placeholder does not compile. Sent with {@link Notifier#sendEmail(StaffEmail, String)}.
 */
public sealed interface StaffEmail {

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

    /** The audit trail's latest signed checkpoint: its name, when it was taken, each chain's head, and the signed text. */
    record AuditCheckpoint(String anchor, String takenAt, String heads, String signed) implements StaffEmail {
        public NotificationTemplate template() {
            return NotificationTemplate.AUDIT_CHECKPOINT;
        }
    }
}
