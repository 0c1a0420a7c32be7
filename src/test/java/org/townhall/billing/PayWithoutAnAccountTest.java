package org.townhall.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.payments.Ledger;
import org.townhall.support.AuditRows;
import org.townhall.support.Outbox;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/** Paying council tax and rent without an account: only what is needed to pay, one answer for every mismatch, the receipt to the typed address. */
@TownhallTest
class PayWithoutAnAccountTest {

    static final Pattern KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"");
    static final String NO_MATCH = "We could not find a council tax account with that account number and postcode";

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired Outbox outbox;
    @Autowired AuditRows audit;

    @BeforeEach
    void clearCounts() {
        billing.clearLinkCounts();
    }

    @Test
    void aGuestPaysCouncilTaxWithTheNumberPostcodeAndATypedAmountAndTheReceiptGoesOnlyToTheTypedAddress() {
        AccountFixtures.Resident holder = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(120_000).linkedTo(holder.ref()).build();
        Visitor guest = new Visitor(port);
        Visitor.Page form = guest.get("/pay/council-tax");
        assertThat(form.status()).isEqualTo(200);
        long before = audit.lastId();
        // An address of this test's own: other tests' guests pay with payer@example.com into the same outbox.
        String payer = "payer-" + account.accountNumber() + "@example.com";

        String cardPage = guest.post("/pay/council-tax", "accountNumber", account.accountNumber(), "postcode", account.postcode(),
                "amount", "45.50", "email", payer, "idempotencyKey", keyOn(form)).location();
        assertThat(cardPage).contains("/sandbox-pay/sbx_");
        Visitor.Page receipt = guest.open(payWithCard(guest, cardPage));

        assertThat(receipt.body()).contains("Payment received", "£45.50", "Save this to an account", "/council-tax/link")
                .doesNotContain("1 Test Street", "£1,154.50", holder.email(), "All your payments");
        assertThat(ledger.balance("council-tax:" + account.ref())).isEqualTo(120_000 - 4_550);
        assertThat(outbox.templatesSentTo(payer)).containsExactly("PAYMENT_RECEIPT");
        assertThat(outbox.templatesSentTo(holder.email())).doesNotContain("PAYMENT_RECEIPT");
        assertThat(audit.actionsSince(before)).contains("PAYMENT_STARTED", "PAYMENT_SUCCEEDED");
    }

    @Test
    void staffCannotStartAResidentsPaymentFromAStaffSessionAndAreRecorded() {
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(120_000).build();
        Visitor officer = new Visitor(port);
        org.townhall.accounts.SignIns.asStaff(officer, accounts.aStaffMember()
                .withRole(org.townhall.accounts.StaffRole.FINANCE_OFFICER).enrolled().build());
        officer.get("/staff");
        long before = audit.lastId();
        assertThat(officer.get("/pay/council-tax").status()).isEqualTo(403);
        assertThat(officer.get("/pay/rent").status()).isEqualTo(403);
        assertThat(officer.post("/pay/council-tax", "accountNumber", account.accountNumber(), "postcode", account.postcode(),
                "amount", "20", "email", "x@example.com", "idempotencyKey", org.townhall.payments.Payments.newIdempotencyKey())
                .status()).isEqualTo(403);
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED").doesNotContain("PAYMENT_STARTED");
    }

    @Test
    void thePayPageShowsNothingOfTheAccountEvenWhenTheDetailsMatch() {
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(120_000).build();
        Visitor guest = new Visitor(port);
        Visitor.Page form = guest.get("/pay/council-tax");
        // A blank amount is asked for again: the page must not fill it in from the balance.
        Visitor.Page page = guest.post("/pay/council-tax", "accountNumber", account.accountNumber(), "postcode", account.postcode(),
                "amount", "", "email", "payer@example.com", "idempotencyKey", keyOn(form));
        assertThat(page.body()).contains("Enter the amount you want to pay")
                .doesNotContain("Test Street", "1,200.00", "120.00", "band", "Band");
    }

    @Test
    void aWrongPostcodeAndAnUnknownNumberGetTheSameAnswer() {
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().build();
        Visitor guest = new Visitor(port);
        String key = keyOn(guest.get("/pay/council-tax"));
        Visitor.Page wrongPostcode = guest.post("/pay/council-tax", "accountNumber", account.accountNumber(), "postcode", "ZZ1 1ZZ",
                "amount", "10", "email", "payer@example.com", "idempotencyKey", key);
        Visitor.Page unknown = guest.post("/pay/council-tax", "accountNumber", "11111111", "postcode", account.postcode(),
                "amount", "10", "email", "payer@example.com", "idempotencyKey", key);
        assertThat(wrongPostcode.body()).contains(NO_MATCH);
        assertThat(unknown.body()).contains(NO_MATCH);
        assertThat(errorsOf(wrongPostcode)).isEqualTo(errorsOf(unknown));
        assertThat(paymentsFor(account)).isZero();
    }

    @Test
    void wrongPostcodesAreThrottledPerAccountAndAuditedAsLinkingIs() {
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().build();
        Visitor guest = new Visitor(port);
        String key = keyOn(guest.get("/pay/council-tax"));
        long before = audit.lastId();
        for (int i = 0; i < 5; i++) {
            guest.post("/pay/council-tax", "accountNumber", account.accountNumber(), "postcode", "ZZ" + i + " 1ZZ",
                    "amount", "10", "email", "payer@example.com", "idempotencyKey", key);
        }
        Visitor.Page right = guest.post("/pay/council-tax", "accountNumber", account.accountNumber(), "postcode", account.postcode(),
                "amount", "10", "email", "payer@example.com", "idempotencyKey", key);
        assertThat(right.status()).isEqualTo(429);
        assertThat(right.header("Retry-After")).isNotBlank();
        assertThat(audit.actionsSince(before)).contains("BILLING_LINK_FAILED", "BILLING_LINK_THROTTLED");
        assertThat(paymentsFor(account)).isZero();
    }

    @Test
    void anAmountMoreThanIsOwedIsRefusedWithoutSayingTheBalanceAndCountsAsAFailedAttempt() {
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(50_000).build();
        Visitor guest = new Visitor(port);
        String key = keyOn(guest.get("/pay/council-tax"));
        long before = audit.lastId();
        Visitor.Page page = guest.post("/pay/council-tax", "accountNumber", account.accountNumber(), "postcode", account.postcode(),
                "amount", "500.01", "email", "payer@example.com", "idempotencyKey", key);
        assertThat(page.body()).contains("The amount is more than is owed on this account").doesNotContain("500.00");
        assertThat(audit.detailsSince(before, "BILLING_LINK_FAILED")).anyMatch(d -> d.contains("more than is owed"));
        assertThat(paymentsFor(account)).isZero();
    }

    @Test
    void theSameFormSentAgainIsOnePaymentAndCannotMoveTheReceiptToAnotherAddress() {
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(120_000).build();
        Visitor guest = new Visitor(port);
        String key = keyOn(guest.get("/pay/council-tax"));
        String first = guest.post("/pay/council-tax", "accountNumber", account.accountNumber(), "postcode", account.postcode(),
                "amount", "20", "email", "payer@example.com", "idempotencyKey", key).location();
        guest.post("/pay/council-tax", "accountNumber", account.accountNumber(), "postcode", account.postcode(),
                "amount", "20", "email", "thief@example.com", "idempotencyKey", key);
        assertThat(paymentsFor(account)).isOne();
        guest.open(payWithCard(guest, first));
        assertThat(outbox.templatesSentTo("payer@example.com")).contains("PAYMENT_RECEIPT");
        assertThat(outbox.templatesSentTo("thief@example.com")).isEmpty();
        assertThat(ledger.balance("council-tax:" + account.ref())).isEqualTo(118_000);
    }

    @Test
    void aGuestsPaymentOpensOnlyInTheBrowserThatMadeIt() {
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(120_000).build();
        Visitor guest = new Visitor(port);
        String cardPage = guest.post("/pay/council-tax", "accountNumber", account.accountNumber(), "postcode", account.postcode(),
                "amount", "20", "email", "payer@example.com", "idempotencyKey", keyOn(guest.get("/pay/council-tax"))).location();
        String ref = jdbc.sql("select public_ref from payment where paying_for = :a").param("a", account.ref()).query(String.class).single();

        Visitor stranger = new Visitor(port);
        assertThat(stranger.get("/payments/" + ref).location()).contains("/sign-in");
        assertThat(stranger.get(URI.create(cardPage).getPath()).location()).contains("/sign-in");
        Visitor otherGuest = new Visitor(port);
        otherGuest.post("/pay/council-tax", "accountNumber", "11111111", "postcode", "ZZ1 1ZZ", "amount", "1",
                "email", "x@example.com", "idempotencyKey", keyOn(otherGuest.get("/pay/council-tax")));
        long before = audit.lastId();
        assertThat(otherGuest.get("/payments/" + ref).status()).isEqualTo(404);
        assertThat(otherGuest.get(URI.create(cardPage).getPath()).status()).isEqualTo(404);
        Visitor resident = new Visitor(port);
        SignIns.asResident(resident, accounts.aResident().build());
        assertThat(resident.get("/payments/" + ref).status()).isEqualTo(404);
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED");
        assertThat(guest.get("/payments/" + ref).status()).isEqualTo(200);
    }

    @Test
    void aGuestPaysRentWithTheTenancyAndDateOfBirthButNeverIntoCredit() {
        BillingFixtures.RentFixture tenancy = billing.aRentAccount().weekly(15_000).build();
        long owed = ledger.balance("rent:" + tenancy.ref());
        Visitor guest = new Visitor(port);
        String key = keyOn(guest.get("/pay/rent"));
        String[] born = {String.valueOf(tenancy.bornOn().getDayOfMonth()), String.valueOf(tenancy.bornOn().getMonthValue()),
            String.valueOf(tenancy.bornOn().getYear())};
        Visitor.Page tooMuch = guest.post("/pay/rent", "tenancyRef", tenancy.tenancyRef(), "bornDay", born[0], "bornMonth", born[1],
                "bornYear", born[2], "amount", org.townhall.platform.Money.pounds(owed + 1).substring(1).replace(",", ""),
                "email", "tenant@example.com", "idempotencyKey", key);
        assertThat(tooMuch.body()).contains("The amount is more than is owed on this account").doesNotContain("Test House");
        Visitor.Page wrongBirthday = guest.post("/pay/rent", "tenancyRef", tenancy.tenancyRef(), "bornDay", "1", "bornMonth", "1",
                "bornYear", "1950", "amount", "10", "email", "tenant@example.com", "idempotencyKey", key);
        assertThat(wrongBirthday.body()).contains("We could not find a rent account with that tenancy reference and date of birth");
        String cardPage = guest.post("/pay/rent", "tenancyRef", tenancy.tenancyRef(), "bornDay", born[0], "bornMonth", born[1],
                "bornYear", born[2], "amount", "10.00", "email", "tenant@example.com", "idempotencyKey", key).location();
        guest.open(payWithCard(guest, cardPage));
        assertThat(ledger.balance("rent:" + tenancy.ref())).isEqualTo(owed - 1_000);
        assertThat(outbox.templatesSentTo("tenant@example.com")).contains("PAYMENT_RECEIPT");
    }

    private long paymentsFor(BillingFixtures.CouncilTaxFixture account) {
        return jdbc.sql("select count(*) from payment where paying_for = :a").param("a", account.ref()).query(Long.class).single();
    }

    private static String errorsOf(Visitor.Page page) {
        String body = page.body();
        int start = body.indexOf("govuk-error-summary__list");
        return start < 0 ? "" : body.substring(start, body.indexOf("</ul>", start));
    }

    static String keyOn(Visitor.Page page) {
        Matcher key = KEY.matcher(page.body());
        assertThat(key.find()).as("pay form with an idempotency key").isTrue();
        return key.group(1);
    }

    /** Opens the sandbox card page and pays with the card that succeeds; where the provider sends the payer back to. */
    static String payWithCard(Visitor visitor, String cardPage) {
        String path = URI.create(cardPage).getPath();
        assertThat(visitor.get(path).status()).isEqualTo(200);
        Visitor.Page sent = visitor.post(path, "cardNumber", "4444333322221111", "expiry", "12/30", "cardholderName", "A Payer",
                "securityCode", "123");
        assertThat(sent.location()).as("on from the card page").endsWith("/confirm");
        String confirm = URI.create(sent.location()).getPath();
        assertThat(visitor.get(confirm).body()).contains("Confirm your payment");
        Visitor.Page back = visitor.post(confirm);
        assertThat(back.location()).as("back from the confirm page").isNotNull();
        return URI.create(back.location()).getPath();
    }
}
