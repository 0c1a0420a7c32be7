package org.townhall.backup;

import java.time.Instant;

/**
 * What a restore drill found. {@code recoveryMillis} is how long restoring and checking took
 * (the recovery time); {@code recoveryPoint} is when the restored data was taken, so everything
 * after it would be lost in a real recovery.
 */
public record DrillResult(String backupName, boolean passed, String problem, Instant recoveryPoint, long recoveryMillis,
                          long bytes, long rowsRestored, int evidenceOpened) {

    static DrillResult failed(String backupName, String problem, Instant recoveryPoint, long millis) {
        return new DrillResult(backupName, false, problem, recoveryPoint, millis, 0, 0, 0);
    }
}
