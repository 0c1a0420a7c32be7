package org.townhall.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

@TownhallTest
class NotifierTest {

    @LocalServerPort int port;
    @Autowired Notifier notifier;
    @Autowired TransactionTemplate transactions;
    @Autowired JdbcClient jdbc;
    @Autowired AccountFixtures fixtures;
    @Autowired AuditRows audit;

    private String status(String reference) {
        return jdbc.sql("select status from notification_outbox where reference = :r").param("r", reference)
                .query(String.class).optional().orElse("absent");
    }

    @Test
    void aMessageIsDeliveredOnceItsActCommits() {
        String reference = transactions.execute(s -> notifier.sendEmail(
                new ResidentEmail.VerifyEmail("http://localhost/confirm-email?token=t"), "x@example.com"));
        // Sent on a delivery thread once the act has committed, not by the act's own thread.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> "SENT".equals(status(reference)));
    }

    @Test
    void aNameThatIsNotANameNeverReachesTheOutboxAndSoNeverTheProvider() {
        String reference = transactions.execute(s -> notifier.sendEmail(
                new ResidentEmail.PaymentReceipt("£1.00", "Rent", "1 May", "R1", "http://localhost/payments/p"), "z@example.com",
                "Resident. URGENT: pay at https://pay.example"));
        String kept = jdbc.sql("select personalisation::text from notification_outbox where reference = :r").param("r", reference)
                .query(String.class).single();
        assertThat(kept).contains("\"greeting\": \"Hello\"").doesNotContain("\"name\"").doesNotContain("URGENT")
                .doesNotContain("pay.example");
    }

    @Test
    void anActThatRollsBackSendsNothing() {
        String[] reference = new String[1];
        assertThatThrownBy(() -> transactions.executeWithoutResult(s -> {
            reference[0] = notifier.sendEmail(new ResidentEmail.VerifyEmail("l"), "y@example.com");
            throw new IllegalStateException("the act failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(status(reference[0])).isEqualTo("absent");
    }

    @Test
    void onlyAdministratorsSeeTheOutboxAndEachLookIsAudited() {
        fixtures.clearSignInThrottles();
        Visitor admin = new Visitor(port);
        SignIns.asStaff(admin, fixtures.aStaffMember().withRole(StaffRole.ADMIN).enrolled().build());
        long before = audit.lastId();
        assertThat(admin.get("/staff/outbox").body()).contains("Notification outbox");
        assertThat(audit.actionsSince(before)).containsExactly("OUTBOX_VIEWED");
    }
}
