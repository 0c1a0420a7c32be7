package org.townhall.billing;

import java.time.Duration;

/** The answer to "add this account to mine": one answer for every kind of mismatch. */
public sealed interface LinkResult {

    /** The resident already holds the account. */
    record Linked(String accountRef) implements LinkResult {
    }

    /**
     * The reference and second fact match: the resident waits for the activation code posted to
     * the account's address, and sees nothing of the account until they enter it.
     */
    record Pending(String accountRef) implements LinkResult {
    }

    /** The reference and the second fact do not match an account. */
    record NoMatch() implements LinkResult {
    }

    record TryLater(Duration retryAfter) implements LinkResult {
    }
}
