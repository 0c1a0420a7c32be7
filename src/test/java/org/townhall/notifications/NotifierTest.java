package org.townhall.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
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
        String reference = transactions.execute(s -> notifier.sendEmail(NotificationTemplate.VERIFY_EMAIL, "x@example.com",
                Map.of("name", "X", "link", "http://localhost/confirm-email?token=t")));
        // Sent on a delivery thread once the act has committed, not by the act's own thread.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> "SENT".equals(status(reference)));
    }

    @Test
    void aNameThatIsNotANameNeverReachesTheOutboxAndSoNeverTheProvider() {
        String reference = transactions.execute(s -> notifier.sendEmail(NotificationTemplate.PAYMENT_RECEIPT, "z@example.com",
                Map.of("name", "Resident. URGENT: pay at https://pay.example", "amount", "£1.00", "description", "Rent",
                        "date", "1 May", "reference", "R1", "link", "http://localhost/payments/p")));
        String kept = jdbc.sql("select personalisation::text from notification_outbox where reference = :r").param("r", reference)
                .query(String.class).single();
        assertThat(kept).contains("\"greeting\": \"Hello\"").doesNotContain("\"name\"").doesNotContain("URGENT")
                .doesNotContain("pay.example");
    }

    @Test
    void anActThatRollsBackSendsNothing() {
        String[] reference = new String[1];
        assertThatThrownBy(() -> transactions.executeWithoutResult(s -> {
            reference[0] = notifier.sendEmail(NotificationTemplate.VERIFY_EMAIL, "y@example.com", Map.of("name", "Y", "link", "l"));
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
