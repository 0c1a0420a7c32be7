package org.townhall.billing;

import java.time.Duration;

/**
 * The answer to paying council tax or rent without an account. Every way of naming no payable
 * account is one answer, and so is every amount the account cannot take (ADR 0027).
 */
public sealed interface GuestPayResult {

    /** Off to the provider's card page. */
    record Started(String nextUrl) implements GuestPayResult {
    }

    /** The reference and the second fact do not match an account. */
    record NoMatch() implements GuestPayResult {
    }

    /** More than is owed, counting payments started and not finished; nothing owed at all is this too. */
    record MoreThanOwed() implements GuestPayResult {
    }

    record TryLater(Duration retryAfter) implements GuestPayResult {
    }
}
