package org.townhall.incidents;

import java.time.Instant;

/**
 * The hook for backups, beside {@link RestoreDrillFailed}: a backup did not complete, or none
 * completed when one was due, so the council's recovery point is slipping. Detection opens one
 * incident per episode and emails the duty analyst.
 */
public record BackupFailed(Instant at, String problem, Instant lastGoodBackup) {
}
