package org.townhall.payments;

/**
 * Starting the payment was refused: with the payments already started for the same thing and not
 * yet finished, it would pass its {@link Ceiling}. Nothing was charged. The module that asked says
 * so in its own words, from these figures.
 */
public class WouldOverpay extends RuntimeException {

    private final long ceilingPence;
    private final long inFlightPence;

    /**
     * @param ceilingPence  what may be with the provider at once (for council tax, the balance owed now)
     * @param inFlightPence what payments already started and not finished would take
     */
    public WouldOverpay(long ceilingPence, long inFlightPence) {
        super("Payments already started would pay " + inFlightPence + "p of " + ceilingPence + "p");
        this.ceilingPence = ceilingPence;
        this.inFlightPence = inFlightPence;
    }

    public long ceilingPence() {
        return ceilingPence;
    }

    public long inFlightPence() {
        return inFlightPence;
    }

    /** What could still be paid now: never below nothing. */
    public long availablePence() {
        return Math.max(0, ceilingPence - inFlightPence);
    }
}
