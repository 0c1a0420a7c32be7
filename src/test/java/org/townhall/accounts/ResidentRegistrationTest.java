package org.townhall.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.platform.PersonNames;
import org.townhall.support.AuditRows;
import org.townhall.support.Outbox;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

@TownhallTest
class ResidentRegistrationTest {

    @LocalServerPort int port;
    @Autowired Outbox outbox;
    @Autowired AuditRows audit;
    @Autowired JdbcClient jdbc;
    @Autowired AccountFixtures fixtures;
    @Autowired org.townhall.support.TestClock clock;
    Visitor visitor;

    @BeforeEach
    void setUp() {
        visitor = new Visitor(port);
        fixtures.clearSignInThrottles();
    }

    private long residentsWith(String email) {
        return jdbc.sql("select count(*) from resident where email_normalised = lower(:e)").param("e", email).query(Long.class).single();
    }

    private Visitor.Page register(String name, String email, String password) {
        visitor.get("/register");
        return visitor.post("/register", "fullName", name, "email", email, "password", password);
    }

    @Test
    void registeringSendsASingleUseConfirmationLinkThatEnablesSignIn() {
        String email = AccountFixtures.uniqueEmail("newcomer");
        long before = audit.lastId();
        assertThat(register("Nia Newcomer", email, "purple tractor lantern").location()).endsWith("/check-your-email");

        visitor.get("/sign-in");
        Visitor.Page early = visitor.post("/sign-in", "email", email, "password", "purple tractor lantern");
        assertThat(early.body()).contains("You need to confirm your email address");

        String link = outbox.lastLink(email, "VERIFY_EMAIL");
        assertThat(visitor.get(link).body()).contains("Email address confirmed");
        assertThat(visitor.get(link).body()).contains("This link does not work");

        visitor.get("/sign-in");
        assertThat(visitor.post("/sign-in", "email", email, "password", "purple tractor lantern").location()).endsWith("/account");
        assertThat(visitor.get("/account").body()).contains("Nia Newcomer").contains("Email address confirmed");
        assertThat(audit.actionsSince(before)).contains("ACCOUNT_CREATED", "EMAIL_VERIFIED", "EMAIL_VERIFICATION_REFUSED", "SIGN_IN_SUCCEEDED");
    }

