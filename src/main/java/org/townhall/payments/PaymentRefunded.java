package org.townhall.payments;

import java.time.Instant;

/** Money was given back and the ledger shows it owed again. */
public record PaymentRefunded(String paymentRef, String reference, Purpose purpose, String payingFor,
                              long refundedPence, Instant refundedAt) {
}
