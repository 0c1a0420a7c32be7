package org.townhall.backup;

import java.time.Instant;
import java.time.ZonedDateTime;
import org.townhall.platform.ClockConfiguration;

/** One backup in the store, as the staff page lists it. */
public record BackupSummary(String name, Instant takenAt, long bytes, String schemaVersion, String retention,
                            Instant lockedUntil) {

    public ZonedDateTime takenLondon() {
        return takenAt.atZone(ClockConfiguration.LONDON);
    }

    public ZonedDateTime lockedUntilLondon() {
        return lockedUntil.atZone(ClockConfiguration.LONDON);
    }
}
