package org.townhall.payments;

import java.time.Instant;

/** Money was taken and posted to the ledger. Parking marks a PCN paid from it. */
public record PaymentSucceeded(String paymentRef, String reference, Purpose purpose, String payingFor,
                               long amountPence, String residentRef, Instant takenAt) {
}
