package org.townhall.audit;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** A row of the audit trail as read back. */
public record AuditRecord(long id, Instant occurredAt, AuditAction action, AuditOutcome outcome,
                          Actor actor, String subjectRef, String objectRef, String clientAddress,
                          String requestId, String detail) {

    /** When it happened as the council's staff and residents read times: in London. */
    public ZonedDateTime londonTime() {
        return occurredAt.atZone(ZoneId.of("Europe/London"));
    }
}
