package org.townhall.accounts;

import java.time.Duration;

/** How a sign-in attempt ended. Every failure reads the same to the person signing in. */
public sealed interface SignInResult {

    /** Signed in; {@code newDeviceToken} is set when this browser should be given a device cookie. */
    record SignedIn(SignedInUser user, String newDeviceToken) implements SignInResult {
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
