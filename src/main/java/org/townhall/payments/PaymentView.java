package org.townhall.payments;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** A payment as its receipt page and the finance officers' pages show it. */
public record PaymentView(String ref, String reference, Purpose purpose, String payingFor, String description, long amountPence,
                          PaymentState state, String failure, String cardSummary, String provider, Instant createdAt,
                          Instant finishedAt, String returnPath, long refundedPence, String residentRef) {

    public boolean taken() {
        return state == PaymentState.SUCCESS;
    }

    /** Still with the provider: the resident is told "we are checking with your bank", never a guess. */
    public boolean checking() {
        return !state.finished();
    }

    public long refundablePence() {
        return taken() ? amountPence - refundedPence : 0;
    }

    public ZonedDateTime createdLondon() {
        return createdAt.atZone(ZoneId.of("Europe/London"));
    }

    public ZonedDateTime finishedLondon() {
        return finishedAt == null ? null : finishedAt.atZone(ZoneId.of("Europe/London"));
    }
}
