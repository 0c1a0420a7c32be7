package org.townhall.backup;

import com.google.crypto.tink.HybridDecrypt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.townhall.audit.AuditAnchor;
import org.townhall.audit.AuditTrail;
import org.townhall.audit.ChainVerification;
import org.townhall.backup.store.BackupStore;
import org.townhall.evidence.EvidenceVault;

/**
 * The proof that backups work: restore the latest into a scratch database, check everything the
 * manifest promised, time it, and throw the copy away. A drill that fails says why, is audited and
 * raises the alarm; the staff page shows every drill's recovery time and recovery point.
 */
@Service
public class RestoreDrills {

    private static final Logger log = LoggerFactory.getLogger(RestoreDrills.class);

    private final Backups backups;
    private final BackupStore store;
    private final BackupKeys keys;
    private final BackupRecords records;
    private final ScratchDatabases scratch;
    private final AuditTrail trail;
    private final AuditAnchors anchors;
    private final EvidenceVault evidence;
    /** Documents opened per drill: enough to catch a lost or wrong evidence key, few enough to stay quick. */
    static final int EVIDENCE_SAMPLE = 20;
    private final List<JavaMigration> javaMigrations;
    private final Clock clock;
    private final Optional<Path> offlineKey;

    RestoreDrills(Backups backups, BackupStore store, BackupKeys keys, BackupRecords records, ScratchDatabases scratch,
                  AuditTrail trail, AuditAnchors anchors, EvidenceVault evidence, List<JavaMigration> javaMigrations, Clock clock,
                  @Value("${townhall.backup.decryption-key-file:}") String offlineKeyFile,
                  @Value("${townhall.keys.local-dir:./data/keys}") Path localDir) {
        this.backups = backups;
        this.store = store;
        this.keys = keys;
        this.records = records;
        this.scratch = scratch;
        this.trail = trail;
        this.anchors = anchors;
        this.evidence = evidence;
        this.javaMigrations = javaMigrations;
        this.clock = clock;
        Path local = localDir.resolve(BackupKeys.OFFLINE_KEY_FILE);
        this.offlineKey = !offlineKeyFile.isBlank() ? Optional.of(Path.of(offlineKeyFile))
                : Files.exists(local) ? Optional.of(local) : Optional.empty();
    }

    /** Weekly by default; only where the offline key has been made available to drills. */
    @Scheduled(cron = "${townhall.backup.drill-schedule:0 0 4 * * SUN}", zone = "Europe/London")
    void drillOnSchedule() {
        if (offlineKey.isEmpty()) {
            log.warn("No restore drill: the backup decryption key is not on this machine (townhall.backup.decryption-key-file)");
            return;
        }
        if (records.tryLock()) {
            try {
                drillLatest(offlineKey.get(), p -> { });
            } finally {
                records.unlock();
            }
        }
    }

    public Optional<Path> configuredOfflineKey() {
        return offlineKey;
    }

    public DrillResult drillLatest(Path offlineKeyFile, Consumer<Progress> watcher) {
        Optional<BackupSummary> latest = backups.latest();
        if (latest.isEmpty()) {
            long run = records.started("DRILL", clock.instant());
            DrillResult none = DrillResult.failed(null, "there is no backup to restore", null, 0);
            records.drillFinished(run, clock.instant(), none);
            return none;
        }
        return drill(latest.get().name(), offlineKeyFile, watcher);
    }

