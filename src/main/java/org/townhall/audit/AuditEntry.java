package org.townhall.audit;

/**
 * One act to record. {@code subjectRef} is the resident whose data the act concerns (so they can
 * see it), {@code objectRef} what was acted on, {@code detail} a short note with no personal data.
 */
public record AuditEntry(AuditAction action, AuditOutcome outcome, Actor actor,
                         String subjectRef, String objectRef, String detail) {

    /**
     * How every refused request to open evidence begins its note, wherever it was refused: by the
     * sign-in and role checks in front of a page, or by the vault itself. "Whose evidence was
     * read" counts refusals by it, so it is part of the trail's format and never changes.
     */
    public static final String EVIDENCE_REFUSAL = "evidence ";

    public static AuditEntry of(AuditAction action, AuditOutcome outcome, Actor actor) {
        return new AuditEntry(action, outcome, actor, null, null, null);
    }

    /** A request to open evidence, refused: {@code why} completes the note ("evidence " + why). */
    public static AuditEntry evidenceRefused(Actor actor, String why) {
        return new AuditEntry(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, actor, null, null, EVIDENCE_REFUSAL + why);
    }

    public AuditEntry about(String residentRef) {
        return new AuditEntry(action, outcome, actor, residentRef, objectRef, detail);
    }

    public AuditEntry on(String object) {
        return new AuditEntry(action, outcome, actor, subjectRef, object, detail);
    }

    /**
     * What a visitor named (a reference from a URL, a number typed into a form): recorded as far
     * as its first 64 characters, so an oversized one is still recorded rather than refused.
     */
    public AuditEntry onNamed(String typed) {
        return on(typed == null || typed.length() <= 64 ? typed : typed.substring(0, 64));
    }

    public AuditEntry because(String note) {
        return new AuditEntry(action, outcome, actor, subjectRef, objectRef, note);
    }
}
