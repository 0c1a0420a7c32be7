package org.townhall.parking;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a challenge or representations case is: open until an officer accepts or rejects it, or
 * the law accepts it for them (deemed accepted). A decided case is never reopened: a resident
 * who disagrees appeals to the tribunal. The database holds the same table
 * (parking_case_transition) and refuses any other move; ParkingLifecycleTest checks they agree.
 */
public enum CaseStatus {
    OPEN, ACCEPTED, REJECTED, DEEMED_ACCEPTED;

    private static final Map<CaseStatus, Set<CaseStatus>> MOVES = Map.of(OPEN, EnumSet.of(ACCEPTED, REJECTED, DEEMED_ACCEPTED));

    public boolean mayMoveTo(CaseStatus next) {
        return MOVES.getOrDefault(this, Set.of()).contains(next);
    }

    public static Map<CaseStatus, Set<CaseStatus>> moves() {
        return MOVES;
    }
}
