package org.townhall.backup;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.townhall.audit.AuditAnchor;
import org.townhall.audit.AuditTrail;
import org.townhall.audit.ChainVerification;
import org.townhall.evidence.EvidenceVault;

/**
 * The restore drill for a database brought back by other means: a pgBackRest restore (with WAL
 * replayed to a point in time) into a scratch server, as docs/pgbackrest.md describes. Townhall
 * did not make that copy, so it has no manifest to compare; it checks what a manifest would have
 * promised from the things that do not depend on one: every audit chain walks, and agrees with the
 * newest anchor signed at or before the moment the copy was restored to (a chain cut back or
 * rewritten before that moment is found); the ledger sums to zero; a sample of evidence opens
 * with this installation's keys. The result is recorded with the drills, with its recovery point
 * and, if the operator says when the restore began, its recovery time.
 */
@Service
public class RestoredDatabaseDrills {

    private static final Logger log = LoggerFactory.getLogger(RestoredDatabaseDrills.class);

    private final BackupRecords records;
    private final AuditTrail trail;
    private final AuditAnchors anchors;
    private final EvidenceVault evidence;
    private final Clock clock;
    /** This installation's own database, whose trail the copy is compared with where it reaches. */
    private final JdbcClient live;

    RestoredDatabaseDrills(BackupRecords records, AuditTrail trail, AuditAnchors anchors, EvidenceVault evidence, Clock clock,
                           JdbcClient live) {
        this.live = live;
        this.records = records;
        this.trail = trail;
        this.anchors = anchors;
        this.evidence = evidence;
        this.clock = clock;
    }

    /**
     * @param restored      the restored copy, reached as a role that can read every table
     * @param label         how the copy is named in the drill history (never a password)
     * @param restoredTo    the moment the copy was restored to (the recovery target); empty: its newest audit row's time
     * @param restoreBegan  when the restore itself began, to count the recovery time from; empty: only this check is timed
     */
    public DrillResult drill(DataSource restored, String label, Optional<Instant> restoredTo, Optional<Instant> restoreBegan) {
        long startedNanos = System.nanoTime();
        // The history keeps a name of at most 100 characters.
        label = label.length() > 100 ? label.substring(0, 100) : label;
        long run = records.started("DRILL", clock.instant());
        Instant recoveryPoint = null;
        DrillResult result;
        try {
            if (restoredTo.isPresent() && restoredTo.get().isAfter(clock.instant())) {
                throw new BackupRefused("the moment the copy was restored to (" + restoredTo.get() + ") is in the future: give"
                        + " the recovery target the restore used");
            }
            JdbcClient copy = JdbcClient.create(restored);
            Instant newestRow = copy.sql("select max(occurred_at) from audit_event").query(java.sql.Timestamp.class).optional()
                    .map(java.sql.Timestamp::toInstant).orElse(null);
            recoveryPoint = restoredTo.orElse(newestRow);
            if (recoveryPoint == null) {
                throw new BackupRefused("the restored copy has no audit trail at all: it is not a Townhall database, or it is empty");
            }
            if (restoredTo.isPresent() && newestRow != null && newestRow.isAfter(restoredTo.get().plusSeconds(1))) {
                throw new BackupRefused("the restored copy holds audit rows from " + newestRow + ", after the moment it was"
                        + " restored to (" + restoredTo.get() + "): it is not the copy that was asked for");
            }
            Optional<AuditAnchor> anchor = anchors.latestAtOrBefore(recoveryPoint);
            ChainVerification chains = trail.verifyElsewhere(restored, anchor.orElse(null));
            if (!chains.intact()) {
                throw new BackupRefused("the restored audit trail does not verify at row " + chains.firstBrokenId() + ": "
                        + chains.problem());
            }
            compareWithThisInstallationsTrail(copy, recoveryPoint);
            long ledger = copy.sql("select coalesce(sum(amount_pence), 0) from journal_line").query(Long.class).single();
            if (ledger != 0) {
                throw new BackupRefused("the restored ledger sums to " + ledger + " pence, not zero");
            }
            int opened = RestoreDrills.openEvidence(evidence, restored);
            long millis = restoreBegan.map(began -> clock.millis() - began.toEpochMilli()).orElse(RestoreDrills.millisSince(startedNanos));
            log.info("{}: audit chains checked against {}", label,
                    anchor.map(a -> "anchor " + a.name()).orElse("no anchor (none was signed before the recovery point)"));
            result = new DrillResult(label, true, null, recoveryPoint, millis, 0, chains.rowsChecked(), opened);
        } catch (BackupRefused e) {
            result = DrillResult.failed(label, e.getMessage(), recoveryPoint, RestoreDrills.millisSince(startedNanos));
        } catch (RuntimeException e) {
            result = DrillResult.failed(label, "the drill could not run: " + e.getMessage(), recoveryPoint, RestoreDrills.millisSince(startedNanos));
        }
        records.drillFinished(run, clock.instant(), result);
        if (result.passed()) {
            log.info("Restore drill of the {} passed: data as of {}", label, result.recoveryPoint());
        } else {
            log.error("RESTORE DRILL FAILED for the {}: {}", label, result.problem());
        }
        return result;
    }

    /**
     * Anchors are five minutes apart; the trail this installation is still writing is closer. Where
     * it is at hand (a drill, not a recovery from nothing), each chain's newest row up to the moment
     * restored to must be in the copy with the same hash: a copy cut back by a few rows, or restored
     * to an earlier moment than it claims, is found even between anchors.
     */
    private void compareWithThisInstallationsTrail(JdbcClient copy, Instant restoredTo) throws BackupRefused {
        List<Map<String, Object>> heads = live.sql("""
                        select distinct on (chain) id, chain, encode(row_hash, 'hex') as hash from audit_event
                        where occurred_at <= :to order by chain, id desc""")
                .param("to", java.sql.Timestamp.from(restoredTo)).query().listOfRows();
        for (Map<String, Object> head : heads) {
            long id = ((Number) head.get("id")).longValue();
            Optional<String> there = copy.sql("select encode(row_hash, 'hex') from audit_event where id = :id").param("id", id)
                    .query(String.class).optional();
            if (there.isEmpty() || !there.get().equals(head.get("hash"))) {
                throw new BackupRefused("row " + id + ", the newest of chain " + head.get("chain") + " in this installation's audit"
                        + " trail up to " + restoredTo + ", is " + (there.isEmpty() ? "missing from" : "different in")
                        + " the copy: it was cut back or altered, or restored to an earlier moment than it says");
            }
        }
    }
}
