package org.townhall.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.store.ResetRequestStore;
import org.townhall.platform.ClientOrigin;
import org.townhall.support.AuditRows;
import org.townhall.support.Outbox;
import org.townhall.support.StatementLog;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

@TownhallTest
class PasswordResetTest {

    @LocalServerPort int port;
    @Autowired Outbox outbox;
    @Autowired AuditRows audit;
    @Autowired AccountFixtures fixtures;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired PasswordResetRequests resetRequests;
    @Autowired ResetRequestStore resetQueue;

    @BeforeEach
    void setUp() {
        fixtures.clearSignInThrottles();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String requestReset(AccountFixtures.Resident resident) {
        Visitor visitor = new Visitor(port);
        visitor.get("/forgot-password");
        assertThat(visitor.post("/forgot-password", "email", resident.email()).location()).endsWith("/check-your-email");
        return outbox.lastLink(resident.email(), "RESET_PASSWORD");
    }

    private Visitor.Page reset(String link, String password) {
        Visitor visitor = new Visitor(port);
        visitor.get("/forgot-password");
        visitor.get(link);
        String token = link.substring(link.indexOf("token=") + 6);
        return visitor.post("/reset-password", "token", token, "password", password);
    }

    @Test
    void aResetLinkChangesThePasswordOnceAndSignsOutOtherSessions() {
        AccountFixtures.Resident resident = fixtures.aResident().build();
        Visitor elsewhere = new Visitor(port);
        SignIns.asResident(elsewhere, resident);
        long before = audit.lastId();

        String link = requestReset(resident);
        assertThat(reset(link, "lighthouse marmalade drum").location()).contains("/sign-in?passwordChanged");

        assertThat(elsewhere.get("/account").status()).as("the other session has ended").isEqualTo(302);
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, new AccountFixtures.Resident(resident.ref(), resident.email(), "lighthouse marmalade drum"));
        assertThat(reset(link, "another good password").body()).contains("This link does not work");
        assertThat(outbox.templatesSentTo(resident.email())).contains("RESET_PASSWORD", "PASSWORD_CHANGED");
        assertThat(audit.actionsSince(before)).contains("PASSWORD_RESET_REQUESTED", "PASSWORD_RESET_COMPLETED", "PASSWORD_RESET_REFUSED");
    }

    @Test
    void aResetLinkExpiresAfterThirtyMinutes() {
        AccountFixtures.Resident resident = fixtures.aResident().build();
        String link = requestReset(resident);
        clock.advance(Duration.ofMinutes(31));
        assertThat(new Visitor(port).get(link).body()).contains("This link does not work");
        assertThat(reset(link, "lighthouse marmalade drum").body()).contains("This link does not work");
    }

