package org.townhall.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.billing.BillingFixtures;
import org.townhall.support.AuditRows;
import org.townhall.support.Outbox;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/** A resident adds a council tax account and pays it through the sandbox provider's card page. */
@TownhallTest
class CouncilTaxPaymentTest {

    static final Pattern KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"");

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired Outbox outbox;
    @Autowired AuditRows audit;
    @Autowired TestClock clock;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void aResidentLinksTheirAccountPaysAnInstalmentAndSeesTheReceiptAndNewBalance() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(120_000).inInstalments(10).build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        visitor.get("/council-tax/link");
        Visitor.Page linked = visitor.post("/council-tax/link", "accountNumber", account.accountNumber(),
                "postcode", account.postcode().toLowerCase().replace(" ", ""));
        assertThat(linked.location()).endsWith("/council-tax/" + account.ref() + "/activate?asked");
        visitor.get("/council-tax/" + account.ref() + "/activate");
        assertThat(visitor.post("/council-tax/" + account.ref() + "/activate", "code", billing.activationCodeFor(account.accountNumber()))
                .location()).endsWith("/council-tax/" + account.ref() + "?activated");

        Visitor.Page page = visitor.get("/council-tax/" + account.ref());
        assertThat(page.body()).contains("£1,200.00");
        long before = audit.lastId();
        // The browser also sends a return address of its own choosing: it is ignored.
        String cardPage = visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "instalment", "amount", "",
                "idempotencyKey", keyOn(page), "returnUrl", "https://evil.example/phish").location();
        assertThat(cardPage).contains("/sandbox-pay/sbx_");

        String returned = payWithCard(visitor, cardPage, "4444 3333 2222 1111");
        assertThat(returned).startsWith("/payments/").endsWith("/return");
        Visitor.Page toReceipt = visitor.get(returned);
        assertThat(toReceipt.location()).doesNotContain("evil").matches(".*/payments/[A-Za-z0-9_-]+$");
        Visitor.Page receipt = visitor.get(URIs.path(toReceipt.location()));
        assertThat(receipt.body()).contains("Payment received").containsPattern("EBP-[A-Z0-9]{10}");

        long paid = jdbc.sql("select amount_pence from payment where paying_for = :a and state = 'SUCCESS'")
                .param("a", account.ref()).query(Long.class).single();
        assertThat(paid).isPositive();
        assertThat(ledger.balance("council-tax:" + account.ref())).isEqualTo(120_000 - paid);
        assertThat(visitor.get("/council-tax/" + account.ref()).body()).contains(org.townhall.platform.Money.pounds(120_000 - paid));
        assertThat(outbox.templatesSentTo(resident.email())).contains("PAYMENT_RECEIPT");
        assertThat(audit.actionsSince(before)).contains("PAYMENT_STARTED", "PAYMENT_SUCCEEDED");

        // Coming back to the return page again (a reload, the back button) takes nothing twice.
        visitor.get(returned);
        visitor.get(returned);
        assertThat(jdbc.sql("select count(*) from journal_entry where source like 'payment:%' and description like :d")
                .param("d", "%" + account.accountNumber() + "%").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aDeclinedCardSaysSoAndLeavesTheBalanceAlone() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(90_000).linkedTo(resident.ref()).build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        Visitor.Page page = visitor.get("/council-tax/" + account.ref());
        String cardPage = visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", "25.00",
                "idempotencyKey", keyOn(page)).location();
        Visitor.Page receipt = visitor.open(payWithCard(visitor, cardPage, "4000000000000002"));
        assertThat(receipt.body()).contains("Your card was declined").contains("You have not been charged");
        assertThat(ledger.balance("council-tax:" + account.ref())).isEqualTo(90_000);
        assertThat(outbox.templatesSentTo(resident.email())).doesNotContain("PAYMENT_RECEIPT");
    }

    @Test
    void theSandboxTakesNothingUntilThePaymentIsConfirmedAndAConfirmationSentTwiceTakesItOnce() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(90_000).linkedTo(resident.ref()).build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        Visitor.Page page = visitor.get("/council-tax/" + account.ref());
        String cardPage = URIs.path(visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", "10.00",
                "idempotencyKey", keyOn(page)).location());
        visitor.get(cardPage);

        // A declined card never reaches the confirm page.
        String declined = URIs.path(visitor.post(cardPage, "cardNumber", "4000000000000002", "expiry", "12/30", "cardholderName",
                "A Resident", "securityCode", "123").location());
        assertThat(declined).endsWith("/return");

        page = visitor.get("/council-tax/" + account.ref());
        cardPage = URIs.path(visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", "10.00",
                "idempotencyKey", keyOn(page)).location());
        visitor.get(cardPage);
        String confirm = URIs.path(visitor.post(cardPage, "cardNumber", "4444333322221111", "expiry", "12/30", "cardholderName",
                "A Resident", "securityCode", "123").location());
        assertThat(confirm).isEqualTo(cardPage + "/confirm");
        assertThat(visitor.get(confirm).body()).contains("Confirm your payment", "£10.00", "Card ending 1111", "Nothing has been taken yet");
        assertThat(ledger.balance("council-tax:" + account.ref())).as("nothing taken before confirming").isEqualTo(90_000);

        // Another resident can neither see nor confirm it, and the attempt is recorded.
        Visitor someoneElse = new Visitor(port);
        SignIns.asResident(someoneElse, accounts.aResident().build());
        someoneElse.get("/account");
        long before = audit.lastId();
        assertThat(someoneElse.get(confirm).status()).isEqualTo(404);
        assertThat(someoneElse.post(confirm).status()).isEqualTo(404);
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED");
        assertThat(ledger.balance("council-tax:" + account.ref())).isEqualTo(90_000);

        String back = URIs.path(visitor.post(confirm).location());
        assertThat(URIs.path(visitor.post(confirm).location())).as("sent twice, back the same way").isEqualTo(back);
        visitor.open(back);
        assertThat(ledger.balance("council-tax:" + account.ref())).as("taken once").isEqualTo(89_000);
        assertThat(visitor.get(confirm).location()).as("nothing left to confirm").endsWith("/return");
    }

    @Test
    void aPaymentLeftOnTheCardPageIsOfferedAgainNotCalledCheckingWithTheBank() {
        LeftOnCardPage left = leftOnTheCardPage();
        Visitor visitor = left.visitor();
        String cardPage = left.cardPage();
        String ref = left.ref();

        // The card page was closed before any card details were sent: the provider says so.
        Visitor.Page receipt = visitor.get("/payments/" + ref);
        assertThat(receipt.body()).contains("You have not finished your payment", "no money has been taken", "Continue to payment")
                .doesNotContain("We are checking", "Go back and try again");
        // Nobody has opened the card page, so its one-time address still works and continuing goes there.
        assertThat(URIs.path(visitor.post("/payments/" + ref + "/continue", "idempotencyKey", keyOn(receipt)).location()))
                .isEqualTo(cardPage);

        // Card details sent and the bank has not answered: now it really is with the bank.
        jdbc.sql("update sandbox_charge set status = 'submitted' where provider_id = :id")
                .param("id", cardPage.substring(cardPage.lastIndexOf('/') + 1)).update();
        receipt = visitor.get("/payments/" + ref);
        assertThat(receipt.body()).contains("We are checking your payment with your bank", "Do not pay again")
                .doesNotContain("Continue to payment", "Go back and try again");
        assertThat(visitor.post("/payments/" + ref + "/continue", "idempotencyKey", Payments.newIdempotencyKey()).location())
                .endsWith("/payments/" + ref);
        assertThat(visitor.get("/payments").body()).contains("Checking with your bank").doesNotContain("Not confirmed yet");

        // Another resident cannot continue it, and the attempt is recorded.
        Visitor someoneElse = new Visitor(port);
        SignIns.asResident(someoneElse, accounts.aResident().build());
        someoneElse.get("/account");
        long before = audit.lastId();
        assertThat(someoneElse.post("/payments/" + ref + "/continue", "idempotencyKey", Payments.newIdempotencyKey()).status())
                .isEqualTo(404);
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED");
        assertThat(ledger.balance("council-tax:" + left.accountRef())).isEqualTo(90_000);
    }

    @Test
    void anUnfinishedPaymentIsNoLongerOfferedOnceTheProviderHasLetItExpire() {
        LeftOnCardPage left = leftOnTheCardPage();
        Visitor visitor = left.visitor();
        String ref = left.ref();

        clock.advance(Duration.ofMinutes(91));
        Visitor.Page receipt = visitor.get("/payments/" + ref);
        assertThat(receipt.body()).contains("The payment was not finished in time", "You have not been charged", "Go back and try again")
                .doesNotContain("Continue to payment");
        assertThat(visitor.get("/payments/" + ref + "/continue").location()).endsWith("/payments/" + ref);
    }

    @Test
    void aResidentSeesEveryPaymentTheyMadeAndWhetherItWentThroughAndNobodyElsesAre() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(90_000).linkedTo(resident.ref()).build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        assertThat(visitor.get("/payments").body()).contains("You have not made any payments online yet.");
        assertThat(visitor.get("/account").body()).as("reachable before the first payment").contains("Your payments");

        Visitor.Page page = visitor.get("/council-tax/" + account.ref());
        visitor.open(payWithCard(visitor, visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", "12.34",
                "idempotencyKey", keyOn(page)).location(), "4000000000000002"));
        page = visitor.get("/council-tax/" + account.ref());
        visitor.open(payWithCard(visitor, visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", "56.78",
                "idempotencyKey", keyOn(page)).location(), "4444333322221111"));
        page = visitor.get("/council-tax/" + account.ref());
        // Started and left on the card page: still with the provider.
        visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", "9.10", "idempotencyKey", keyOn(page));

        String list = visitor.get("/payments").body();
        // Left on the card page, as its own page says: not finished, nothing taken, not "with the bank".
        assertThat(list).contains("£12.34", "Not taken", "£56.78", "Paid", "£9.10", "Not finished", "No money taken")
                .doesNotContain("Not confirmed yet", "Checking with your bank");
        assertThat(list.indexOf("£9.10")).as("newest first").isLessThan(list.indexOf("£56.78"));

        Visitor someoneElse = new Visitor(port);
        SignIns.asResident(someoneElse, accounts.aResident().build());
        assertThat(someoneElse.get("/payments").body()).contains("You have not made any payments online yet.")
                .doesNotContain("£56.78");
    }

    @Test
    void amountsThatAreNotOwedAreRefusedAndStartNothing() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(50_000).linkedTo(resident.ref()).build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        for (String amount : new String[] {"500.01", "0", "-5", "abc", "1e3", "12.345", "99999999", "1".repeat(21)}) {
            Visitor.Page page = visitor.get("/council-tax/" + account.ref());
            Visitor.Page refused = visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", amount,
                    "idempotencyKey", keyOn(page));
            assertThat(refused.status()).as(amount).isEqualTo(422);
            assertThat(refused.body()).as(amount).contains("There is a problem");
        }
        Visitor.Page page = visitor.get("/council-tax/" + account.ref());
        assertThat(visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", "10",
                "idempotencyKey", "short").status()).isEqualTo(400);
        assertThat(visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", "10").status()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from payment where paying_for = :a").param("a", account.ref()).query(Long.class).single())
                .isZero();
        assertThat(page.status()).isEqualTo(200);
    }

    @Test
    void aDoubleClickIsOnePaymentAndAKeyReusedForAnotherAmountIsRefused() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(50_000).linkedTo(resident.ref()).build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        String key = keyOn(visitor.get("/council-tax/" + account.ref()));
        String first = visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", "20", "idempotencyKey", key).location();
        visitor.get("/council-tax/" + account.ref());
        String second = visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", "20", "idempotencyKey", key).location();
        assertThat(second).isEqualTo(first);
        visitor.get("/council-tax/" + account.ref());
        long before = audit.lastId();
        Visitor.Page conflict = visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", "30", "idempotencyKey", key);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(audit.actionsSince(before)).as("refused once, without a second try through the provider")
                .filteredOn("PAYMENT_REFUSED"::equals).hasSize(1);
        assertThat(jdbc.sql("select count(*) from payment where paying_for = :a").param("a", account.ref()).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void wrongDetailsGetOneAnswerAndAreThrottledPerAccount() {
        billing.clearLinkCounts();
        AccountFixtures.Resident resident = accounts.aResident().build();
        AccountFixtures.Resident owner = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().build();
        BillingFixtures.CouncilTaxFixture someoneElses = billing.aCouncilTaxAccount().linkedTo(owner.ref()).build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        visitor.get("/council-tax/link");
        String wrongPostcode = visitor.post("/council-tax/link", "accountNumber", account.accountNumber(), "postcode", "ZZ9 9ZZ").body();
        visitor.get("/council-tax/link");
        String unknown = visitor.post("/council-tax/link", "accountNumber", "11111111", "postcode", account.postcode()).body();
        visitor.get("/council-tax/link");
        // An account someone else holds is asked for like any other: a pending link, never "not found".
        assertThat(visitor.post("/council-tax/link", "accountNumber", someoneElses.accountNumber(), "postcode", someoneElses.postcode())
                .location()).endsWith("/council-tax/" + someoneElses.ref() + "/activate?asked");
        for (String answer : new String[] {wrongPostcode, unknown}) {
            assertThat(answer).contains("We could not find a council tax account with that account number and postcode");
        }
        for (int i = 0; i < 4; i++) {
            visitor.get("/council-tax/link");
            visitor.post("/council-tax/link", "accountNumber", account.accountNumber(), "postcode", "ZZ9 9Z" + i);
        }
        visitor.get("/council-tax/link");
        Visitor.Page throttled = visitor.post("/council-tax/link", "accountNumber", account.accountNumber(), "postcode", account.postcode());
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotNull();
        assertThat(jdbc.sql("select count(*) from billing_holder h join council_tax_account a on a.id = h.council_tax_id "
                + "where a.public_ref = :r").param("r", account.ref()).query(Long.class).single()).isZero();
        billing.clearLinkCounts();
    }

    /** A resident who started paying £20 of a £900 bill and closed the card page without sending card details. */
    private record LeftOnCardPage(Visitor visitor, String accountRef, String cardPage, String ref) {
    }

    private LeftOnCardPage leftOnTheCardPage() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(90_000).linkedTo(resident.ref()).build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        Visitor.Page page = visitor.get("/council-tax/" + account.ref());
        String cardPage = URIs.path(visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", "20.00",
                "idempotencyKey", keyOn(page)).location());
        String ref = jdbc.sql("select public_ref from payment where paying_for = :a").param("a", account.ref()).query(String.class).single();
        return new LeftOnCardPage(visitor, account.ref(), cardPage, ref);
    }

    static String keyOn(Visitor.Page page) {
        Matcher key = KEY.matcher(page.body());
        assertThat(key.find()).as("pay form with an idempotency key").isTrue();
        return key.group(1);
    }

    /** Opens the sandbox card page and pays; returns where the provider sends the resident back to. */
    static String payWithCard(Visitor visitor, String cardPage, String cardNumber) {
        String path = URIs.path(cardPage);
        assertThat(visitor.get(path).status()).isEqualTo(200);
        Visitor.Page sent = visitor.post(path, "cardNumber", cardNumber, "expiry", "12/30", "cardholderName", "A Resident",
                "securityCode", "123");
        assertThat(sent.location()).as("on from the card page").isNotNull();
        return URIs.path(confirmed(visitor, URIs.path(sent.location())).location());
    }

    /** On the sandbox's "Confirm your payment" page (an authorised card) the payer confirms; a declined card is already back. */
    static Visitor.Page confirmed(Visitor visitor, String next) {
        if (!next.endsWith("/confirm")) {
            return visitor.get(next);
        }
        assertThat(visitor.get(next).body()).contains("Confirm your payment");
        Visitor.Page back = visitor.post(next);
        assertThat(back.location()).as("back from the confirm page").isNotNull();
        return back;
    }
}
