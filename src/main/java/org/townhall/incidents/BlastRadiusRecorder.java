package org.townhall.incidents;

import java.time.Clock;
import java.time.Instant;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.townhall.audit.BlastRadius;
import org.townhall.incidents.store.IncidentDetailsStore;
import org.townhall.incidents.store.TimelineStore;

/**
 * Keeps a blast-radius answer on an incident: the totals and the residents on its timeline, and
 * the residents in incident_affected_resident, so telling them (UK GDPR Art 34) later works from
 * what was found then. Used by analysts' questions and by detection alike.
 */
@Component
public class BlastRadiusRecorder {

    /** The timeline names at most this many residents; all of them are kept as affected. */
    static final int NAMED_ON_TIMELINE = 200;

    private final IncidentDetailsStore details;
    private final TimelineStore timeline;
    private final Clock clock;

    BlastRadiusRecorder(IncidentDetailsStore details, TimelineStore timeline, Clock clock) {
        this.details = details;
        this.timeline = timeline;
        this.clock = clock;
    }

    public void keep(long incidentId, String question, BlastRadius radius, String staffRef) {
        Instant now = clock.instant();
        radius.affected().forEach(p -> details.addAffected(incidentId, p.residentRef(), p.documents(), p.reads(), now));
        timeline.append(incidentId, now, staffRef, TimelineEntry.Kind.BLAST_RADIUS, describe(question, radius));
    }

    static String describe(String question, BlastRadius radius) {
        String people = radius.affected().stream().limit(NAMED_ON_TIMELINE)
                .map(p -> p.residentRef() + " (" + p.documents() + " documents, " + p.reads() + " reads)")
                .collect(Collectors.joining(", "));
        return "Blast radius of " + question + ": " + radius.documents() + " documents of " + radius.people()
                + " people were read " + radius.reads() + " times from " + radius.addresses() + " addresses; "
                + radius.refusedAttempts() + " attempts were refused."
                + (people.isEmpty() ? "" : " Residents affected: " + people
                + (radius.affected().size() > NAMED_ON_TIMELINE ? " and " + (radius.affected().size() - NAMED_ON_TIMELINE) + " more" : "") + ".");
    }
}
