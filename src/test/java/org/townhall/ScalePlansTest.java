package org.townhall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.support.TownhallTest;

/**
 * The statements that must cost what their answer costs at a borough's size are served by an
 * index. The test database is small, so sequential scans are priced out to show which index the
 * planner can use; with millions of rows it prefers it anyway.
 */
@TownhallTest
class ScalePlansTest {

    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate transactions;

    private String plan(String sql, Object... args) {
        return transactions.execute(s -> {
            jdbc.execute("set local enable_seqscan = off");
            List<String> lines = jdbc.queryForList("explain " + sql, String.class, args);
            return String.join("\n", lines);
        });
    }

    @Test
    void anOldMonthOfTheAuditTrailIsSoughtInTimeOrderWithoutSorting() {
        String plan = plan("""
                select id from audit_event where occurred_at >= '2025-03-01' and occurred_at < '2025-04-01'
                order by occurred_at desc, id desc limit 500""");
        assertThat(plan).contains("audit_event_time_id_idx").doesNotContain("Sort");
    }

    @Test
    void aChainIsVerifiedFromItsMarkAlongItsIndex() {
        assertThat(plan("select id from audit_event where chain = 3 and id > 1000 order by id")).contains("audit_event_chain_idx")
                .doesNotContain("Sort");
    }

    @Test
    void paymentsOfSomeDaysAreFoundByTheirDate() {
        assertThat(plan("""
                select * from payment where created_at >= now() - interval '7 days' and created_at < now()
                order by created_at desc limit 500""")).contains("payment_created_idx").doesNotContain("Sort");
    }

    @Test
    void paymentsOfSomeDaysInOneStateAreFoundByStateAndDate() {
        assertThat(plan("""
                select * from payment where created_at >= now() - interval '7 days' and created_at < now() and state = 'FAILED'
                order by created_at desc limit 500""")).contains("payment_state_created_idx");
    }

    @Test
    void finesPaidTwiceAreReadFromTheMarkedPaymentsAlone() {
        assertThat(plan("select * from payment where paid_again and refunded_pence < amount_pence order by finished_at limit 200"))
                .contains("payment_paid_again_idx");
    }

    @Test
    void anAccountsLinesSinceTheLedgerMarkAreReadFromTheIndexAlone() {
        assertThat(plan("""
                select sum(amount_pence) from journal_line where account = any(array['provider:SANDBOX']) and entry_id > 10
                and entry_id <= 20""")).contains("journal_line_account_entry_idx");
    }
}