    @Test
    void aForgedResetTokenIsRefused() {
        Visitor visitor = new Visitor(port);
        visitor.get("/forgot-password");
        assertThat(visitor.post("/reset-password", "token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "password", "lighthouse marmalade drum")
                .body()).contains("This link does not work");
    }

    @Test
    void askingForAResetForAnUnknownEmailLooksTheSameSendsNothingAndIsAudited() {
        Visitor visitor = new Visitor(port);
        visitor.get("/forgot-password");
        String unknown = AccountFixtures.uniqueEmail("nobody");
        long before = audit.lastId();
        assertThat(visitor.post("/forgot-password", "email", unknown).location()).endsWith("/check-your-email");
        awaitQueueHandled();
        assertThat(outbox.templatesSentTo(unknown)).isEmpty();
        assertThat(audit.detailsSince(before, "PASSWORD_RESET_REQUESTED")).anyMatch(d -> d.contains("no account"));
    }

    @Test
    void theRequestThreadIssuesTheSameStatementsWithOrWithoutAnAccountAndNeverReadsAccounts() {
        AccountFixtures.Resident resident = fixtures.aResident().build();
        String unknown = AccountFixtures.uniqueEmail("nobody");
        String tag = "reset-" + System.nanoTime();
        Visitor knownVisitor = new Visitor(port);
        Visitor unknownVisitor = new Visitor(port);
        knownVisitor.get("/forgot-password");
        unknownVisitor.get("/forgot-password");

        Visitor.Page known = knownVisitor.withHeader(StatementLog.HEADER, tag + "-known")
                .post("/forgot-password", "email", resident.email());
        Visitor.Page nobody = unknownVisitor.withHeader(StatementLog.HEADER, tag + "-unknown").post("/forgot-password", "email", unknown);

        assertThat(nobody.status()).isEqualTo(known.status());
        assertThat(nobody.location()).isEqualTo(known.location());
        assertThat(nobody.body()).isEqualTo(known.body());
        List<String> forKnown = StatementLog.of(tag + "-known");
        assertThat(forKnown).as("statements on the request thread").isNotEmpty()
                .anyMatch(sql -> sql.startsWith("insert into password_reset_request"))
                .noneMatch(sql -> sql.matches("(?is).*\\b(resident|account_token|notification_outbox|audit_event|known_device)\\b.*"));
        assertThat(StatementLog.of(tag + "-unknown")).isEqualTo(forKnown);

        // Off the request thread, only the resident is sent a link.
        assertThat(outbox.lastLink(resident.email(), "RESET_PASSWORD")).contains("/reset-password?token=");
        awaitQueueHandled();
        assertThat(outbox.templatesSentTo(unknown)).isEmpty();
    }

    @Test
    void aQueuedRequestIsHandledEvenIfNothingNudgedTheQueue() {
        AccountFixtures.Resident resident = fixtures.aResident().build();
        resetQueue.add(resident.email(), ClientOrigin.system(), clock.instant());
        resetRequests.drain();
        assertThat(outbox.lastLink(resident.email(), "RESET_PASSWORD")).contains("/reset-password?token=");
    }

    @Test
    void aRequestThatCouldNotBeHandledWithinAnHourIsDroppedRatherThanSentLate() {
        AccountFixtures.Resident resident = fixtures.aResident().build();
        resetQueue.add(resident.email(), ClientOrigin.system(), clock.instant().minus(Duration.ofMinutes(61)));
        resetRequests.drain();
        awaitQueueHandled();
        assertThat(outbox.templatesSentTo(resident.email())).isEmpty();
    }

    private void awaitQueueHandled() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.sql("select count(*) from password_reset_request").query(Long.class).single() == 0);
    }

    @Test
    void aStoredNameThatIsNotANameIsNeverPutIntoTheResetEmail() {
        // Stored before names were checked, or by some other way in: the message greets with "Hello".
        AccountFixtures.Resident resident = fixtures.aResident()
                .named("Resident. URGENT: your council tax is overdue - pay at https://pay.example/eastbridge").build();
        requestReset(resident);
        String fields = outbox.lastFields(resident.email(), "RESET_PASSWORD");
        assertThat(fields).contains("\"greeting\": \"Hello\"").doesNotContain("URGENT").doesNotContain("pay.example");
    }

    @Test
    void anUnconfirmedAccountsResetEmailIsNotGreetedByName() {
        AccountFixtures.Resident resident = fixtures.aResident().named("Pay Your Council Tax Today").unverified().build();
        requestReset(resident);
        assertThat(outbox.lastFields(resident.email(), "RESET_PASSWORD")).contains("\"greeting\": \"Hello\"")
                .doesNotContain("Pay Your");
    }

    @Test
    void aConfirmedResidentsResetEmailGreetsThemByName() {
        AccountFixtures.Resident resident = fixtures.aResident().named("Amara Okafor").build();
        requestReset(resident);
        assertThat(outbox.lastFields(resident.email(), "RESET_PASSWORD")).contains("\"greeting\": \"Dear Amara Okafor\"");
    }
}
