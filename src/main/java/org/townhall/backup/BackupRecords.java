package org.townhall.backup;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.backup.store.BackupHistory;
import org.townhall.incidents.BackupFailed;
import org.townhall.incidents.RestoreDrillFailed;
import org.townhall.platform.ClientOrigin;

/**
 * Writes down every backup, drill and restore: its history row, its audit row and, when it
 * failed, the event that raises the alarm (an incident, once someone listens), in one transaction.
 */
@Component
class BackupRecords {

    /** One scheduled backup or drill at a time across every instance (a session-level advisory lock). */
    private static final long LOCK = 0x7A0D17L << 12 | 0xBAC;

    private final BackupHistory history;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final Clock clock;

    BackupRecords(BackupHistory history, AuditTrail audit, ApplicationEventPublisher events,
                  TransactionTemplate transactions, JdbcClient jdbc, Clock clock) {
        this.history = history;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A run left RUNNING by a crash before this start is marked interrupted, never shown as in progress. */
    @EventListener(ApplicationReadyEvent.class)
    void markInterruptedRuns() {
        history.markInterrupted(clock.instant());
    }

    long started(String kind, Instant at) {
        return history.started(kind, at);
    }

    void backupTaken(long run, Instant at, BackupSummary backup) {
        transactions.executeWithoutResult(status -> {
            history.finished(run, at, true, backup.name(), backup.bytes(), backup.takenAt(), null, null);
            audit.record(AuditEntry.of(AuditAction.BACKUP_TAKEN, AuditOutcome.SUCCESS, Actor.system()).on(backup.name())
                    .because(backup.bytes() + " bytes, kept " + backup.retention()), ClientOrigin.system());
        });
    }

    void backupFailed(long run, Instant at, String name, String problem, Instant lastGood) {
        transactions.executeWithoutResult(status -> {
            history.finished(run, at, false, name, null, null, null, problem);
            audit.record(AuditEntry.of(AuditAction.BACKUP_FAILED, AuditOutcome.FAILURE, Actor.system()).on(name)
                    .because(problem), ClientOrigin.system());
            events.publishEvent(new BackupFailed(at, problem, lastGood));
        });
    }

    void drillFinished(long run, Instant at, DrillResult result) {
        transactions.executeWithoutResult(status -> {
            history.finished(run, at, result.passed(), result.backupName(), result.bytes(), result.recoveryPoint(),
                    result.recoveryMillis(), result.problem());
            audit.record(AuditEntry.of(AuditAction.RESTORE_DRILL_RUN, result.passed() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE,
                    Actor.system()).on(result.backupName()).because(result.passed() ? "recovered in "
                    + result.recoveryMillis() + " ms" : result.problem()), ClientOrigin.system());
            if (!result.passed()) {
                // The incident register's hook: a backup that cannot be restored is an incident in waiting.
                events.publishEvent(new RestoreDrillFailed("DRILL-" + run, at,
                        (result.backupName() == null ? "" : "backup " + result.backupName() + ": ") + result.problem()));
            }
        });
    }

    void restoreFinished(long run, Instant at, DrillResult result) {
        transactions.executeWithoutResult(status -> {
            history.finished(run, at, result.passed(), result.backupName(), result.bytes(), result.recoveryPoint(),
                    result.recoveryMillis(), result.problem());
            audit.record(AuditEntry.of(AuditAction.BACKUP_RESTORED, result.passed() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE,
                    Actor.system()).on(result.backupName()).because(result.passed() ? "data as of " + result.recoveryPoint()
                    + "; nothing after it was restored" : result.problem()), ClientOrigin.system());
        });
    }

    void missed(Instant at, Instant lastGood) {
        transactions.executeWithoutResult(status -> {
            audit.record(AuditEntry.of(AuditAction.BACKUP_FAILED, AuditOutcome.FAILURE, Actor.system())
                    .because("no backup since " + lastGood), ClientOrigin.system());
            events.publishEvent(new BackupFailed(at, "no backup since " + (lastGood == null ? "ever" : lastGood), lastGood));
        });
    }

    void pruned(List<String> backups) {
        if (backups.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> backups.forEach(name -> audit.record(AuditEntry.of(
                AuditAction.BACKUP_PRUNED, AuditOutcome.SUCCESS, Actor.system()).on(name).because("past its retention"),
                ClientOrigin.system())));
    }

    List<HistoryEntry> recent(int limit) {
        return history.recent(limit);
    }

    boolean tryLock() {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_lock(:lock)").param("lock", LOCK).query(Boolean.class).single());
    }

    void unlock() {
        jdbc.sql("select pg_advisory_unlock(:lock)").param("lock", LOCK).query(Boolean.class).single();
    }
}
