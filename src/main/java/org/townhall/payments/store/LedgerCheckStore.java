package org.townhall.payments.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ledger's running check (table ledger_check): entries up to a mark were checked once and their
 * result kept, so each check reads only the entries since. An entry's id is taken before its
 * transaction commits, so an entry below the newest visible one can still appear; the mark moves
 * to a candidate only once every transaction running when the candidate was read has ended.
 */
@Repository
public class LedgerCheckStore {

    private final JdbcClient jdbc;

    public LedgerCheckStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What was kept: checked through an entry, how many up to it did not balance, and the candidate. */
    public record Mark(long checkedThrough, long unbalanced, long pendingThrough, boolean pendingFinal) {
    }

    /** The kept mark. Read without a lock: a view that finds nothing new writes nothing. */
    public Mark read() {
        return jdbc.sql("""
                select checked_through, unbalanced, pending_through,
                       pending_xmax <= pg_snapshot_xmin(pg_current_snapshot()) as pending_final
                from ledger_check""")
                .query((rs, n) -> new Mark(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBoolean(4))).single();
    }

    /** Entries after one id, up to another, whose lines do not sum to zero or are fewer than two. */
    public long unbalancedBetween(long afterId, long throughId) {
        return jdbc.sql("""
                select count(*) from (select e.id from journal_entry e left join journal_line l on l.entry_id = e.id
                                      where e.id > :after and e.id <= :through
                                      group by e.id having coalesce(sum(l.amount_pence), 0) <> 0 or count(l.id) < 2) unbalanced""")
                .param("after", afterId).param("through", throughId).query(Long.class).single();
    }

    /** The newest entry the statement can see. */
    public long newestEntry() {
        return jdbc.sql("select coalesce(max(id), 0) from journal_entry").query(Long.class).single();
    }

    /** Each account's lines in the entries after one id, up to another. */
    public Map<String, Long> movedBetween(List<String> accounts, long afterId, long throughId) {
        Map<String, Long> moved = new HashMap<>();
        jdbc.sql("""
                select account, sum(amount_pence) from journal_line
                where account = any(cast(:accounts as text[])) and entry_id > :after and entry_id <= :through
                group by account""")
                .param("accounts", accounts.toArray(String[]::new)).param("after", afterId).param("through", throughId)
                .query((RowCallbackHandler) rs -> moved.put(rs.getString(1), rs.getLong(2)));
        return moved;
    }

    /** The accounts' balances as kept at the mark; an account not kept yet is absent. */
    public Map<String, Long> keptBalances(List<String> accounts) {
        Map<String, Long> kept = new HashMap<>();
        jdbc.sql("select account, balance_pence from ledger_check_balance where account = any(cast(:accounts as text[]))")
                .param("accounts", accounts.toArray(String[]::new))
                .query((RowCallbackHandler) rs -> kept.put(rs.getString(1), rs.getLong(2)));
        return kept;
    }

    public void keepBalance(String account, long balancePence) {
        jdbc.sql("""
                insert into ledger_check_balance (account, balance_pence) values (:account, :balance)
                on conflict (account) do update set balance_pence = excluded.balance_pence""")
                .param("account", account).param("balance", balancePence).update();
    }

    /**
     * Moves the mark from {@code read} to {@code through}, and names the newest visible entry as
     * the next candidate; false if another view moved it first (this one then keeps nothing). The
     * row stays locked until the transaction ends, so the balances kept with it are this view's.
     */
    public boolean advance(Mark read, long through, long unbalanced, long candidate, java.time.Instant at) {
        return jdbc.sql("""
                update ledger_check set checked_through = :through, unbalanced = :unbalanced, pending_through = :candidate,
                    pending_xmax = pg_snapshot_xmax(pg_current_snapshot()), checked_at = :at
                where checked_through = :readThrough and pending_through = :readPending""")
                .param("through", through).param("unbalanced", unbalanced).param("candidate", candidate)
                .param("at", java.sql.Timestamp.from(at)).param("readThrough", read.checkedThrough())
                .param("readPending", read.pendingThrough()).update() == 1;
    }
}
