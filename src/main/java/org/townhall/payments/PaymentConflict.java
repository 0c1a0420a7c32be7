package org.townhall.payments;

/** The idempotency key was used before for a different payment; nothing was started. */
public class PaymentConflict extends RuntimeException {
    public PaymentConflict() {
        super("That payment was already started with different details");
    }
}
