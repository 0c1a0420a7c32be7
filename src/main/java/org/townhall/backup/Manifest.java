package org.townhall.backup;

import java.time.Instant;
import java.util.List;
import org.townhall.audit.ChainHead;

/**
 * What a backup holds, signed by the installation: each file's size and SHA-256 (of the encrypted
 * bytes, so a check needs no key), each table's row count, the sequences' positions, the audit
 * chains' heads and the ledger's sum in the same snapshot, the schema version, and the backup's
 * own key wrapped under the offline public key.
 */
record Manifest(int format, String installation, String name, Instant takenAt, String schemaVersion,
                String wrappedKey, List<File> files, List<Sequence> sequences, List<ChainHead> auditHeads,
                long ledgerSumPence, String retention, Instant lockedUntil) {

    static final int FORMAT = 1;

    record File(String name, String table, long rows, long bytes, String sha256) {
    }

    record Sequence(String name, long lastValue, boolean called) {
    }

    long totalBytes() {
        return files.stream().mapToLong(File::bytes).sum();
    }
}
