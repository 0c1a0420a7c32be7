package org.townhall.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.backup.store.BackupStore;
import org.townhall.platform.ClientOrigin;
import org.townhall.support.TownhallTest;

/**
 * The drill for a copy restored by other means (pgBackRest's physical restore and WAL replay, in
 * production). Here the copy is made by restoring a backup into a scratch database, which gives a
 * database exactly as it was at a known moment; the drill is then asked about it as it would be
 * about a pgBackRest restore, knowing only the address and the moment it was restored to.
 */
@TownhallTest
class RestoredDatabaseDrillTest {

    @Autowired Backups backups;
    @Autowired RestoreDrills drills;
    @Autowired RestoredDatabaseDrills restoredCopies;
    @Autowired AuditAnchors anchors;
    @Autowired ScratchDatabases scratch;
    @Autowired BackupStore store;
    @Autowired BackupKeys keys;
    @Autowired AuditTrail trail;
    @Autowired JdbcClient jdbc;
    @Autowired org.townhall.support.TestClock clock;
    @Autowired org.townhall.payments.Ledger ledger;
    @Autowired org.springframework.transaction.support.TransactionTemplate transactions;
    @Value("${townhall.keys.local-dir}") Path keyDir;

    ScratchDatabases.Scratch copy;
    BackupSummary backup;

    @BeforeEach
    void aCopyAsTheDatabaseWasAtABackup() throws Exception {
        // Other tests move the clock on and leave rows dated ahead of real time: this one starts
        // after the newest of them, so the copy's moment is after every row it holds.
        Instant newest = jdbc.sql("select max(occurred_at) from audit_event").query(java.sql.Timestamp.class).optional()
                .map(java.sql.Timestamp::toInstant).orElse(clock.instant());
        if (newest.isAfter(clock.instant())) {
            clock.advance(java.time.Duration.between(clock.instant(), newest).plusMinutes(1));
        }
        trail.record(AuditEntry.of(AuditAction.SIGN_IN_FAILED, AuditOutcome.FAILURE, Actor.anonymous()).because("before the copy"),
                ClientOrigin.system());
        transactions.executeWithoutResult(status -> ledger.transfer("drill-copy:" + System.nanoTime(), "A payment before the copy",
                "provider:sandbox", "rent:DRILLCOPY", 1_000));
        backup = backups.backup(progress -> { });
        LogicalRestore.Verified verified = LogicalRestore.verify(store, keys,
                BackupKeys.decrypter(keyDir.resolve(BackupKeys.OFFLINE_KEY_FILE)), backup.name());
        copy = scratch.create();
        drills.migrate(copy.owner(), verified.manifest().schemaVersion());
        try (Connection superuser = copy.superuser().getConnection()) {
            LogicalRestore.restore(verified, store, superuser, new Progress("copy", verified.manifest().totalBytes()));
        }
    }

    @AfterEach
    void dropTheCopy() throws Exception {
        clock.reset();
        scratch.drop(copy);
    }

    @Test
    void aCopyRestoredToAMomentChecksOutAgainstTheAnchorsOfThatMomentAndIsRecordedWithTheDrills() {
        DrillResult result = restoredCopies.drill(copy.superuser(), "restored copy at scratch", Optional.of(backup.takenAt()),
                Optional.of(backup.takenAt().minusSeconds(60)));

        assertThat(result.passed()).as(result.problem()).isTrue();
        assertThat(result.recoveryPoint()).isEqualTo(backup.takenAt());
        assertThat(result.rowsRestored()).as("audit rows verified").isPositive();
        assertThat(result.recoveryMillis()).as("from when the restore began").isGreaterThanOrEqualTo(60_000);
        assertThat(jdbc.sql("select state || ' ' || backup_name from backup_history where kind = 'DRILL' order by id desc limit 1")
                .query(String.class).single()).isEqualTo("SUCCEEDED restored copy at scratch");
    }

    @Test
    void aCopyClaimedToBeNewerThanItIsFailsNamingTheAnchorItContradicts() {
        trail.record(AuditEntry.of(AuditAction.SIGN_IN_FAILED, AuditOutcome.FAILURE, Actor.anonymous()).because("after the copy"),
                ClientOrigin.system());
        String later = anchors.anchor().name();

        DrillResult result = restoredCopies.drill(copy.superuser(), "restored copy at scratch", Optional.of(clock.instant()),
                Optional.empty());

        assertThat(result.passed()).isFalse();
        assertThat(result.problem()).contains("is missing", later);
    }

    @Test
    void aCopyWhoseNewestAuditRowWasRemovedFailsNamingTheAnchor() throws Exception {
        long newest = JdbcClient.create(copy.superuser()).sql("select max(id) from audit_event").query(Long.class).single();
        try (Connection superuser = copy.superuser().getConnection(); Statement sql = superuser.createStatement()) {
            sql.execute("set session_replication_role = replica");
            sql.execute("delete from audit_event where id = " + newest);
        }

        DrillResult result = restoredCopies.drill(copy.superuser(), "restored copy at scratch", Optional.of(backup.takenAt()),
                Optional.empty());

        assertThat(result.passed()).isFalse();
        assertThat(result.problem()).contains("row " + newest).contains("anchor");
    }

    @Test
    void aCopyCutBackBetweenAnchorsIsFoundAgainstThisInstallationsOwnTrail() throws Exception {
        // Rows written after the backup's anchor, then the copy said to be of a moment after them:
        // no anchor names them yet, but the installation's own trail does.
        trail.record(AuditEntry.of(AuditAction.SIGN_IN_FAILED, AuditOutcome.FAILURE, Actor.anonymous()).because("not in the copy"),
                ClientOrigin.system());
        Instant after = clock.instant();

        DrillResult result = restoredCopies.drill(copy.superuser(), "restored copy at scratch", Optional.of(after), Optional.empty());

        assertThat(result.passed()).isFalse();
        assertThat(result.problem()).contains("in this installation's audit trail up to").contains("missing from the copy");
    }

    @Test
    void aCopyHoldingRowsFromAfterTheMomentItWasRestoredToIsNotTheCopyAskedFor() {
        DrillResult result = restoredCopies.drill(copy.superuser(), "restored copy at scratch",
                Optional.of(backup.takenAt().minusSeconds(3_600)), Optional.empty());

        assertThat(result.passed()).isFalse();
        assertThat(result.problem()).contains("after the moment it was restored to");
    }

    @Test
    void aCopyWhoseLedgerDoesNotBalanceFails() throws Exception {
        try (Connection superuser = copy.superuser().getConnection(); Statement sql = superuser.createStatement()) {
            sql.execute("set session_replication_role = replica");
            sql.execute("update journal_line set amount_pence = amount_pence + 1 where id = (select min(id) from journal_line)");
        }
        DrillResult result = restoredCopies.drill(copy.superuser(), "restored copy at scratch", Optional.of(backup.takenAt()),
                Optional.empty());

        assertThat(result.passed()).isFalse();
        assertThat(result.problem()).contains("ledger sums to 1 pence");
    }
}
