package org.townhall.continuity;

/** A service manager pointed a payment service at a GOV.UK Pay payment link, or took the link away ({@code url} null). */
public record PaymentLinkChanged(ResidentService service, String url) {
}