    public DrillResult drill(String backupName, Path offlineKeyFile, Consumer<Progress> watcher) {
        Instant started = clock.instant();
        long startedNanos = System.nanoTime();
        long run = records.started("DRILL", started);
        DrillResult result;
        ScratchDatabases.Scratch target = null;
        Instant recoveryPoint = null;
        try {
            HybridDecrypt offline = BackupKeys.decrypter(offlineKeyFile);
            LogicalRestore.Verified verified = LogicalRestore.verify(store, keys, offline, backupName);
            Manifest manifest = verified.manifest();
            recoveryPoint = manifest.takenAt();
            target = scratch.create();
            migrate(target.owner(), manifest.schemaVersion());
            Progress progress = new Progress("restore drill", manifest.totalBytes());
            watcher.accept(progress);
            long bytes;
            try (Connection superuser = target.superuser().getConnection()) {
                bytes = LogicalRestore.restore(verified, store, superuser, progress);
            }
            long rows = check(manifest, JdbcClient.create(target.superuser()), target.superuser());
            int evidenceOpened = openEvidence(target.superuser());
            result = new DrillResult(backupName, true, null, recoveryPoint, millisSince(startedNanos), bytes, rows, evidenceOpened);
        } catch (BackupRefused e) {
            result = DrillResult.failed(backupName, e.getMessage(), recoveryPoint, millisSince(startedNanos));
        } catch (Exception e) {
            result = DrillResult.failed(backupName, "the drill could not run: " + e.getMessage(), recoveryPoint,
                    millisSince(startedNanos));
        } finally {
            if (target != null) {
                try {
                    scratch.drop(target);
                } catch (Exception e) {
                    log.warn("Scratch database {} was not dropped: {}", target.name(), e.getMessage());
                }
            }
        }
        records.drillFinished(run, clock.instant(), result);
        if (result.passed()) {
            log.info("Restore drill of {} passed: recovered in {} ms, data as of {}", backupName, result.recoveryMillis(),
                    result.recoveryPoint());
        } else {
            log.error("RESTORE DRILL FAILED for {}: {}", backupName, result.problem());
        }
        return result;
    }

    /**
     * Brings this installation's own database back from a backup: after ransomware, on a wiped
     * machine, with the offline key. The backup must have been taken by this version of Townhall
     * (restore with that version, then upgrade), and the database must hold no residents,
     * payments or ledger entries unless {@code replace} says to overwrite them. Nothing after the
     * backup's recovery point comes back, and the result says so.
     */
    public DrillResult restore(String backupName, Path offlineKeyFile, boolean replace, Consumer<Progress> watcher)
            throws BackupRefused {
        long startedNanos = System.nanoTime();
        Instant startedAt = clock.instant();
        long run = records.started("RESTORE", startedAt);
        boolean replaced = false;
        DrillResult result;
        try {
            LogicalRestore.Verified verified = LogicalRestore.verify(store, keys, BackupKeys.decrypter(offlineKeyFile), backupName);
            Manifest manifest = verified.manifest();
            javax.sql.DataSource live = scratch.live();
            JdbcClient jdbc = JdbcClient.create(live);
            String version = jdbc.sql("select version from flyway_schema_history where success and version is not null "
                    + "order by installed_rank desc limit 1").query(String.class).optional().orElse(null);
            if (!manifest.schemaVersion().equals(version)) {
                throw new BackupRefused("backup " + backupName + " is of schema version " + manifest.schemaVersion()
                        + " and this Townhall is at " + version + ": restore with the version that took it, then upgrade");
            }
            // Anything a council would miss if a restore wiped it: residents and their accounts, staff,
            // money, parking, evidence and incidents. (The audit trail is not counted: a fresh start
            // already writes to it.)
            long held = jdbc.sql("""
                    select (select count(*) from resident) + (select count(*) from staff_member) + (select count(*) from payment)
                         + (select count(*) from journal_entry) + (select count(*) from council_tax_account)
                         + (select count(*) from pcn) + (select count(*) from evidence_object) + (select count(*) from incident)""")
                    .query(Long.class).single();
            if (held > 0 && !replace) {
                throw new BackupRefused("this installation already holds residents, staff, payments, ledger entries, accounts,"
                        + " parking fines, evidence or incidents: restore refuses to overwrite them (use --replace to mean it)");
            }
            Progress progress = new Progress("restore", manifest.totalBytes());
            watcher.accept(progress);
            long bytes;
            try (Connection superuser = live.getConnection()) {
                bytes = LogicalRestore.restore(verified, store, superuser, progress);
            }
            // The restore replaced backup_history with the backup's own, in which this run's row does
            // not exist and its id may name a restored record (kept as it ended, V62): from here the
            // restore is recorded anew in the history it brought back. Only once the checks are done:
            // they count backup_history's rows against the manifest, and the new record is not in it.
            replaced = true;
            long rows = check(manifest, jdbc, live);
            int evidenceOpened = openEvidence(live);
            result = new DrillResult(backupName, true, null, manifest.takenAt(), millisSince(startedNanos), bytes, rows,
                    evidenceOpened);
        } catch (BackupRefused e) {
            records.restoreFinished(replaced ? records.started("RESTORE", startedAt) : run, clock.instant(),
                    DrillResult.failed(backupName, e.getMessage(), null, millisSince(startedNanos)));
            throw e;
        } catch (Exception e) {
            records.restoreFinished(replaced ? records.started("RESTORE", startedAt) : run, clock.instant(),
                    DrillResult.failed(backupName, String.valueOf(e.getMessage()), null, millisSince(startedNanos)));
            throw new BackupRefused((replaced ? "the restored data failed its checks: " : "the restore failed and was rolled back: ")
                    + e.getMessage(), e);
        }
        records.restoreFinished(records.started("RESTORE", startedAt), clock.instant(), result);
        // Anchors taken after the recovery point name rows that are, rightly, not back: from now
        // on the trail is checked against the restored heads (and this restore is audited).
        anchors.anchorAfterRestore();
        return result;
    }

