package org.townhall.backup;

import java.time.Instant;

/** A restore drill could not bring a backup back, or what came back did not check out. */
public record RestoreDrillFailed(Instant at, String backupName, String problem) {
}
