package org.townhall.backup.store;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.townhall.backup.HistoryEntry;

/** The backup_history table: what ran and how it ended. */
@Repository
public class BackupHistory {

    private final JdbcClient jdbc;

    BackupHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long started(String kind, Instant at) {
        return jdbc.sql("insert into backup_history (kind, started_at, state) values (:kind, :at, 'RUNNING') returning id")
                .param("kind", kind).param("at", java.sql.Timestamp.from(at)).query(Long.class).single();
    }

    public void finished(long id, Instant at, boolean succeeded, String backupName, Long bytes, Instant recoveryPoint,
                         Long recoveryMillis, String problem) {
        jdbc.sql("""
                update backup_history set finished_at = :at, state = :state, backup_name = :name, bytes = :bytes,
                       recovery_point = :point, recovery_millis = :millis, problem = :problem where id = :id""")
                .param("at", java.sql.Timestamp.from(at)).param("state", succeeded ? "SUCCEEDED" : "FAILED")
                .param("name", backupName).param("bytes", bytes)
                .param("point", recoveryPoint == null ? null : java.sql.Timestamp.from(recoveryPoint))
                .param("millis", recoveryMillis)
                .param("problem", problem == null ? null : problem.substring(0, Math.min(problem.length(), 1000)))
                .param("id", id).update();
    }

    /** A run still RUNNING from before this start was cut off (a crash, kill -9): never shown as running. */
    public int markInterrupted(Instant before) {
        return jdbc.sql("update backup_history set state = 'INTERRUPTED', finished_at = :at where state = 'RUNNING' and started_at < :at")
                .param("at", java.sql.Timestamp.from(before)).update();
    }

    public List<HistoryEntry> recent(int limit) {
        return jdbc.sql("""
                select kind, started_at, finished_at, state, backup_name, bytes, recovery_point, recovery_millis, problem
                from backup_history order by started_at desc, id desc limit :limit""").param("limit", limit)
                .query((rs, n) -> new HistoryEntry(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5),
                        (Long) rs.getObject(6), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(),
                        (Long) rs.getObject(8), rs.getString(9))).list();
    }
}
