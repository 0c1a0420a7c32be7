package org.townhall.payments.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Journal entries and their lines. */
@Repository
public class LedgerStore {

    private final JdbcClient jdbc;

    public LedgerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record NewLine(String account, long amountPence) {
    }

    public record MovementRow(Instant postedAt, String description, long amountPence) {
    }

    /**
     * The entry and its lines in one statement; false if an entry from this source exists. The
     * database checks the lines sum to zero when the transaction commits.
     */
    public boolean post(String source, String description, Instant at, List<NewLine> lines) {
        String[] accounts = lines.stream().map(NewLine::account).toArray(String[]::new);
        Long[] amounts = lines.stream().map(NewLine::amountPence).toArray(Long[]::new);
        return jdbc.sql("""
                with entry as (
                    insert into journal_entry (source, description, posted_at) values (:source, :description, :at)
                    on conflict (source) do nothing returning id)
                insert into journal_line (entry_id, account, amount_pence)
                select entry.id, line.account, line.amount
                from entry, unnest(cast(:accounts as text[]), cast(:amounts as bigint[])) with ordinality as line(account, amount, n)
                order by line.n""")
                .param("source", source).param("description", description).param("at", Timestamp.from(at))
                .param("accounts", accounts).param("amounts", amounts).update() > 0;
    }

    public long balance(String account) {
        return jdbc.sql("select coalesce(sum(amount_pence), 0) from journal_line where account = :account")
                .param("account", account).query(Long.class).single();
    }

    /** Every account whose name starts with the prefix and its balance, in one pass over the lines. */
    public Map<String, Long> balancesStartingWith(String prefix) {
        Map<String, Long> balances = new HashMap<>();
        jdbc.sql("select account, sum(amount_pence) from journal_line where starts_with(account, :prefix) group by account")
                .param("prefix", prefix).query((RowCallbackHandler) rs -> balances.put(rs.getString(1), rs.getLong(2)));
        return balances;
    }

    public List<MovementRow> movements(String account) {
        return jdbc.sql("""
                select e.posted_at, e.description, l.amount_pence from journal_line l join journal_entry e on e.id = l.entry_id
                where l.account = :account order by e.posted_at, e.id""")
                .param("account", account)
                .query((rs, n) -> new MovementRow(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getLong(3))).list();
    }

    public long unbalancedEntries() {
        return jdbc.sql("""
                select count(*) from journal_entry e
                where (select coalesce(sum(amount_pence), 0) from journal_line l where l.entry_id = e.id) <> 0
                   or (select count(*) from journal_line l where l.entry_id = e.id) < 2""").query(Long.class).single();
    }
}
