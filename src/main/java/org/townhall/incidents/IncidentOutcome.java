package org.townhall.incidents;

/**
 * How an act on the register ended: done, refused with a message for a field (nothing changed),
 * or a conflict (someone else changed the incident since it was read; nothing changed).
 */
public record IncidentOutcome(Status status, String field, String message) {

    public enum Status { DONE, REFUSED, CONFLICT, NOT_FOUND }

    static final IncidentOutcome DONE = new IncidentOutcome(Status.DONE, null, null);
    static final IncidentOutcome NOT_FOUND = new IncidentOutcome(Status.NOT_FOUND, null, "There is no such incident");
    static final IncidentOutcome CONFLICT = new IncidentOutcome(Status.CONFLICT, null,
            "Someone else changed this incident after you opened it. Your change was not saved: check what they did and try again");

    static IncidentOutcome refused(String field, String message) {
        return new IncidentOutcome(Status.REFUSED, field, message);
    }

    public boolean done() {
        return status == Status.DONE;
    }
}
