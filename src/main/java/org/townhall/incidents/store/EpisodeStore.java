package org.townhall.incidents.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Detection's episodes (one open incident per kind of signal) and its cursors over the audit trail. */
@Repository
public class EpisodeStore {

    /** Held for the rest of the transaction, so two instances never open two incidents for one episode. */
    private static final long DETECTION_LOCK = 0x1C1DE47L;

    private final JdbcClient jdbc;

    public EpisodeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Episode(long id, long incidentId, String reference, Instant lastNotedAt) {
    }

    public void lock() {
        jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", DETECTION_LOCK).query().singleRow();
    }

    public boolean tryLock() {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:lock)").param("lock", DETECTION_LOCK + 1)
                .query(Boolean.class).single());
    }

    /**
     * The episode of this signal still running: its incident not closed and a signal seen in
     * [quietSince, now] — never one dated after now, which no signal of this moment can join.
     */
    public Optional<Episode> running(String signal, Instant quietSince, Instant now) {
        return jdbc.sql("""
                select e.id, e.incident_id, i.reference, e.last_noted_at from detection_episode e join incident i on i.id = e.incident_id
                where e.signal = :signal and i.status <> 'CLOSED' and e.last_signal_at >= :since and e.opened_at <= :now
                order by e.last_signal_at desc limit 1""")
                .param("signal", signal).param("since", Timestamp.from(quietSince)).param("now", Timestamp.from(now))
                .query((rs, n) -> new Episode(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant())).optional();
    }

    /** The latest episode of any signal, preferring one whose incident is still open: where excess signals go. */
    public Optional<Episode> latest() {
        return jdbc.sql("""
                select e.id, e.incident_id, i.reference, e.last_noted_at from detection_episode e join incident i on i.id = e.incident_id
                order by (i.status <> 'CLOSED') desc, e.opened_at desc limit 1""")
                .query((rs, n) -> new Episode(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant())).optional();
    }

    /** Episodes opened in [since, until]: a window, so one dated after the clock's now is not counted. */
    public long openedBetween(Instant since, Instant until) {
        return jdbc.sql("select count(*) from detection_episode where opened_at >= :since and opened_at <= :until")
                .param("since", Timestamp.from(since)).param("until", Timestamp.from(until)).query(Long.class).single();
    }

    public void open(String signal, long incidentId, Instant now) {
        jdbc.sql("""
                insert into detection_episode (signal, incident_id, opened_at, last_signal_at, last_noted_at)
                values (:signal, :incident, :now, :now, :now)""")
                .param("signal", signal).param("incident", incidentId).param("now", Timestamp.from(now)).update();
    }

    public void fold(long episodeId, Instant now, boolean noted) {
        jdbc.sql("""
                update detection_episode set signals = signals + 1, last_signal_at = :now,
                    last_noted_at = case when :noted then :now else last_noted_at end
                where id = :id""").param("now", Timestamp.from(now)).param("noted", noted).param("id", episodeId).update();
    }

    public Optional<Long> cursor(String name) {
        return jdbc.sql("select last_id from detection_cursor where name = :name").param("name", name).query(Long.class).optional();
    }

    public void moveCursor(String name, long lastId, Instant now) {
        jdbc.sql("""
                insert into detection_cursor (name, last_id, updated_at) values (:name, :id, :now)
                on conflict (name) do update set last_id = greatest(detection_cursor.last_id, excluded.last_id), updated_at = excluded.updated_at""")
                .param("name", name).param("id", lastId).param("now", Timestamp.from(now)).update();
    }
}
