package org.townhall.mail.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts for the daily figures, by London day: verdicts, and the checks that found something. */
@Repository
public class Figures {

    private final JdbcClient jdbc;

    public Figures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record VerdictCount(LocalDate day, String verdict, long messages) {
    }

    public record ReasonCount(LocalDate day, String check, long messages) {
    }

    public List<VerdictCount> verdicts(Instant from, Instant to) {
        return jdbc.sql("""
                select (received_at at time zone 'Europe/London')::date as day, verdict, count(*) from mail_message
                where received_at >= :from and received_at < :to group by 1, 2 order by 1 desc, 2""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new VerdictCount(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3))).list();
    }

    /** Messages in which each check scored (a message counts once per check). */
    public List<ReasonCount> reasons(Instant from, Instant to) {
        return jdbc.sql("""
                select (m.received_at at time zone 'Europe/London')::date as day, f.check_name, count(distinct m.id)
                from mail_message m join mail_finding f on f.message_id = m.id
                where m.received_at >= :from and m.received_at < :to and f.score > 0
                group by 1, 2 order by 1 desc, 3 desc""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new ReasonCount(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3))).list();
    }
}
