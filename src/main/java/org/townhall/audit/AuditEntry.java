package org.townhall.audit;

/**
 * One act to record. {@code subjectRef} is the resident whose data the act concerns (so they can
 * see it), {@code objectRef} what was acted on, {@code detail} a short note with no personal data.
 */
public record AuditEntry(AuditAction action, AuditOutcome outcome, Actor actor,
                         String subjectRef, String objectRef, String detail) {

    public static AuditEntry of(AuditAction action, AuditOutcome outcome, Actor actor) {
        return new AuditEntry(action, outcome, actor, null, null, null);
    }

    public AuditEntry about(String residentRef) {
        return new AuditEntry(action, outcome, actor, residentRef, objectRef, detail);
    }

    public AuditEntry on(String object) {
        return new AuditEntry(action, outcome, actor, subjectRef, object, detail);
    }

    public AuditEntry because(String note) {
        return new AuditEntry(action, outcome, actor, subjectRef, objectRef, note);
    }
}
