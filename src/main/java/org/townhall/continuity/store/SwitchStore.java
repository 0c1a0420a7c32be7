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
import org.townhall.continuity.ServiceState;

/** The service_switch table and its history. */
@Repository
public class SwitchStore {

    private final JdbcClient jdbc;

    public SwitchStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record SwitchRow(ResidentService service, ServiceState state, String message, Instant changedAt, String changedBy) {
    }

    /** Every switch of a service that still exists. */
    public List<SwitchRow> current() {
        return jdbc.sql("select service, state, message, changed_at, changed_by from service_switch")
                .query(SwitchStore::read).list().stream().flatMap(Optional::stream).toList();
    }

    public void set(ResidentService service, ServiceState state, String message, Instant now, String by) {
        jdbc.sql("""
                insert into service_switch (service, state, message, changed_at, changed_by)
                values (:service, :state, :message, :now, :by)
                on conflict (service) do update set state = excluded.state, message = excluded.message,
                    changed_at = excluded.changed_at, changed_by = excluded.changed_by""")
                .param("service", service.name()).param("state", state.name()).param("message", message)
                .param("now", Timestamp.from(now)).param("by", by).update();
        jdbc.sql("insert into service_switch_history (service, state, message, changed_at, changed_by) values (:service, :state, :message, :now, :by)")
                .param("service", service.name()).param("state", state.name()).param("message", message)
                .param("now", Timestamp.from(now)).param("by", by).update();
    }

    /** Opens an outage for the service unless one is open already. */
    public void openOutage(String ref, ResidentService service, Instant now) {
        jdbc.sql("insert into service_outage (public_ref, service, started_at) values (:ref, :service, :now) on conflict do nothing")
                .param("ref", ref).param("service", service.name()).param("now", Timestamp.from(now)).update();
    }

    public record OutageRow(String ref, ResidentService service, Instant startedAt, Instant endedAt) {
    }

    /** Closes the service's open outage, if there is one, and returns it. */
    public Optional<OutageRow> closeOutage(ResidentService service, Instant now) {
        return jdbc.sql("""
                update service_outage set ended_at = :now where service = :service and ended_at is null
                returning public_ref, service, started_at, ended_at""")
                .param("now", Timestamp.from(now)).param("service", service.name())
                .query((rs, n) -> new OutageRow(rs.getString("public_ref"), service,
                        rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("ended_at").toInstant())).optional();
    }

    /** Recent changes of services that still exist, newest first. */
    public List<SwitchRow> history(int limit) {
        return jdbc.sql("""
                select service, state, message, changed_at, changed_by from service_switch_history
                order by changed_at desc, id desc limit :limit""")
                .param("limit", limit).query(SwitchStore::read).list().stream().flatMap(Optional::stream).toList();
    }

    private static Optional<SwitchRow> read(ResultSet rs, int n) throws SQLException {
        ServiceState state = ServiceState.valueOf(rs.getString("state"));
        String message = rs.getString("message");
        Instant changedAt = rs.getTimestamp("changed_at").toInstant();
        String changedBy = rs.getString("changed_by");
        return ResidentService.named(rs.getString("service"))
                .map(service -> new SwitchRow(service, state, message, changedAt, changedBy));
    }
}
