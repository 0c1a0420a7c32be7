package org.townhall.parking;

import java.time.Duration;

/** The answer to a PCN look-up. A wrong number and a wrong registration get the same NotFound. */
public sealed interface LookupResult {

    record Found(String pcnRef) implements LookupResult {
    }

    record NotFound() implements LookupResult {
    }

    record TryLater(Duration retryAfter) implements LookupResult {
    }
}
