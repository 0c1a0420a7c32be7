package org.townhall.billing;

/** What asking to pay gives: off to the card page, or why not (the form shows it). */
public sealed interface PayResult {

    record Started(String nextUrl) implements PayResult {
    }

    record Invalid(String message) implements PayResult {
    }
}
