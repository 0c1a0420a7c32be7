package org.townhall.billing;

import java.time.Duration;

/** The answer to entering an activation code, or to asking for a new letter. */
public sealed interface ActivationResult {

    /** The code was right: the resident now holds the account. */
    record Activated(String accountPath) implements ActivationResult {
    }

    /** A new code is on its way; the old one no longer works. */
    record LetterPosted() implements ActivationResult {
    }

    /** Nothing changed, for the reason given (a wrong or expired code, a letter asked for too soon). */
    record Refused(String message) implements ActivationResult {
    }

    record TryLater(Duration retryAfter) implements ActivationResult {
    }

    /** This resident has no link waiting for a code on this account (or there is no such account). */
    record NotWaiting() implements ActivationResult {
    }
}
