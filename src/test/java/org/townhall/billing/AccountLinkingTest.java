package org.townhall.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.payments.Payments;
import org.townhall.support.AuditRows;
import org.townhall.support.Outbox;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * Knowing an account's number and postcode (both on every bill) makes only a pending link: the
 * account opens with the code posted to the property, and whoever held it keeps it.
 */
@TownhallTest
class AccountLinkingTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    @Autowired Outbox outbox;
    @Autowired AuditRows audit;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void clearCounts() {
        accounts.clearSignInThrottles();
        billing.clearLinkCounts();
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
    void aStrangerWithTheNumberAndPostcodeIsOnlyPendingSeesNothingPersonalAndTheHolderKeepsTheAccountAndIsEmailed() {
        AccountFixtures.Resident amara = accounts.aResident().named("Amara Okafor").build();
        AccountFixtures.Resident stranger = accounts.aResident().named("Sam Stranger").build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(176_842).linkedTo(amara.ref()).build();
        Visitor thief = signedIn(stranger);
        long before = audit.lastId();

        Visitor.Page linked = link(thief, account);
        assertThat(linked.location()).as("pending, not 'account cannot be found'")
                .endsWith("/council-tax/" + account.ref() + "/activate?asked");
        Visitor.Page waiting = thief.get("/council-tax/" + account.ref() + "/activate");
        assertThat(waiting.status()).isEqualTo(200);
        assertThat(waiting.body()).contains("Enter your activation code", account.accountNumber(), "We posted your code on")
                .doesNotContain("Test Street", "1,768.42", "Amara");
        assertThat(thief.get("/council-tax/" + account.ref()).status()).isEqualTo(404);
        assertThat(thief.get("/council-tax/" + account.ref() + "/statement.csv").status()).isEqualTo(404);
        assertThat(thief.get("/council-tax/" + account.ref() + "/statement.pdf").status()).isEqualTo(404);
        assertThat(thief.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", "10",
                "idempotencyKey", Payments.newIdempotencyKey()).status()).isEqualTo(404);
        assertThat(thief.get("/account").body()).contains("Council tax account " + account.accountNumber(), "Waiting for you to enter")
                .doesNotContain("Test Street", "1,768.42");
        assertThat(audit.actionsSince(before)).contains("BILLING_LINK_PENDING", "BILLING_ACTIVATION_LETTER_SENT", "ACCESS_DENIED")
                .doesNotContain("BILLING_ACCOUNT_LINKED");
        assertThat(statusOf(stranger, account)).isEqualTo("PENDING");

        Visitor owner = signedIn(amara);
        Visitor.Page page = owner.get("/council-tax/" + account.ref());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("1 Test Street", "£1,768.42", "Amara Okafor", "(you)", "Sam Stranger", "Has asked");
        assertThat(outbox.templatesSentTo(amara.email())).containsExactly("BILLING_LINK_REQUESTED");
        assertThat(outbox.templatesSentTo(stranger.email())).isEmpty();
    }

    @Test
    void theCodeInTheLetterPostedToThePropertyOpensTheAccount() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(120_000).build();
        Visitor visitor = signedIn(resident);
        link(visitor, account);

        String recipient = jdbc.sql("select recipient from notification_outbox where template = 'BILLING_ACTIVATION_LETTER' "
                + "and personalisation ->> 'account' = :a order by id desc limit 1")
                .param("a", "Council tax account " + account.accountNumber()).query(String.class).single();
        assertThat(recipient).isEqualTo("The council tax payer, 1 Test Street, Eastbridge, " + account.postcode());
        String code = billing.activationCodeFor(account.accountNumber());
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
        assertThat(jdbc.sql("select count(*) from billing_holder where resident_ref = :r and length(code_hash) = 32 "
                + "and position(convert_to(:c, 'UTF8') in code_hash) = 0").param("r", resident.ref()).param("c", code)
                .query(Long.class).single()).as("only an HMAC of the code is stored").isEqualTo(1);

        long before = audit.lastId();
        Visitor.Page activated = enter(visitor, account, code.toLowerCase().replace("-", " "));
        assertThat(activated.location()).endsWith("/council-tax/" + account.ref() + "?activated");
        assertThat(visitor.get("/council-tax/" + account.ref() + "?activated").body())
                .contains("Your council tax account has been added", "£1,200.00");
        assertThat(audit.actionsSince(before)).contains("BILLING_ACCOUNT_LINKED");
        assertThat(statusOf(resident, account)).isEqualTo("ACTIVE");
    }

    @Test
    void jointTaxpayersBothHoldTheAccountAndTheFirstIsEmailedWhenTheSecondsCodeIsAccepted() {
        AccountFixtures.Resident amara = accounts.aResident().named("Amara Okafor").build();
        AccountFixtures.Resident dan = accounts.aResident().named("Dan Okafor").build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().linkedTo(amara.ref()).build();
        Visitor second = signedIn(dan);
        link(second, account);
        enter(second, account, billing.activationCodeFor(account.accountNumber()));

        assertThat(outbox.templatesSentTo(amara.email())).containsExactly("BILLING_LINK_REQUESTED", "BILLING_LINK_ACTIVATED");
        assertThat(statusOf(amara, account)).isEqualTo("ACTIVE");
        assertThat(statusOf(dan, account)).isEqualTo("ACTIVE");
        for (Visitor holder : new Visitor[] {signedIn(amara), second}) {
            Visitor.Page page = holder.get("/council-tax/" + account.ref());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("Amara Okafor", "Dan Okafor").doesNotContain("Has asked");
            assertThat(holder.get("/council-tax/" + account.ref() + "/statement.csv").status()).isEqualTo(200);
        }
    }

    @Test
    void aTenantsCodeIsPostedToTheCorrespondenceAddressAndOpensTheRentAccount() {
        AccountFixtures.Resident tenant = accounts.aResident().build();
        BillingFixtures.RentFixture rent = billing.aRentAccount().build();
        Visitor visitor = signedIn(tenant);
        visitor.get("/rent/link");
        Visitor.Page linked = visitor.post("/rent/link", "tenancyRef", rent.tenancyRef(), "bornDay", "27", "bornMonth", "3",
                "bornYear", "1985");
        assertThat(linked.location()).endsWith("/rent/" + rent.ref() + "/activate?asked");
        assertThat(visitor.get("/rent/" + rent.ref()).status()).isEqualTo(404);
        assertThat(jdbc.sql("select recipient from notification_outbox where template = 'BILLING_ACTIVATION_LETTER' "
                + "and personalisation ->> 'account' = :a").param("a", "Rent account " + rent.tenancyRef()).query(String.class).single())
                .isEqualTo("The tenant, Flat 1, Test House, Eastbridge, EB4 1TH");

        visitor.get("/rent/" + rent.ref() + "/activate");
        Visitor.Page activated = visitor.post("/rent/" + rent.ref() + "/activate", "code", billing.activationCodeFor(rent.tenancyRef()));
        assertThat(activated.location()).endsWith("/rent/" + rent.ref() + "?activated");
        assertThat(visitor.get("/rent/" + rent.ref()).status()).isEqualTo(200);
    }

    @Test
    void aTenancyWithNoPostcodeToPostToWaitsAndSaysToContactTheCouncil() {
        AccountFixtures.Resident tenant = accounts.aResident().build();
        BillingFixtures.RentFixture rent = billing.aRentAccount().build();
        jdbc.sql("update rent_account set correspondence_postcode = null where public_ref = :r").param("r", rent.ref()).update();
        Visitor visitor = signedIn(tenant);
        visitor.get("/rent/link");
        visitor.post("/rent/link", "tenancyRef", rent.tenancyRef(), "bornDay", "27", "bornMonth", "3", "bornYear", "1985");

        assertThat(billing.lettersFor(rent.tenancyRef())).isZero();
        assertThat(visitor.get("/rent/" + rent.ref() + "/activate").body()).contains("We cannot post a code to this address");
        assertThat(visitor.get("/rent/" + rent.ref()).status()).isEqualTo(404);
    }

    @Test
    void nobodyButTheResidentWhoAskedCanOpenOrUseTheActivationPageAndEachAttemptIsAudited() {
        AccountFixtures.Resident asker = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().build();
        link(signedIn(asker), account);
        String code = billing.activationCodeFor(account.accountNumber());
        String page = "/council-tax/" + account.ref() + "/activate";

        Visitor other = signedIn(accounts.aResident().build());
        long before = audit.lastId();
        assertThat(other.get(page).status()).isEqualTo(404);
        other.get("/account");
        assertThat(other.post(page, "code", code).status()).isEqualTo(404);
        assertThat(other.post(page + "/letter", Map.of()).status()).isEqualTo(404);
        assertThat(audit.actionsSince(before)).containsOnly("ACCESS_DENIED").hasSize(3);

        Visitor anonymous = new Visitor(port);
        before = audit.lastId();
        assertThat(anonymous.get(page).location()).contains("/sign-in");
        assertThat(audit.actionsSince(before)).containsExactly("ACCESS_DENIED");
        assertThat(statusOf(asker, account)).isEqualTo("PENDING");
        assertThat(billing.lettersFor(account.accountNumber())).isEqualTo(1);
    }
}
