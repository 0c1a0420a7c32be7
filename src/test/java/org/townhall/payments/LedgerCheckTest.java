package org.townhall.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.platform.database.EmbeddedServer;
import org.townhall.support.AsRole;
import org.townhall.support.TownhallTest;

@TownhallTest
class LedgerCheckTest {

    @Autowired LedgerCheck check;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired EmbeddedServer server;

    private final String held = "provider:CHECK" + ThreadLocalRandom.current().nextInt(1_000_000);

    private void take(long pence) {
        transactions.executeWithoutResult(s -> ledger.transfer("check-test:" + System.nanoTime(), "test", held,
                "income:check-test", pence));
    }

    private long checkedThrough() {
        return jdbc.sql("select checked_through from ledger_check").query(Long.class).single();
    }

    @Test
    void theMarkMovesPastCheckedEntriesAndTheBalanceStillCountsEveryEntry() {
        take(500);
        assertThat(check.check(List.of(held)).balances()).containsEntry(held, 500L);
        long newest = jdbc.sql("select max(id) from journal_entry").query(Long.class).single();
        // The mark moves to what one view saw once every transaction running then has ended.
        for (int view = 0; view < 5 && checkedThrough() < newest; view++) {
            check.check(List.of(held));
        }
        assertThat(checkedThrough()).isGreaterThanOrEqualTo(newest);

        take(250);
        assertThat(check.check(List.of(held)).balances()).containsEntry(held, 750L);
        assertThat(ledger.balance(held)).isEqualTo(750L);
    }

    @Test
    void anAccountFirstAskedForAfterTheMarkIsSummedUpToItAndKeptWhenTheMarkNextMoves() {
        take(120);
        long newest = jdbc.sql("select max(id) from journal_entry").query(Long.class).single();
        for (int view = 0; view < 5 && checkedThrough() < newest; view++) {
            check.check(List.of("provider:SANDBOX"));
        }
        assertThat(check.check(List.of(held)).balances()).containsEntry(held, 120L);

        take(5);
        long later = jdbc.sql("select max(id) from journal_entry").query(Long.class).single();
        for (int view = 0; view < 5 && checkedThrough() < later; view++) {
            assertThat(check.check(List.of(held)).balances()).containsEntry(held, 125L);
        }
        assertThat(jdbc.sql("select balance_pence from ledger_check_balance where account = :a").param("a", held)
                .query(Long.class).single()).isEqualTo(125L);
    }

    @Test
    void aViewThatFindsNothingNewWritesNothing() {
        take(40);
        // Other work (the payments reconciliation job) may post an entry in between: then the view
        // rightly moves the mark, and the check is tried again.
        boolean wroteNothing = false;
        for (int attempt = 0; attempt < 5 && !wroteNothing; attempt++) {
            long newest = jdbc.sql("select max(id) from journal_entry").query(Long.class).single();
            for (int view = 0; view < 5 && checkedThrough() < newest; view++) {
                check.check(List.of(held));
            }
            wroteNothing = Boolean.TRUE.equals(transactions.execute(status -> {
                check.check(List.of(held));
                return jdbc.sql("select pg_current_xact_id_if_assigned() is null").query(Boolean.class).single();
            }));
        }
        assertThat(wroteNothing).isTrue();
    }

    @Test
    void anEntryThatDoesNotBalanceAfterTheMarkIsCounted() {
        long before = check.check(List.of(held)).unbalancedEntries();
        // What only a superuser could do: switch the database's balance check off. Taken out again
        // afterwards, so the ledger every later test (and every backup of it) sees still balances.
        String source = "forged:" + System.nanoTime();
        String mark = jdbc.sql("select row_to_json(c)::text from ledger_check c").query(String.class).single();
        AsRole.superuserBypassingTriggers(server,
                "insert into journal_entry (source, description, posted_at) values (?, 'forged', now())", source);
        AsRole.superuserBypassingTriggers(server, """
                insert into journal_line (entry_id, account, amount_pence)
                select id, ?, 999 from journal_entry where source = ?""", held, source);
        try {
            assertThat(check.check(List.of(held)).unbalancedEntries()).isEqualTo(before + 1);
        } finally {
            AsRole.superuserBypassingTriggers(server,
                    "delete from journal_line where entry_id = (select id from journal_entry where source = ?)", source);
            AsRole.superuserBypassingTriggers(server, "delete from journal_entry where source = ?", source);
            jdbc.sql("delete from ledger_check").update();
            jdbc.sql("insert into ledger_check select * from json_populate_record(null::ledger_check, cast(:mark as json))")
                    .param("mark", mark).update();
            jdbc.sql("delete from ledger_check_balance where account = :a").param("a", held).update();
        }
    }
}
