package org.townhall.incidents;

import java.time.Instant;
import java.time.ZonedDateTime;
import org.townhall.platform.ClockConfiguration;

/** One line of an incident's timeline: a change, note, decision or signal, with who and when. */
public record TimelineEntry(Instant at, String actorRef, Kind kind, String body) {

    /** What sort of entry it is; stored by name, so names are never reused. */
    public enum Kind {
        REPORTED, OPENED_BY_DETECTION, SIGNAL, BLAST_RADIUS, AUDIT_SEARCH, CHANGE, NOTE, TASK, OBSERVABLE,
        EVIDENCE, EXTERNAL_REFERENCE, ADDRESS_BLOCKED, BREACH, ICO_NOTIFICATION, RESIDENTS_TOLD, CLOCK_WARNING
    }

    public ZonedDateTime londonTime() {
        return at.atZone(ClockConfiguration.LONDON);
    }

    /** Who, as the page shows it: the system, or the staff member's reference. */
    public String who() {
        return actorRef == null ? "Townhall (automatic)" : actorRef;
    }
}
