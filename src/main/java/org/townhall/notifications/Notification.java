package org.townhall.notifications;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message Townhall sends, one record per message: a record's fields are its template's
 * placeholders by name, so a misspelt placeholder does not compile, a missing one cannot be left
 * out and an extra one cannot be slipped in (NotificationTest checks every record against its
 * template, and that every template has its record). There is no other way to send: the
 * placeholders never travel as a hand-filled map outside this package (ADR 0026).
 */
public sealed interface Notification permits ResidentEmail, StaffEmail, Letter {

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
}
