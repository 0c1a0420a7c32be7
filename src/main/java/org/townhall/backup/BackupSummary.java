package org.townhall.backup;

import java.time.Instant;

/** One backup in the store, as the staff page lists it. */
public record BackupSummary(String name, Instant takenAt, long bytes, String schemaVersion, String retention,
                            Instant lockedUntil) {
}
