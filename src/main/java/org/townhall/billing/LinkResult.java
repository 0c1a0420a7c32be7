package org.townhall.billing;

import java.time.Duration;

/** The answer to "add this account to mine": one answer for every kind of mismatch. */
public sealed interface LinkResult {

    record Linked(String accountRef) implements LinkResult {
    }

    /** The reference and the second fact do not match an account that could be linked. */
    record NoMatch() implements LinkResult {
    }

    record TryLater(Duration retryAfter) implements LinkResult {
    }
}
