package org.townhall.audit;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Whose evidence was read, answering "how many documents of how many people, read how many
 * times, from how many addresses" for a client, an account or a time window, in one query.
 */
public record BlastRadius(long documents, long people, long reads, long addresses, long refusedAttempts,
                          List<PersonAffected> affected) {

    /** One resident whose documents were read. */
    public record PersonAffected(String residentRef, long documents, long reads, Instant firstRead, Instant lastRead) {

        public ZonedDateTime firstReadLondon() {
            return firstRead.atZone(ZoneId.of("Europe/London"));
        }

        public ZonedDateTime lastReadLondon() {
            return lastRead.atZone(ZoneId.of("Europe/London"));
        }
    }
}
