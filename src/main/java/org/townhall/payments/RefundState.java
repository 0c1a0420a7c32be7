package org.townhall.payments;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a refund is in its life, as GOV.UK Pay's refund states: submitted (the amount reserved on
 * the payment and the provider asked) → success | error. A finished refund never moves again. The
 * database holds the same table (refund_transition) and refuses any other move; RefundStateTest
 * checks they agree.
 */
public enum RefundState {
    SUBMITTED, SUCCESS, ERROR;

    private static final Map<RefundState, Set<RefundState>> MOVES = Map.of(SUBMITTED, EnumSet.of(SUCCESS, ERROR));

    public boolean mayMoveTo(RefundState next) {
        return MOVES.getOrDefault(this, Set.of()).contains(next);
    }

    public boolean finished() {
        return this != SUBMITTED;
    }

    public static Map<RefundState, Set<RefundState>> moves() {
        return MOVES;
    }
}