    void migrate(javax.sql.DataSource owner, String version) {
        Flyway.configure().dataSource(owner).locations("classpath:db/migration")
                .javaMigrations(javaMigrations.toArray(JavaMigration[]::new)).target(version).load().migrate();
    }

    /** Everything the manifest promised, in the restored copy; the rows restored, or why not. */
    private long check(Manifest manifest, JdbcClient restored, javax.sql.DataSource target) throws BackupRefused {
        long rows = 0;
        for (Manifest.File file : manifest.files()) {
            long count = restored.sql("select count(*) from %s".formatted(quoted(file.table()))).query(Long.class).single();
            if (count != file.rows()) {
                throw new BackupRefused("table " + file.table() + " came back with " + count + " rows; the manifest says " + file.rows());
            }
            rows += count;
        }
        long ledger = restored.sql("select coalesce(sum(amount_pence), 0) from journal_line").query(Long.class).single();
        if (ledger != 0 || ledger != manifest.ledgerSumPence()) {
            throw new BackupRefused("the restored ledger sums to " + ledger + " pence, not zero");
        }
        ChainVerification audit = trail.verifyElsewhere(target,
                new AuditAnchor("in backup " + manifest.name(), manifest.takenAt(), manifest.auditHeads()));
        if (!audit.intact()) {
            throw new BackupRefused("the restored audit trail does not verify at row " + audit.firstBrokenId() + ": " + audit.problem());
        }
        return rows;
    }

    /** A sample of the restored evidence must open with this installation's keys and match its checksum. */
    private int openEvidence(javax.sql.DataSource restored) throws BackupRefused {
        return openEvidence(evidence, restored);
    }

    /** As {@link #openEvidence(javax.sql.DataSource)}, for any drill: a restored copy whose evidence will not open fails. */
    static int openEvidence(EvidenceVault evidence, javax.sql.DataSource restored) throws BackupRefused {
        try {
            return evidence.openSampleIn(restored, EVIDENCE_SAMPLE);
        } catch (IllegalStateException e) {
            throw new BackupRefused("restored evidence does not open: " + e.getMessage());
        }
    }

    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static String quoted(String table) {
        return '"' + table.replace("\"", "\"\"") + '"';
    }
}
