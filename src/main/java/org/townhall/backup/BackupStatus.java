package org.townhall.backup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;

/**
 * What the staff page shows: the backup running now, the current recovery point (what a restore
 * today would bring back, and so what would be lost), the backups in the store and the history of
 * backups and drills. Also raises the alarm when no backup has succeeded for longer than allowed.
 */
@Service
public class BackupStatus {

    /** A nightly backup plus two hours' grace before "missed" is raised. */
    static final Duration MISSED_AFTER = Duration.ofHours(26);

    public record View(Optional<Progress> running, Optional<BackupSummary> recoveryPoint, Duration dataAtRisk,
                       List<BackupSummary> backups, List<HistoryEntry> history, String store) {
    }

    private final Backups backups;
    private final BackupRecords records;
    private final AuditTrail audit;
    private final Clock clock;
    private final String store;

    BackupStatus(Backups backups, BackupRecords records, AuditTrail audit, Clock clock,
                 org.townhall.backup.store.BackupStore store) {
        this.backups = backups;
        this.records = records;
        this.audit = audit;
        this.clock = clock;
        this.store = store.describe();
    }

    @Transactional
    public View view(String staffRef) {
        audit.record(AuditEntry.of(AuditAction.BACKUPS_VIEWED, AuditOutcome.SUCCESS, Actor.staff(staffRef)));
        List<BackupSummary> all = backups.list();
        Optional<BackupSummary> latest = all.stream().findFirst();
        Duration atRisk = latest.map(b -> Duration.between(b.takenAt(), clock.instant())).orElse(null);
        return new View(backups.running(), latest, atRisk, all, records.recent(50), store);
    }

    /** Hourly: a backup that did not happen is as bad as one that failed, and must be as loud. */
    @Scheduled(cron = "${townhall.backup.missed-check-cron:0 20 * * * *}", zone = "Europe/London")
    void raiseMissedBackup() {
        Instant now = clock.instant();
        Instant last = backups.latest().map(BackupSummary::takenAt).orElse(null);
        if (last == null || Duration.between(last, now).compareTo(MISSED_AFTER) > 0) {
            records.missed(now, last);
        }
    }
}
