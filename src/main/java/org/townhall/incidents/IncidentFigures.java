package org.townhall.incidents;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the register tells the audit committee about a period [from, to). */
@Service
public class IncidentFigures {

    private final JdbcClient jdbc;

    IncidentFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Incidents opened in the period by kind, NCSC category (0: not yet categorised) and severity;
     * breaches the council became aware of in the period, those to be notified and those notified
     * within 72 hours; incidents contained in the period and the hours it took them.
     */
    public record Figures(long opened, long openedByDetection, Map<IncidentKind, Long> byKind, Map<Integer, Long> byCategory,
                          Map<Severity, Long> bySeverity, long breaches, long breachesToNotify, long notifiedWithin72Hours,
                          long contained, Double medianHoursToContain, Double longestHoursToContain) {

        /** The share of notifiable breaches notified within 72 hours, or null when there were none. */
        public Double shareNotifiedInTime() {
            return breachesToNotify == 0 ? null : (double) notifiedWithin72Hours / breachesToNotify;
        }
    }

    @Transactional(readOnly = true)
    public Figures period(Instant from, Instant to) {
        Map<IncidentKind, Long> byKind = new EnumMap<>(IncidentKind.class);
        Map<Integer, Long> byCategory = new LinkedHashMap<>();
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        for (IncidentKind kind : IncidentKind.values()) {
            byKind.put(kind, 0L);
        }
        for (int category = 1; category <= 6; category++) {
            byCategory.put(category, 0L);
        }
        byCategory.put(0, 0L);
        for (Severity severity : Severity.values()) {
            bySeverity.put(severity, 0L);
        }
        long[] opened = {0, 0};
        jdbc.sql("""
                select kind, coalesce(ncsc_category, 0), severity, count(*), count(*) filter (where detected_by is not null)
                from incident where opened_at >= :from and opened_at < :to group by 1, 2, 3""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).query(rs -> {
                    long count = rs.getLong(4);
                    byKind.merge(IncidentKind.valueOf(rs.getString(1)), count, Long::sum);
                    byCategory.merge(rs.getInt(2), count, Long::sum);
                    bySeverity.merge(Severity.valueOf(rs.getString(3)), count, Long::sum);
                    opened[0] += count;
                    opened[1] += rs.getLong(5);
                });
        long[] breaches = jdbc.sql("""
                select count(*) filter (where b.personal_data_breach),
                       count(*) filter (where b.personal_data_breach and b.notify_ico),
                       count(*) filter (where b.personal_data_breach and b.notify_ico and exists (select 1 from breach_ico_notification n
                           where n.incident_id = b.incident_id and n.phase = 'INITIAL' and n.sent_at <= b.aware_at + interval '72 hours'))
                from breach_assessment b where b.aware_at >= :from and b.aware_at < :to""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
        Object[] contain = jdbc.sql("""
                select count(*), percentile_cont(0.5) within group (order by extract(epoch from contained_at - opened_at)::float8 / 3600),
                       max(extract(epoch from contained_at - opened_at)::float8 / 3600)
                from incident where contained_at >= :from and contained_at < :to""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new Object[] {rs.getLong(1), (Double) rs.getObject(2), rs.getObject(3) == null ? null
                        : ((Number) rs.getObject(3)).doubleValue()}).single();
        return new Figures(opened[0], opened[1], byKind, byCategory, bySeverity, breaches[0], breaches[1], breaches[2],
                (Long) contain[0], (Double) contain[1], (Double) contain[2]);
    }
}