    @Test
    void aConfirmationLinkExpiresAfterADay() {
        String email = AccountFixtures.uniqueEmail("late");
        register("Late Reader", email, "purple tractor lantern");
        String link = outbox.lastLink(email, "VERIFY_EMAIL");
        clock.advance(java.time.Duration.ofHours(25));
        try {
            assertThat(visitor.get(link).body()).contains("This link does not work");
        } finally {
            clock.reset();
        }
        assertThat(jdbc.sql("select count(*) from resident where email_normalised = :e and email_verified_at is null")
                .param("e", email).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void registeringAnEmailThatHasAnAccountLooksTheSameAndTellsTheOwner() {
        AccountFixtures.Resident owner = fixtures.aResident().build();
        String fresh = AccountFixtures.uniqueEmail("fresh");
        Visitor.Page forNew = register("Someone", fresh, "purple tractor lantern");
        Visitor.Page forTaken = register("Someone", owner.email().toUpperCase(), "purple tractor lantern");

        assertThat(forTaken.status()).isEqualTo(forNew.status());
        assertThat(forTaken.location()).isEqualTo(forNew.location());
        assertThat(residentsWith(owner.email())).isEqualTo(1);
        assertThat(outbox.templatesSentTo(owner.email())).containsExactly("ALREADY_REGISTERED");
    }

    @Test
    void aCommonPasswordIsRefusedAndNothingIsStored() {
        String email = AccountFixtures.uniqueEmail("weak");
        Visitor.Page page = register("Weak Password", email, "password123");
        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("govuk-error-summary").contains("too common");
        assertThat(page.body()).contains("value=\"" + email + "\"");
        assertThat(residentsWith(email)).isZero();
    }

    @Test
    void aShortPasswordIsRefused() {
        String email = AccountFixtures.uniqueEmail("short");
        assertThat(register("Short", email, "abc12").body()).contains("Password must be 8 characters or more");
        assertThat(residentsWith(email)).isZero();
    }

    @Test
    void malformedInputGetsTheErrorSummaryAndStoresNothing() {
        String email = AccountFixtures.uniqueEmail("malformed");
        Visitor.Page tooLong = register("x".repeat(71), email, "purple tractor lantern");
        assertThat(tooLong.body()).contains("govuk-error-summary").contains("Full name must be 70 characters or fewer");

        Visitor.Page control = register("Evil\u0007Name", email, "purple tractor lantern");
        assertThat(control.body()).contains("Full name must only include letters");
        // A NUL, which no field may hold, is refused as a bad request before the form is read.
        Visitor.Page nul = register("Evil\u0000Name", email, "purple tractor lantern");
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.body()).contains("could not understand that request");

        Visitor.Page badEmail = register("Someone", "not-an-email", "purple tractor lantern");
        assertThat(badEmail.body()).contains("Enter an email address in the correct format");

        Visitor.Page hugePassword = register("Someone", email, "p".repeat(10_000));
        assertThat(hugePassword.body()).contains("Password must be 128 characters or fewer");
        assertThat(residentsWith(email)).isZero();
        assertThat(tooLong.body()).doesNotContain("Exception").doesNotContain("SQL");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAuditedAndChangesNothing() {
        String email = AccountFixtures.uniqueEmail("csrf");
        long before = audit.lastId();
        Visitor.Page page = visitor.postRaw("/register", Visitor.pairs("fullName", "Forged", "email", email,
                "password", "purple tractor lantern"));
        assertThat(page.status()).isEqualTo(403);
        assertThat(residentsWith(email)).isZero();
        assertThat(audit.detailsSince(before, "ACCESS_DENIED")).anyMatch(d -> d.contains("csrf"));

        visitor.get("/register");
        Visitor.Page forged = visitor.postRaw("/register", Visitor.pairs("fullName", "Forged", "email", email,
                "password", "purple tractor lantern", "_csrf", "not-the-token"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(residentsWith(email)).isZero();
    }

    private static final String PHISHING_NAME = "Resident. URGENT: your council tax is overdue - pay at https://pay.example/eastbridge";

    @Test
    void aNameCarryingAMessageOrALinkIsRefusedWithTheErrorSummaryAndNothingIsSent() {
        String email = AccountFixtures.uniqueEmail("phish");
        Visitor.Page page = register(PHISHING_NAME, email, "purple tractor lantern");
        assertThat(page.status()).isEqualTo(422);
        // Too long as well as not a name: the summary gives one message for the field, either one.
        assertThat(page.body()).contains("govuk-error-summary")
                .containsAnyOf(PersonNames.NOT_A_NAME, "Full name must be 70 characters or fewer");
        for (String notAName : java.util.List.of("Resident. Pay now", "Flat 2", "someone@pay.example", "pay.example")) {
            assertThat(register(notAName, email, "purple tractor lantern").body()).as(notAName).contains(PersonNames.NOT_A_NAME);
        }
        assertThat(residentsWith(email)).isZero();
        assertThat(outbox.templatesSentTo(email)).isEmpty();
    }

    @Test
    void aNameWithAccentsHyphensApostrophesAndInitialsIsKeptTidied() {
        String email = AccountFixtures.uniqueEmail("zoe");
        assertThat(register("  Zoë  O’Brien-Smith J. ", email, "purple tractor lantern").location()).endsWith("/check-your-email");
        assertThat(jdbc.sql("select full_name from resident where email_normalised = :e").param("e", email)
                .query(String.class).single()).isEqualTo("Zoë O’Brien-Smith J.");
    }

    @Test
    void theConfirmationEmailSaysHelloNotTheNameThatWasTyped() {
        String email = AccountFixtures.uniqueEmail("greeted");
        register("Nia Newcomer", email, "purple tractor lantern");
        assertThat(outbox.lastFields(email, "VERIFY_EMAIL")).contains("\"greeting\": \"Hello\"").doesNotContain("Nia");
    }

    @Test
    void anUnconfirmedAddressIsNotGreetedByTheNameWhoeverRegisteredItTyped() {
        // Someone registers an address that is not theirs, naming the account as they please, then registers it again.
        String victim = AccountFixtures.uniqueEmail("victim");
        register("Pay Your Council Tax Today", victim, "purple tractor lantern");
        register("Someone", victim, "purple tractor lantern");
        assertThat(outbox.lastFields(victim, "ALREADY_REGISTERED")).contains("\"greeting\": \"Hello\"").doesNotContain("Pay Your");
    }

    @Test
    void aConfirmedOwnerIsGreetedByTheirOwnName() {
        AccountFixtures.Resident owner = fixtures.aResident().named("Olu Owner").build();
        register("Someone", owner.email(), "purple tractor lantern");
        assertThat(outbox.lastFields(owner.email(), "ALREADY_REGISTERED")).contains("\"greeting\": \"Dear Olu Owner\"");
    }
}
