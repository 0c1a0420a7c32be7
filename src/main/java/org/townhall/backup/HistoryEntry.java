package org.townhall.backup;

import java.time.Instant;
import java.time.ZonedDateTime;
import org.townhall.platform.ClockConfiguration;

/** One backup, drill or restore Townhall ran, for the staff page. */
public record HistoryEntry(String kind, Instant startedAt, Instant finishedAt, String state, String backupName,
                           Long bytes, Instant recoveryPoint, Long recoveryMillis, String problem) {

    public ZonedDateTime startedLondon() {
        return startedAt.atZone(ClockConfiguration.LONDON);
    }

    public ZonedDateTime recoveryPointLondon() {
        return recoveryPoint == null ? null : recoveryPoint.atZone(ClockConfiguration.LONDON);
    }
}
