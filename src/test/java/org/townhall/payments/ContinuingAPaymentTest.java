package org.townhall.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.townhall.payments.CouncilTaxPaymentTest.keyOn;
import static org.townhall.payments.CouncilTaxPaymentTest.payWithCard;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.billing.BillingFixtures;
import org.townhall.parking.ParkingFixtures;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * The sandbox's card page opens once, as GOV.UK Pay's does, so these journeys show what a resident
 * would meet with GOV.UK Pay: continuing a payment whose page was opened cancels it and starts a new
 * one, and nothing ever sends a resident back to a spent card page address.
 */
@TownhallTest
class ContinuingAPaymentTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    @Autowired ParkingFixtures parking;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired AuditRows audit;
    @Autowired PaymentFixtures paymentFixtures;
    @Autowired Payments payments;
    @Autowired org.townhall.payments.provider.PaymentProvider provider;

    @Test
    void theSandboxCardPageOpensOnceAndASecondOpenSaysItHasExpiredAndTakesNothing() {
        Started started = aCouncilTaxPaymentStarted("20.00");
        assertThat(started.visitor().get(started.cardPage()).body()).contains("Enter card details");

        Visitor.Page again = started.visitor().get(started.cardPage());

        assertThat(again.status()).isEqualTo(410);
        assertThat(again.body()).contains("This payment link has expired").contains("Nothing has been taken")
                .doesNotContain("name=\"cardNumber\"");
        assertThat(ledger.balance("council-tax:" + started.accountRef())).isEqualTo(90_000);
    }

    @Test
    void continuingAfterTheCardPageWasOpenedCancelsThatPaymentStartsANewOneAndOnlyOneIsCharged() {
        Started started = aCouncilTaxPaymentStarted("20.00");
        Visitor visitor = started.visitor();
        visitor.get(started.cardPage());

        Visitor.Page receipt = visitor.get("/payments/" + started.ref());
        assertThat(receipt.body()).contains("You have not finished your payment", "Continue to payment");
        String newCardPage = URIs.path(visitor.post("/payments/" + started.ref() + "/continue", "idempotencyKey", keyOn(receipt))
                .location());

        assertThat(newCardPage).startsWith("/sandbox-pay/").isNotEqualTo(started.cardPage());
        assertThat(stateOf(started.ref())).isEqualTo("CANCELLED");
        assertThat(visitor.get(started.cardPage()).body()).contains("This payment link has expired");
        assertThat(visitor.open(payWithCard(visitor, newCardPage, "4444333322221111")).body()).contains("Payment received");
        assertThat(ledger.balance("council-tax:" + started.accountRef())).isEqualTo(90_000 - 2_000);
        assertThat(jdbc.sql("select state from payment where paying_for = :a order by id").param("a", started.accountRef())
                .query(String.class).list()).containsExactly("CANCELLED", "SUCCESS");
        assertThat(visitor.get("/payments/" + started.ref()).body()).contains("You have not been charged");
    }

    @Test
    void aDoubleClickOnContinueStartsOneNewPayment() {
        Started started = aCouncilTaxPaymentStarted("20.00");
        Visitor visitor = started.visitor();
        visitor.get(started.cardPage());
        String key = keyOn(visitor.get("/payments/" + started.ref()));

        String first = visitor.post("/payments/" + started.ref() + "/continue", "idempotencyKey", key).location();
        visitor.get("/payments/" + started.ref());
        String second = visitor.post("/payments/" + started.ref() + "/continue", "idempotencyKey", key).location();

        assertThat(second).isEqualTo(first);
        assertThat(jdbc.sql("select count(*) from payment where paying_for = :a").param("a", started.accountRef())
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void theSamePayFormSentAgainAfterItsCardPageWasOpenedGoesToTheReceiptNotTheSpentAddress() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(90_000).linkedTo(resident.ref()).build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        String key = keyOn(visitor.get("/council-tax/" + account.ref()));
        String cardPage = URIs.path(visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", "20.00",
                "idempotencyKey", key).location());
        visitor.get(cardPage);

        // The back button, and the same form sent again.
        visitor.get("/council-tax/" + account.ref());
        String again = visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", "20.00",
                "idempotencyKey", key).location();

        assertThat(again).doesNotContain("/sandbox-pay/").matches(".*/payments/[A-Za-z0-9_-]+$");
        assertThat(visitor.get(URIs.path(again)).body()).contains("Continue to payment");
    }

    @Test
    void aSecondPayButtonForAParkingFineAfterItsCardPageWasOpenedStartsAfreshAndTheFineIsPaidOnce() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).forContravention("12").onAccountOf(resident.ref()).build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        String firstCardPage = URIs.path(visitor.post("/parking/pcn/" + pcn.ref() + "/pay", "idempotencyKey",
                keyOn(visitor.get("/parking/pcn/" + pcn.ref()))).location());
        visitor.get(firstCardPage);

        String secondCardPage = URIs.path(visitor.post("/parking/pcn/" + pcn.ref() + "/pay", "idempotencyKey",
                keyOn(visitor.get("/parking/pcn/" + pcn.ref()))).location());

        assertThat(secondCardPage).startsWith("/sandbox-pay/").isNotEqualTo(firstCardPage);
        assertThat(visitor.open(payWithCard(visitor, secondCardPage, "4444333322221111")).body()).contains("Payment received");
        assertThat(jdbc.sql("select state from payment where paying_for = :p order by id").param("p", pcn.ref())
                .query(String.class).list()).containsExactly("CANCELLED", "SUCCESS");
        assertThat(visitor.get("/parking/pcn/" + pcn.ref()).body()).contains("This parking fine has been paid.");
    }

    @Test
    void continuingAPaymentWhoseBalanceWasPaidMeanwhileSaysWhyAndStartsNothing() {
        Started started = aCouncilTaxPaymentStarted("900.00");
        Visitor visitor = started.visitor();
        visitor.get(started.cardPage());
        // Meanwhile the whole balance was paid from a page served by an instance on the release before the guard.
        AccountFixtures.Resident resident = started.resident();
        StartedPayment other = paymentFixtures.startedWithoutTheGuard(new PaymentRequest(Payments.newIdempotencyKey(), resident.ref(),
                Purpose.COUNCIL_TAX, started.accountRef(), "Council tax", 90_000, "council-tax:" + started.accountRef(),
                "/council-tax/" + started.accountRef()));
        ((org.townhall.payments.provider.SandboxProvider) provider).pay(other.nextUrl().substring("/sandbox-pay/".length()),
                "4444333322221111");
        payments.receipt(other.paymentRef(), resident.ref());

        Visitor.Page refused = visitor.post("/payments/" + started.ref() + "/continue", "idempotencyKey",
                keyOn(visitor.get("/payments/" + started.ref())));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("There is a problem", "would already pay all that is owed", "You have not been charged");
        assertThat(stateOf(started.ref())).isEqualTo("CANCELLED");
        assertThat(jdbc.sql("select count(*) from payment where paying_for = :a").param("a", started.accountRef())
                .query(Long.class).single()).isEqualTo(2);
        assertThat(ledger.balance("council-tax:" + started.accountRef())).isZero();
    }

    @Test
    void nobodyElseCanContinueAResidentsPaymentAndTheAttemptIsRecorded() {
        Started started = aCouncilTaxPaymentStarted("20.00");
        String key = keyOn(started.visitor().get("/payments/" + started.ref()));
        Visitor someoneElse = new Visitor(port);
        SignIns.asResident(someoneElse, accounts.aResident().build());
        someoneElse.get("/account");
        long before = audit.lastId();

        assertThat(someoneElse.post("/payments/" + started.ref() + "/continue", "idempotencyKey", key).status()).isEqualTo(404);
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED");
        Visitor anonymous = new Visitor(port);
        anonymous.get("/sign-in");
        assertThat(anonymous.post("/payments/" + started.ref() + "/continue", "idempotencyKey", key).location()).endsWith("/sign-in");
        assertThat(stateOf(started.ref())).isEqualTo("CREATED");
    }

    /** A resident who started paying £20 of a £900 council tax bill: the card page's address, not yet opened. */
    private record Started(Visitor visitor, AccountFixtures.Resident resident, String accountRef, String cardPage, String ref) {
    }

    private Started aCouncilTaxPaymentStarted(String amount) {
        AccountFixtures.Resident resident = accounts.aResident().build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(90_000).linkedTo(resident.ref()).build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        String cardPage = URIs.path(visitor.post("/council-tax/" + account.ref() + "/pay", "choice", "other", "amount", amount,
                "idempotencyKey", keyOn(visitor.get("/council-tax/" + account.ref()))).location());
        String ref = jdbc.sql("select public_ref from payment where paying_for = :a").param("a", account.ref()).query(String.class).single();
        return new Started(visitor, resident, account.ref(), cardPage, ref);
    }

    private String stateOf(String ref) {
        return jdbc.sql("select state from payment where public_ref = :r").param("r", ref).query(String.class).single();
    }
}
