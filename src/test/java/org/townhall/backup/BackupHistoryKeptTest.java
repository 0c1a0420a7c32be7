package org.townhall.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.backup.store.BackupHistory;
import org.townhall.platform.database.EmbeddedServer;
import org.townhall.support.AsRole;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;

/**
 * After an attack the security team reads the backup history for the last good backup and the
 * drills that proved it. What Townhall connects as may finish a running record, and nothing more:
 * a failed drill cannot be turned into a good one, and no record can be removed.
 */
@TownhallTest
class BackupHistoryKeptTest {

    @Autowired BackupHistory history;
    @Autowired JdbcClient jdbc;
    @Autowired EmbeddedServer server;
    @Autowired TestClock clock;

    private static void refused(Runnable statement, String because) {
        assertThatThrownBy(statement::run).rootCause().isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"))
                .message().contains(because);
    }

    @Test
    void aRunningRecordIsFinishedOnceAndThenKeptAsItEnded() {
        long id = history.started("DRILL", clock.instant());
        history.finished(id, clock.instant(), false, "backup-forged", 10L, clock.instant(), 5L, "the checksum of audit_event differs");

        refused(() -> history.finished(id, clock.instant(), true, "backup-forged", 10L, clock.instant(), 5L, null),
                "backup_history is kept");
        refused(() -> jdbc.sql("update backup_history set problem = null where id = :id").param("id", id).update(),
                "backup_history is kept");
        assertThat(jdbc.sql("select state || ' ' || problem from backup_history where id = :id").param("id", id)
                .query(String.class).single()).isEqualTo("FAILED the checksum of audit_event differs");
    }

    @Test
    void noRecordCanBeRemovedOrTheHistoryEmptiedByTheApplication() {
        long id = history.started("BACKUP", clock.instant());
        refused(() -> jdbc.sql("delete from backup_history where id = :id").param("id", id).update(), "permission denied");
        refused(() -> jdbc.sql("truncate backup_history").update(), "permission denied");
        history.finished(id, clock.instant(), true, "backup-kept", 1L, clock.instant(), null, null);
        assertThat(jdbc.sql("select state from backup_history where id = :id").param("id", id).query(String.class).single())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void evenTheOwnerCannotRewriteOrRemoveAnEndedRecordWithoutSwitchingTheTriggerOff() {
        long id = history.started("BACKUP", clock.instant());
        history.finished(id, clock.instant(), false, null, null, null, null, "the store refused the upload");
        JdbcClient owner = AsRole.owner(server);
        refused(() -> owner.sql("update backup_history set state = 'SUCCEEDED' where id = :id").param("id", id).update(),
                "backup_history is kept");
        refused(() -> owner.sql("delete from backup_history where id = :id").param("id", id).update(), "backup_history is kept");
    }
    @Test
    void theApplicationCannotAddARecordThatHasAlreadyEnded() {
        // Without this, a taken-over application leaves the failed drill alone and adds a good one after it.
        refused(() -> jdbc.sql("""
                insert into backup_history (kind, started_at, finished_at, state, backup_name, recovery_point)
                values ('DRILL', now(), now(), 'SUCCEEDED', 'backup-forged', now())""").update(), "backup_history is kept");
        refused(() -> jdbc.sql("insert into backup_history (kind, started_at, state, problem) values ('BACKUP', now(), 'RUNNING', 'x')")
                .update(), "backup_history is kept");
    }

    @Test
    void aRunningRecordIsFinishedButNotMovedToAnotherTimeOrKind() {
        long id = history.started("DRILL", clock.instant());
        refused(() -> jdbc.sql("update backup_history set started_at = started_at + interval '1 day' where id = :id").param("id", id)
                .update(), "backup_history is kept");
        refused(() -> jdbc.sql("update backup_history set kind = 'BACKUP' where id = :id").param("id", id).update(),
                "backup_history is kept");
        history.finished(id, clock.instant(), true, "backup-kept", 1L, clock.instant(), 5L, null);
        assertThat(jdbc.sql("select kind || ' ' || state from backup_history where id = :id").param("id", id)
                .query(String.class).single()).isEqualTo("DRILL SUCCEEDED");
    }
}
