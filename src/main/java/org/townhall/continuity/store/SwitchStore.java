package org.townhall.continuity.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The service_switch table and its history. */
@Repository
public class SwitchStore {

    private final JdbcClient jdbc;

    public SwitchStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record SwitchRow(String service, String state, String message, Instant changedAt, String changedBy) {
    }

    public List<SwitchRow> current() {
        return jdbc.sql("select service, state, message, changed_at, changed_by from service_switch")
                .query((rs, n) -> new SwitchRow(rs.getString("service"), rs.getString("state"), rs.getString("message"),
                        rs.getTimestamp("changed_at").toInstant(), rs.getString("changed_by"))).list();
    }

    public void set(String service, String state, String message, Instant now, String by) {
        jdbc.sql("""
                insert into service_switch (service, state, message, changed_at, changed_by)
                values (:service, :state, :message, :now, :by)
                on conflict (service) do update set state = excluded.state, message = excluded.message,
                    changed_at = excluded.changed_at, changed_by = excluded.changed_by""")
                .param("service", service).param("state", state).param("message", message)
                .param("now", Timestamp.from(now)).param("by", by).update();
        jdbc.sql("insert into service_switch_history (service, state, message, changed_at, changed_by) values (:service, :state, :message, :now, :by)")
                .param("service", service).param("state", state).param("message", message)
                .param("now", Timestamp.from(now)).param("by", by).update();
    }

    /** Opens an outage for the service unless one is open already. */
    public void openOutage(String ref, String service, Instant now) {
        jdbc.sql("insert into service_outage (public_ref, service, started_at) values (:ref, :service, :now) on conflict do nothing")
                .param("ref", ref).param("service", service).param("now", Timestamp.from(now)).update();
    }

    public record OutageRow(String ref, String service, Instant startedAt, Instant endedAt) {
    }

    /** Closes the service's open outage, if there is one, and returns it. */
    public java.util.Optional<OutageRow> closeOutage(String service, Instant now) {
        return jdbc.sql("""
                update service_outage set ended_at = :now where service = :service and ended_at is null
                returning public_ref, service, started_at, ended_at""")
                .param("now", Timestamp.from(now)).param("service", service)
                .query((rs, n) -> new OutageRow(rs.getString("public_ref"), rs.getString("service"),
                        rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("ended_at").toInstant())).optional();
    }

    public List<SwitchRow> history(int limit) {
        return jdbc.sql("select service, state, message, changed_at, changed_by from service_switch_history order by changed_at desc, id desc limit :limit")
                .param("limit", limit)
                .query((rs, n) -> new SwitchRow(rs.getString("service"), rs.getString("state"), rs.getString("message"),
                        rs.getTimestamp("changed_at").toInstant(), rs.getString("changed_by"))).list();
    }
}
