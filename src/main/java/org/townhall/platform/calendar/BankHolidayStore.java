package org.townhall.platform.calendar;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The bank holidays last read from GOV.UK, shared by every instance. */
@Repository
public class BankHolidayStore {

    /** One refresh at a time across instances. */
    private static final long REFRESH_LOCK = 0x7A0D19L;

    private final JdbcClient jdbc;

    public BankHolidayStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<BankHolidayFeed.Holiday> all() {
        return jdbc.sql("select day, title, notes from bank_holiday order by day")
                .query((rs, n) -> new BankHolidayFeed.Holiday(rs.getDate("day").toLocalDate(), rs.getString("title"),
                        rs.getString("notes"))).list();
    }

    /**
     * Replaces what is stored with a whole feed, in the caller's transaction; false, changing
     * nothing, if another instance is doing the same at this moment.
     */
    public boolean replace(List<BankHolidayFeed.Holiday> holidays, Instant fetchedAt) {
        Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(:lock)").param("lock", REFRESH_LOCK)
                .query(Boolean.class).single();
        if (!Boolean.TRUE.equals(locked)) {
            return false;
        }
        jdbc.sql("delete from bank_holiday").update();
        for (BankHolidayFeed.Holiday holiday : holidays) {
            jdbc.sql("insert into bank_holiday (day, title, notes, fetched_at) values (:day, :title, :notes, :at)")
                    .param("day", Date.valueOf(holiday.date())).param("title", holiday.title()).param("notes", holiday.notes())
                    .param("at", Timestamp.from(fetchedAt)).update();
        }
        return true;
    }
}
