package org.townhall.backup;

import java.time.Instant;

/** One backup, drill or restore Townhall ran, for the staff page. */
public record HistoryEntry(String kind, Instant startedAt, Instant finishedAt, String state, String backupName,
                           Long bytes, Instant recoveryPoint, Long recoveryMillis, String problem) {
}
