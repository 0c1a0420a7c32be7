package org.townhall.payments;

/** The payment provider could not be reached to start a payment; nothing was charged. */
public class PaymentsUnavailable extends RuntimeException {
    public PaymentsUnavailable(Throwable cause) {
        super("The payment provider could not be reached", cause);
    }
}
