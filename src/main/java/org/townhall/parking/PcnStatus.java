package org.townhall.parking;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a PCN is: open until it is paid or cancelled (a case accepted, or deemed accepted), and
 * then never open again: a payment arriving after either is listed for a finance officer to
 * refund. The database holds the same table (pcn_transition) and refuses any other move;
 * ParkingLifecycleTest checks they agree.
 */
public enum PcnStatus {
    OPEN, PAID, CANCELLED;

    private static final Map<PcnStatus, Set<PcnStatus>> MOVES = Map.of(OPEN, EnumSet.of(PAID, CANCELLED));

    public boolean mayMoveTo(PcnStatus next) {
        return MOVES.getOrDefault(this, Set.of()).contains(next);
    }

    public static Map<PcnStatus, Set<PcnStatus>> moves() {
        return MOVES;
    }
}
