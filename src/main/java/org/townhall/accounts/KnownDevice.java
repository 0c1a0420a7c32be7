package org.townhall.accounts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** A browser a resident has signed in from. */
public record KnownDevice(String description, Instant firstSeenAt, Instant lastSignedInAt, String lastAddress) {

    public ZonedDateTime lastSignedInLondon() {
        return lastSignedInAt.atZone(ZoneId.of("Europe/London"));
    }
}
