package org.townhall.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.notifications.store.OutboxStore.OutboxMessage;
import org.townhall.support.Visitor;

/**
 * Administrators see what was not delivered, without its content where email reaches residents,
 * and send again a message Townhall gave up on; nobody else can.
 */
class OutboxResendTest extends NotifyOutage {

    private String givenUpOn() {
        clock.advance(RetrySchedule.KEEP_TRYING.plusHours(1).negated());
        String reference = queued();
        clock.reset();
        anInstance().deliver(reference);
        assertThat(message(reference).status()).isEqualTo("FAILED");
        return reference;
    }

    @Test
    void administratorsSeeWhatWasNotDeliveredWithoutItsContentAndCanSendItAgain() {
        String reference = givenUpOn();
        OutboxMessage failed = message(reference);
        Visitor admin = new Visitor(port);
        SignIns.asStaff(admin, accounts.aStaffMember().withRole(StaffRole.ADMIN).enrolled().build());

        String page = admin.get("/staff/outbox").body();
        assertThat(page).contains(reference).contains("Given up").contains("Send again").contains("did not answer")
                .contains(OutboxMessage.mask(failed.recipient()));
        assertThat(page).as("no content where messages reach residents")
                .doesNotContain(failed.recipient()).doesNotContain("one-time-secret").doesNotContain("Latest messages");

        notifyAnswers();
        long before = auditRows.lastId();
        Visitor.Page sent = admin.post("/staff/outbox/" + reference + "/send-again");
        assertThat(sent.location()).endsWith("/staff/outbox?sentAgain");
        assertThat(auditRows.detailsSince(before, "NOTIFICATION_SENT_AGAIN")).singleElement().asString().startsWith(reference);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> message(reference).status().equals("SENT"));
        assertThat(message(reference).attempts()).isEqualTo(1);
        assertThat(admin.get("/staff/outbox").body()).doesNotContain(reference);
    }

    @Test
    void onlyAMessageGivenUpOnCanBeSentAgainAndAMistakeChangesNothing() {
        String waiting = queued();
        Visitor admin = new Visitor(port);
        SignIns.asStaff(admin, accounts.aStaffMember().withRole(StaffRole.ADMIN).enrolled().build());
        for (String reference : List.of(waiting, "N-no-such-message", "x".repeat(500))) {
            admin.get("/staff/outbox");
            long before = auditRows.lastId();
            Visitor.Page refused = admin.post("/staff/outbox/" + reference + "/send-again");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body()).contains("There is a problem").contains("Only a message Townhall has stopped trying");
            assertThat(auditRows.actionsSince(before)).contains("NOTIFICATION_SENT_AGAIN");
        }
        assertThat(message(waiting).status()).isEqualTo("PENDING");
        assertThat(message(waiting).attempts()).isZero();
    }

    @Test
    void nobodyButAnAdministratorCanSendAMessageAgainAndEachRefusalIsAudited() {
        String reference = givenUpOn();
        String path = "/staff/outbox/" + reference + "/send-again";

        Visitor anonymous = new Visitor(port);
        anonymous.get("/staff/sign-in");
        long before = auditRows.lastId();
        assertThat(anonymous.post(path).location()).endsWith("/staff/sign-in");
        assertThat(auditRows.actionsSince(before)).contains("ACCESS_DENIED");

        Visitor resident = new Visitor(port);
        SignIns.asResident(resident, accounts.aResident().build());
        before = auditRows.lastId();
        assertThat(resident.post(path).status()).isIn(302, 403);
        assertThat(auditRows.actionsSince(before)).contains("ACCESS_DENIED");

        Visitor finance = new Visitor(port);
        SignIns.asStaff(finance, accounts.aStaffMember().withRole(StaffRole.FINANCE_OFFICER).enrolled().build());
        finance.get("/staff");
        before = auditRows.lastId();
        assertThat(finance.get("/staff/outbox").status()).isEqualTo(403);
        assertThat(finance.post(path).status()).isEqualTo(403);
        assertThat(auditRows.actionsSince(before)).filteredOn("ACCESS_DENIED"::equals).hasSize(2);

        Visitor admin = new Visitor(port);
        SignIns.asStaff(admin, accounts.aStaffMember().withRole(StaffRole.ADMIN).enrolled().build());
        before = auditRows.lastId();
        assertThat(admin.postRaw(path, Map.of()).status()).as("no CSRF token").isEqualTo(403);
        assertThat(auditRows.detailsSince(before, "ACCESS_DENIED")).singleElement().asString().contains("csrf");

        assertThat(message(reference).status()).isEqualTo("FAILED");
        assertThat(callsFor(reference)).isEqualTo(1);
    }
}
