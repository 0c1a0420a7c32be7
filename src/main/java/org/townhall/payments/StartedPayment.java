package org.townhall.payments;

/**
 * A payment ready for the resident to pay: send their browser to {@code nextUrl}, the provider's
 * card page. A repeat of the same request (the same idempotency key) returns the same payment.
 */
public record StartedPayment(String paymentRef, String nextUrl, PaymentState state) {
}
