package org.townhall.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.support.AuditRows;
import org.townhall.support.Outbox;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * The activation code posted to the property: wrong, used, expired or guessed codes open nothing,
 * and new letters are limited.
 */
@TownhallTest
class ActivationCodeEntryTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    @Autowired Outbox outbox;
    @Autowired AuditRows audit;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;

    @BeforeEach
    void clearCounts() {
        accounts.clearSignInThrottles();
        billing.clearLinkCounts();
    }

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    private Visitor signedIn(AccountFixtures.Resident resident) {
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        return visitor;
    }

    private static Visitor.Page link(Visitor visitor, BillingFixtures.CouncilTaxFixture account) {
        visitor.get("/council-tax/link");
        return visitor.post("/council-tax/link", "accountNumber", account.accountNumber(), "postcode", account.postcode());
    }

    private static Visitor.Page enter(Visitor visitor, BillingFixtures.CouncilTaxFixture account, String code) {
        visitor.get("/council-tax/" + account.ref() + "/activate");
        return visitor.post("/council-tax/" + account.ref() + "/activate", "code", code);
    }

    private String statusOf(AccountFixtures.Resident resident, BillingFixtures.CouncilTaxFixture account) {
        return jdbc.sql("""
                select h.status from billing_holder h join council_tax_account a on a.id = h.council_tax_id
                where a.public_ref = :a and h.resident_ref = :r""").param("a", account.ref()).param("r", resident.ref())
                .query(String.class).single();
    }

    @Test
    void aWrongCodeChangesNothingAndTheRightOneStillWorks() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().build();
        Visitor visitor = signedIn(resident);
        link(visitor, account);
        byte[] hash = jdbc.sql("select code_hash from billing_holder where resident_ref = :r").param("r", resident.ref())
                .query(byte[].class).single();

        long before = audit.lastId();
        Visitor.Page wrong = enter(visitor, account, "7KQ2-M9XD-4HTP");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).contains("does not match the one in our letter");
        Visitor.Page malformed = enter(visitor, account, "not a code");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.body()).contains("Enter the 12-character code");
        assertThat(audit.actionsSince(before)).contains("BILLING_ACTIVATION_FAILED");
        assertThat(statusOf(resident, account)).isEqualTo("PENDING");
        assertThat(jdbc.sql("select code_hash from billing_holder where resident_ref = :r").param("r", resident.ref())
                .query(byte[].class).single()).isEqualTo(hash);
        assertThat(visitor.get("/council-tax/" + account.ref()).status()).isEqualTo(404);

        assertThat(enter(visitor, account, billing.activationCodeFor(account.accountNumber())).location()).endsWith("?activated");
    }

    @Test
    void aCodeWorksOnceAndIsNoUseToAnyoneElse() {
        AccountFixtures.Resident dan = accounts.aResident().build();
        AccountFixtures.Resident eve = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().build();
        Visitor danBrowser = signedIn(dan);
        link(danBrowser, account);
        String dansCode = billing.activationCodeFor(account.accountNumber());
        Visitor eveBrowser = signedIn(eve);
        link(eveBrowser, account);

        assertThat(enter(eveBrowser, account, dansCode).status()).as("a code opens only the link it was posted for").isEqualTo(422);
        assertThat(enter(danBrowser, account, dansCode).location()).endsWith("?activated");
        long before = audit.lastId();
        assertThat(danBrowser.post("/council-tax/" + account.ref() + "/activate", "code", dansCode).status())
                .as("replayed").isEqualTo(404);
        assertThat(audit.actionsSince(before)).containsExactly("ACCESS_DENIED");
        assertThat(enter(eveBrowser, account, dansCode).status()).isEqualTo(422);
        assertThat(statusOf(eve, account)).isEqualTo("PENDING");
    }

    @Test
    void aCodeExpiresThirtyDaysAfterItWasPosted() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().build();
        link(signedIn(resident), account);
        String code = billing.activationCodeFor(account.accountNumber());

        clock.advance(Duration.ofDays(30).plusMinutes(1));
        Visitor later = signedIn(resident);
        assertThat(later.get("/council-tax/" + account.ref() + "/activate").body()).contains("has expired");
        Visitor.Page expired = enter(later, account, code);
        assertThat(expired.status()).isEqualTo(422);
        assertThat(expired.body()).contains("The code in our letter has expired");
        assertThat(statusOf(resident, account)).isEqualTo("PENDING");
        assertThat(later.get("/council-tax/" + account.ref()).status()).isEqualTo(404);
    }

    @Test
    void guessingCodesIsThrottledEvenWithTheRightCodeAndAudited() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().build();
        Visitor visitor = signedIn(resident);
        link(visitor, account);
        for (int i = 0; i < Activation.LINK_FAILURES; i++) {
            assertThat(enter(visitor, account, "7KQ2-M9XD-4HT" + i).status()).isEqualTo(422);
        }

        long before = audit.lastId();
        Visitor.Page throttled = enter(visitor, account, billing.activationCodeFor(account.accountNumber()));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotNull();
        assertThat(throttled.body()).contains("too many attempts");
        assertThat(audit.actionsSince(before)).contains("BILLING_ACTIVATION_THROTTLED");
        assertThat(statusOf(resident, account)).isEqualTo("PENDING");

        clock.advance(Activation.LINK_WINDOW.plusMinutes(1));
        assertThat(enter(signedIn(resident), account, billing.activationCodeFor(account.accountNumber())).location())
                .endsWith("?activated");
    }

    @Test
    void aNewLetterCanBeAskedForOnceAWeekAndVoidsTheOldCode() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().build();
        Visitor visitor = signedIn(resident);
        link(visitor, account);
        String first = billing.activationCodeFor(account.accountNumber());

        visitor.get("/council-tax/" + account.ref() + "/activate");
        Visitor.Page tooSoon = visitor.post("/council-tax/" + account.ref() + "/activate/letter", Map.of());
        assertThat(tooSoon.status()).isEqualTo(422);
        assertThat(tooSoon.body()).contains("You can ask for a new letter from");
        assertThat(link(visitor, account).location()).as("asking again posts nothing").endsWith("/activate?asked");
        assertThat(billing.lettersFor(account.accountNumber())).isEqualTo(1);

        clock.advance(ActivationLetters.BETWEEN_LETTERS.plusMinutes(1));
        Visitor later = signedIn(resident);
        later.get("/council-tax/" + account.ref() + "/activate");
        assertThat(later.post("/council-tax/" + account.ref() + "/activate/letter", Map.of()).location()).endsWith("/activate?posted");
        assertThat(billing.lettersFor(account.accountNumber())).isEqualTo(2);
        String second = billing.activationCodeFor(account.accountNumber());
        assertThat(second).isNotEqualTo(first);
        assertThat(enter(later, account, first).status()).as("the old code is void").isEqualTo(422);
        assertThat(enter(later, account, second).location()).endsWith("?activated");
    }

    @Test
    void oneAddressIsPostedAtMostThreeCodesAWeekWhoeverAsks() {
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().build();
        for (int i = 0; i < ActivationLetters.LETTERS_TO_ONE_ADDRESS_A_WEEK + 1; i++) {
            link(signedIn(accounts.aResident().build()), account);
        }
        assertThat(billing.lettersFor(account.accountNumber())).isEqualTo(ActivationLetters.LETTERS_TO_ONE_ADDRESS_A_WEEK);
        AccountFixtures.Resident fifth = accounts.aResident().build();
        Visitor visitor = signedIn(fifth);
        link(visitor, account);
        assertThat(visitor.get("/council-tax/" + account.ref() + "/activate").body())
                .contains("You can ask for a new letter from").doesNotContain("We posted your code on");
    }
}
