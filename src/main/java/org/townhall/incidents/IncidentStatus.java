package org.townhall.incidents;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an incident is in its handling: triage → contained → eradicated → recovered → closed.
 * A report that turns out not to be an incident is closed from triage; a closed incident can be
 * reopened into triage. The database holds the same table (incident_status_move) and refuses
 * any other move.
 */
public enum IncidentStatus {
    TRIAGE("Triage"), CONTAINED("Contained"), ERADICATED("Eradicated"), RECOVERED("Recovered"), CLOSED("Closed");

    private static final Map<IncidentStatus, Set<IncidentStatus>> MOVES = Map.of(
            TRIAGE, EnumSet.of(CONTAINED, CLOSED),
            CONTAINED, EnumSet.of(ERADICATED),
            ERADICATED, EnumSet.of(RECOVERED),
            RECOVERED, EnumSet.of(CLOSED),
            CLOSED, EnumSet.of(TRIAGE));

    private final String title;

    IncidentStatus(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public boolean mayMoveTo(IncidentStatus next) {
        return MOVES.get(this).contains(next);
    }

    public Set<IncidentStatus> next() {
        return MOVES.get(this);
    }

    public static Map<IncidentStatus, Set<IncidentStatus>> moves() {
        return MOVES;
    }
}
