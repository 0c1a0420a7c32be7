package org.townhall.audit.store;

import java.time.Instant;

/** A row of audit_event exactly as stored, the input of the hash chain. */
public record StoredEvent(long id, int chain, Instant occurredAt, String action, String outcome, String actorType,
                          String actorRef, String subjectRef, String objectRef, String clientAddress,
                          String requestId, String detail) {
}
