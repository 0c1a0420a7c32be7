package org.townhall.reports.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The shield's refusals kept minute by minute, summed for a period. */
@Repository
public class RefusalStore {

    private final JdbcClient jdbc;

    public RefusalStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Refusals in [from, to) by "CLASS reason" (BULK rate, NORMAL shed, UNCOUNTED blocked…), largest first. */
    public Map<String, Long> byClassAndReason(Instant from, Instant to) {
        Map<String, Long> refusals = new LinkedHashMap<>();
        jdbc.sql("""
                select request_class, reason, sum(refusals) from shield_refusal_tally where minute >= :from and minute < :to
                group by 1, 2 order by 3 desc, 1, 2""").param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(rs -> {
                    refusals.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3));
                });
        return refusals;
    }
}
