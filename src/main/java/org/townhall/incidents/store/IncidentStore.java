package org.townhall.incidents.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.townhall.incidents.Incident;
import org.townhall.incidents.IncidentKind;
import org.townhall.incidents.IncidentStatus;
import org.townhall.incidents.NcscCategory;
import org.townhall.incidents.Severity;

/** The incident table: one row per incident, changed only by naming the version read. */
@Repository
public class IncidentStore {

    private static final String COLUMNS = "id, public_ref, reference, title, description, kind, ncsc_category, severity, status, "
            + "owner_ref, reported_by, detected_by, opened_at, contained_at, closed_at, version";

    private final JdbcClient jdbc;

    public IncidentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored incident and its database key, which never leaves the module. */
    public record Row(long id, Incident incident) {
    }

    /** What a list of incidents is filtered by; a null part matches everything. */
    public record Filter(IncidentStatus status, IncidentKind kind, Severity severity, boolean openOnly) {
    }

    public long insert(String ref, String reference, String title, String description, IncidentKind kind, Severity severity,
                       String reportedBy, String detectedBy, Instant now) {
        return jdbc.sql("""
                insert into incident (public_ref, reference, title, description, kind, severity, status, reported_by,
                    detected_by, opened_at, updated_at)
                values (:ref, :reference, :title, :description, :kind, :severity, 'TRIAGE', :by, :detected, :now, :now)
                returning id""")
                .param("ref", ref).param("reference", reference).param("title", title).param("description", description)
                .param("kind", kind.name()).param("severity", severity.name()).param("by", reportedBy)
                .param("detected", detectedBy).param("now", Timestamp.from(now)).query(Long.class).single();
    }

    public Optional<Row> find(String ref) {
        return jdbc.sql("select " + COLUMNS + " from incident where public_ref = :ref")
                .param("ref", ref == null ? "" : ref).query((rs, n) -> read(rs)).optional();
    }

    public Optional<Row> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from incident where id = :id").param("id", id).query((rs, n) -> read(rs)).optional();
    }

    /**
     * Applies an edit only if nobody changed the incident since {@code version} was read: the
     * losing edit of two at once changes nothing (false), rather than overwriting the first.
     */
    public boolean update(long id, int version, Incident changed, Instant now) {
        return jdbc.sql("""
                update incident set title = :title, kind = :kind, ncsc_category = :category, severity = :severity,
                    status = :status, owner_ref = :owner, contained_at = :contained, closed_at = :closed,
                    updated_at = :now, version = version + 1
                where id = :id and version = :version""")
                .param("title", changed.title()).param("kind", changed.kind().name())
                .param("category", changed.category() == null ? null : changed.category().number())
                .param("severity", changed.severity().name()).param("status", changed.status().name())
                .param("owner", changed.ownerRef())
                .param("contained", changed.containedAt() == null ? null : Timestamp.from(changed.containedAt()))
                .param("closed", changed.closedAt() == null ? null : Timestamp.from(changed.closedAt()))
                .param("now", Timestamp.from(now)).param("id", id).param("version", version).update() == 1;
    }

    /** Notes an addition (a note, a task, an observable) that leaves the fields, and so the version, as they were. */
    public void touch(long id, Instant now) {
        jdbc.sql("update incident set updated_at = :now where id = :id").param("now", Timestamp.from(now)).param("id", id).update();
    }

    /**
     * One fixed statement whatever the filter: a criterion left out is a null that matches
     * everything, so nothing typed into the filter ever becomes SQL text (as the audit search).
     */
    public List<Incident> list(Filter filter, int limit) {
        return jdbc.sql("select " + COLUMNS + " from incident"
                + " where (cast(:status as text) is null or status = :status)"
                + " and (not :openOnly or status <> 'CLOSED')"
                + " and (cast(:kind as text) is null or kind = :kind)"
                + " and (cast(:severity as text) is null or severity = :severity)"
                + " order by opened_at desc, id desc limit :limit")
                .param("status", filter.status() == null ? null : filter.status().name())
                .param("openOnly", filter.openOnly())
                .param("kind", filter.kind() == null ? null : filter.kind().name())
                .param("severity", filter.severity() == null ? null : filter.severity().name())
                .param("limit", limit)
                .query((rs, n) -> read(rs).incident()).list();
    }

    private static Row read(ResultSet rs) throws SQLException {
        int category = rs.getInt("ncsc_category");
        boolean noCategory = rs.wasNull();
        return new Row(rs.getLong("id"), new Incident(rs.getString("public_ref"), rs.getString("reference"), rs.getString("title"),
                rs.getString("description"), IncidentKind.valueOf(rs.getString("kind")),
                noCategory ? null : NcscCategory.ofNumber(category), Severity.valueOf(rs.getString("severity")),
                IncidentStatus.valueOf(rs.getString("status")), rs.getString("owner_ref"), rs.getString("reported_by"),
                rs.getString("detected_by"), rs.getTimestamp("opened_at").toInstant(), instant(rs, "contained_at"),
                instant(rs, "closed_at"), rs.getInt("version")));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
