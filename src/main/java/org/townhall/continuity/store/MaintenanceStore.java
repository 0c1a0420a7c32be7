package org.townhall.continuity.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.townhall.continuity.ResidentService;

/** Planned maintenance windows. */
@Repository
public class MaintenanceStore {

    private final JdbcClient jdbc;

    public MaintenanceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record WindowRow(String ref, ResidentService service, Instant startsAt, Instant endsAt, String message, boolean started) {
    }

    public void add(String ref, ResidentService service, Instant startsAt, Instant endsAt, String message, String by) {
        jdbc.sql("""
                insert into maintenance_window (public_ref, service, starts_at, ends_at, message, announced_by)
                values (:ref, :service, :starts, :ends, :message, :by)""")
                .param("ref", ref).param("service", service.name()).param("starts", Timestamp.from(startsAt))
                .param("ends", Timestamp.from(endsAt)).param("message", message).param("by", by).update();
    }

    /** Windows not yet over, soonest first; here and below, only of services that still exist. */
    public List<WindowRow> pending() {
        return known(jdbc.sql("select * from maintenance_window where not ended order by starts_at").query(MaintenanceStore::read).list());
    }

    /** Windows whose start has come and that have not been started, locked for this instance. */
    public List<WindowRow> dueToStart(Instant now) {
        return known(jdbc.sql("""
                select * from maintenance_window where not started and starts_at <= :now order by starts_at for update skip locked""")
                .param("now", Timestamp.from(now)).query(MaintenanceStore::read).list());
    }

    public List<WindowRow> dueToEnd(Instant now) {
        return known(jdbc.sql("""
                select * from maintenance_window where started and not ended and ends_at <= :now order by ends_at for update skip locked""")
                .param("now", Timestamp.from(now)).query(MaintenanceStore::read).list());
    }

    public void markStarted(String ref) {
        jdbc.sql("update maintenance_window set started = true where public_ref = :ref").param("ref", ref).update();
    }

    public void markEnded(String ref) {
        jdbc.sql("update maintenance_window set ended = true where public_ref = :ref").param("ref", ref).update();
    }

    private static List<WindowRow> known(List<Optional<WindowRow>> rows) {
        return rows.stream().flatMap(Optional::stream).toList();
    }

    private static Optional<WindowRow> read(ResultSet rs, int n) throws SQLException {
        String ref = rs.getString("public_ref");
        Instant startsAt = rs.getTimestamp("starts_at").toInstant();
        Instant endsAt = rs.getTimestamp("ends_at").toInstant();
        String message = rs.getString("message");
        boolean started = rs.getBoolean("started");
        return ResidentService.named(rs.getString("service"))
                .map(service -> new WindowRow(ref, service, startsAt, endsAt, message, started));
    }
}
