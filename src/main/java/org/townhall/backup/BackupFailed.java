package org.townhall.backup;

import java.time.Instant;

/** A backup did not complete, or none completed when one was due: the council's recovery point is slipping. */
public record BackupFailed(Instant at, String problem, Instant lastGoodBackup) {
}
