package org.townhall.payments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.support.RunsLast;
import org.townhall.support.TownhallTest;

/** After the whole suite, with every payment, refund, charge and crash it made: the ledger still balances. */
@TownhallTest
@RunsLast
class LedgerAfterEverythingTest {

    @Autowired JdbcClient jdbc;
    @Autowired Ledger ledger;

    @Test
    void everyJournalEntryInTheDatabaseSumsToZero() {
        assertThat(jdbc.sql("select count(*) from journal_entry").query(Long.class).single()).as("the suite posted entries").isPositive();
        assertThat(ledger.unbalancedEntries()).isZero();
        assertThat(jdbc.sql("select coalesce(sum(amount_pence), 0) from journal_line").query(Long.class).single()).isZero();
    }

    @Test
    void everyTakenPaymentHasExactlyOneEntryAndNothingElseDoes() {
        assertThat(jdbc.sql("""
                select count(*) from payment p
                where p.state = 'SUCCESS' and (select count(*) from journal_entry e where e.source = 'payment:' || p.reference) <> 1
                   or p.state <> 'SUCCESS' and exists (select 1 from journal_entry e where e.source = 'payment:' || p.reference)""")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                select count(*) from payment p where p.refunded_pence <>
                    (select coalesce(sum(r.amount_pence), 0) from refund r where r.payment_id = p.id and r.state <> 'ERROR')""")
                .query(Long.class).single()).isZero();
    }
}
