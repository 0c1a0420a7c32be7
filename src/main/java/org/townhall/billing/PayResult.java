package org.townhall.billing;

import org.townhall.payments.StartedPayment;

/** What asking to pay gives: off to the card page, or why not (the form shows it). */
public sealed interface PayResult {

    /** Off to the provider's card page; paymentRef names the payment, for its receipt. */
    record Started(String nextUrl, String paymentRef) implements PayResult {

        static Started of(StartedPayment started) {
            return new Started(started.nextUrl(), started.paymentRef());
        }
    }

    record Invalid(String message) implements PayResult {
    }
}
