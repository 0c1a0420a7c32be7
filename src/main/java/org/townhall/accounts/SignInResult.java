package org.townhall.accounts;

import java.time.Duration;

/** How a sign-in attempt ended. Every failure reads the same to the person signing in. */
public sealed interface SignInResult {

    /**
     * Signed in; {@code deviceToken} is this browser's device token (its own, or a new one), for
     * a known-browser cookie issued afresh, bound to this account.
     */
    record SignedIn(SignedInUser user, String deviceToken) implements SignInResult {
    }

    record WrongEmailOrPassword() implements SignInResult {
    }

    /** Too many recent failures: the attempt was refused before any password was checked. */
    record TryLater(Duration retryAfter) implements SignInResult {
    }

    /** The password was right but the email address has not been confirmed yet. */
    record EmailNotConfirmed() implements SignInResult {
    }
}
