package org.townhall.payments;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a payment is in its life, as GOV.UK Pay's payment states: created → started (the card page
 * opened) → submitted (card details sent) → success | failed | cancelled | error, or expired after
 * 90 minutes unfinished. The moves allowed are this table and nothing else; the database holds the
 * same table (payment_transition) and refuses any other move.
 */
public enum PaymentState {
    CREATED, STARTED, SUBMITTED, SUCCESS, FAILED, CANCELLED, ERROR, EXPIRED;

    private static final Set<PaymentState> FINISHED = EnumSet.of(SUCCESS, FAILED, CANCELLED, ERROR, EXPIRED);

    private static final Map<PaymentState, Set<PaymentState>> MOVES = Map.of(
            CREATED, EnumSet.of(STARTED, SUBMITTED, SUCCESS, FAILED, CANCELLED, ERROR, EXPIRED),
            STARTED, EnumSet.of(SUBMITTED, SUCCESS, FAILED, CANCELLED, ERROR, EXPIRED),
            SUBMITTED, EnumSet.of(SUCCESS, FAILED, CANCELLED, ERROR, EXPIRED));

    public boolean mayMoveTo(PaymentState next) {
        return MOVES.getOrDefault(this, Set.of()).contains(next);
    }

    public boolean finished() {
        return FINISHED.contains(this);
    }

    public static Map<PaymentState, Set<PaymentState>> moves() {
        return MOVES;
    }
}
