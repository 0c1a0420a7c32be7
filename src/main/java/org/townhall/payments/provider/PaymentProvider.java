package org.townhall.payments.provider;

import org.townhall.payments.PaymentState;

/**
 * The organisation that takes the card payment. Two are real: the built-in sandbox (the default,
 * for the demo and tests) and GOV.UK Pay (production). Townhall never sees a card number from
 * GOV.UK Pay; it creates a payment there, sends the resident to its page, and asks how it went.
 */
public interface PaymentProvider {

    /** The name stored with each payment: SANDBOX or GOVUK_PAY. */
    String name();

    Created create(NewCharge charge);

    ProviderPayment status(String providerId);

    /**
     * Cancels a payment whose card details have not been sent, so its card page can never take
     * money. True if it was cancelled; false if it can no longer be (the resident sent their card
     * details, or it finished): then only {@link #status} says how it went.
     */
    boolean cancel(String providerId);

    /**
     * Asks for {@code amountPence} back. {@code refundRef} is Townhall's reference for the refund,
     * {@code availablePence} what Townhall believes may still be refunded (GOV.UK Pay refuses the
     * refund if it disagrees, so two refunds cannot race past the amount paid).
     */
    ProviderRefund refund(String providerId, String refundRef, long amountPence, long availablePence);

    /** How a refund went, by the provider's refund id if Townhall stored it, else by Townhall's reference. */
    ProviderRefund refundStatus(String providerId, String refundRef, String providerRefundId, long amountPence);

    /**
     * The successful payments the provider took from {@code from} (inclusive) to {@code to}, for
     * any reference: those made through a payment link while Townhall was down are among them.
     * Every page is read; the provider's order is kept.
     */
    java.util.List<TakenPayment> takenBetween(java.time.Instant from, java.time.Instant to);

    /** A successful payment as the provider's search lists it; {@code reference} as the payer typed it. */
    record TakenPayment(String providerId, String reference, long amountPence, java.time.Instant takenAt) {
    }

    record NewCharge(long amountPence, String reference, String description, String returnUrl, String idempotencyKey) {
    }

    record Created(String providerId, String nextUrl) {
    }

    /** A payment as the provider sees it; {@code cardSummary} such as "Visa ending 1111", when known. */
    record ProviderPayment(PaymentState state, String failure, String cardSummary) {
    }

    /** status: submitted, success or error; {@code providerRefundId} null if the provider has no such refund. */
    record ProviderRefund(String providerRefundId, String status) {
    }

    /** The provider could not be reached or answered nonsense; nothing is assumed about the payment. */
    class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
