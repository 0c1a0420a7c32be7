package org.townhall.incidents.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.townhall.incidents.TimelineEntry;

/** The append-only incident_timeline table: the database refuses to change or remove a line. */
@Repository
public class TimelineStore {

    private final JdbcClient jdbc;

    public TimelineStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void append(long incidentId, Instant at, String staffRef, TimelineEntry.Kind kind, String body) {
        jdbc.sql("""
                insert into incident_timeline (incident_id, at, actor_type, actor_ref, entry_kind, body)
                values (:incident, :at, :type, :ref, :kind, :body)""")
                .param("incident", incidentId).param("at", Timestamp.from(at)).param("type", staffRef == null ? "SYSTEM" : "STAFF")
                .param("ref", staffRef).param("kind", kind.name()).param("body", body).update();
    }

    /** Oldest first: a timeline reads from what happened first. */
    public List<TimelineEntry> of(long incidentId) {
        return jdbc.sql("select at, actor_ref, entry_kind, body from incident_timeline where incident_id = :id order by id")
                .param("id", incidentId)
                .query((rs, n) -> new TimelineEntry(rs.getTimestamp("at").toInstant(), rs.getString("actor_ref"),
                        TimelineEntry.Kind.valueOf(rs.getString("entry_kind")), rs.getString("body"))).list();
    }
}
