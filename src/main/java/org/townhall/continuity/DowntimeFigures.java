package org.townhall.continuity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How long each resident service was off or read only in a period, for the audit committee:
 * every outage's minutes inside the period (one still open counts up to now), and of those the
 * minutes of planned maintenance.
 */
@Service
public class DowntimeFigures {

    private final JdbcClient jdbc;
    private final Clock clock;

    DowntimeFigures(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One service's downtime in the period, in minutes. */
    public record Downtime(long minutes, long plannedMinutes, long outages) {
    }

    @Transactional(readOnly = true)
    public Map<ResidentService, Downtime> period(Instant from, Instant to) {
        Instant end = to.isAfter(clock.instant()) ? clock.instant() : to;
        Map<ResidentService, Downtime> figures = new EnumMap<>(ResidentService.class);
        for (ResidentService service : ResidentService.values()) {
            figures.put(service, new Downtime(0, 0, 0));
        }
        jdbc.sql("""
                select o.service,
                       sum(extract(epoch from least(coalesce(o.ended_at, :end), :end) - greatest(o.started_at, :from)) / 60)::bigint,
                       coalesce(sum((select extract(epoch from least(m.ends_at, coalesce(o.ended_at, :end), :end)
                                                      - greatest(m.starts_at, o.started_at, :from)) / 60
                                      from maintenance_window m where m.service = o.service and m.started
                                        and m.starts_at < least(coalesce(o.ended_at, :end), :end) and m.ends_at > greatest(o.started_at, :from)
                                      order by m.starts_at limit 1)), 0)::bigint,
                       count(*)
                from service_outage o
                where o.started_at < :end and coalesce(o.ended_at, :end) > :from
                group by o.service""")
                .param("from", Timestamp.from(from)).param("end", Timestamp.from(end))
                .query((rs, n) -> {
                    try {
                        figures.put(ResidentService.valueOf(rs.getString(1)), new Downtime(rs.getLong(2), Math.max(0, rs.getLong(3)), rs.getLong(4)));
                    } catch (IllegalArgumentException retired) {
                        // A service no longer offered still had its downtime, but has no row to show it under.
                    }
                    return null;
                }).list();
        return figures;
    }
}
