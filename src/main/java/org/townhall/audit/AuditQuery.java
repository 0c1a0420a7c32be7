package org.townhall.audit;

import java.time.Instant;

/** What an analyst or auditor searches by; any part may be empty. */
public record AuditQuery(String actorRef, String subjectRef, String clientAddress, AuditAction action,
                         Instant from, Instant to) {

    public static AuditQuery everything() {
        return new AuditQuery(null, null, null, null, null, null);
    }

    /** A short description of the search itself, recorded when someone runs it. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        append(text, "actor", actorRef);
        append(text, "subject", subjectRef);
        append(text, "client", clientAddress);
        append(text, "action", action == null ? null : action.code());
        append(text, "from", from == null ? null : from.toString());
        append(text, "to", to == null ? null : to.toString());
        return text.isEmpty() ? "all" : text.toString();
    }

    private static void append(StringBuilder text, String name, String value) {
        if (value != null && !value.isBlank()) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(name).append('=').append(value);
        }
    }
}
