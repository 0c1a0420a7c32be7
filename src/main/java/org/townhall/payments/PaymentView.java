package org.townhall.payments;

import java.time.Instant;
import java.time.ZonedDateTime;
import org.townhall.platform.ClockConfiguration;

/**
 * A payment as its receipt page and the finance officers' pages show it. {@code canContinue}: the
 * provider has just said the resident has not sent their card details yet and there is still
 * time, so the receipt offers to continue it instead of "we are checking with your bank".
 * {@code overpaidPence}: what it took beyond what its account owed, to refund (ADR 0016).
 */
public record PaymentView(String ref, String reference, Purpose purpose, String payingFor, String description, long amountPence,
                          PaymentState state, String failure, String cardSummary, String provider, Instant createdAt,
                          Instant finishedAt, String returnPath, long refundedPence, String residentRef, boolean canContinue,
                          long overpaidPence) {

    public boolean taken() {
        return state == PaymentState.SUCCESS;
    }

    /** Still with the provider: the resident is told "we are checking with your bank", never a guess. */
    public boolean checking() {
        return !state.finished();
    }

    /** When the provider cancels a payment left unfinished, as GOV.UK Pay does after 90 minutes. */
    public ZonedDateTime expiresLondon() {
        return createdAt.plus(Reconciliation.EXPIRY).atZone(ClockConfiguration.LONDON);
    }

    public long refundablePence() {
        return taken() ? amountPence - refundedPence : 0;
    }

    public ZonedDateTime createdLondon() {
        return createdAt.atZone(ClockConfiguration.LONDON);
    }

    public ZonedDateTime finishedLondon() {
        return finishedAt == null ? null : finishedAt.atZone(ClockConfiguration.LONDON);
    }
}
