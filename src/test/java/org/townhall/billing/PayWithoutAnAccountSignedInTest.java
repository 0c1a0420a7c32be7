package org.townhall.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.townhall.billing.PayWithoutAnAccountTest.keyOn;
import static org.townhall.billing.PayWithoutAnAccountTest.payWithCard;

import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.payments.Ledger;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * The pay pages that need no account are open signed in too, and a guest may sign in halfway: the
 * payment the browser session started stays that browser's to finish and to read, and nobody
 * else's.
 */
@TownhallTest
class PayWithoutAnAccountSignedInTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired AuditRows audit;

    @BeforeEach
    void clearCounts() {
        billing.clearLinkCounts();
    }

    @Test
    void aSignedInResidentPayingOnThePagesThatNeedNoAccountReachesTheCardPageAndTheReceipt() {
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(120_000).build();
        Visitor resident = new Visitor(port);
        SignIns.asResident(resident, accounts.aResident().build());

        String cardPage = startPaying(resident, account, "12.00");
        Visitor.Page receipt = resident.get(payWithCard(resident, cardPage));

        assertThat(receipt.location()).as("back from the provider").startsWith("/payments/");
        assertThat(resident.get(receipt.location()).body()).contains("Payment received", "£12.00");
        assertThat(ledger.balance("council-tax:" + account.ref())).isEqualTo(120_000 - 1_200);
    }

    @Test
    void aGuestWhoSignsInBeforeTheCardPageStillFinishesTheirPayment() {
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(120_000).build();
        Visitor guest = new Visitor(port);
        String cardPage = startPaying(guest, account, "7.50");

        SignIns.asResident(guest, accounts.aResident().build());
        String back = payWithCard(guest, cardPage);

        assertThat(guest.open(back).body()).contains("Payment received", "£7.50");
        assertThat(ledger.balance("council-tax:" + account.ref())).isEqualTo(120_000 - 750);
    }

    @Test
    void aGuestsPaymentStaysHiddenFromAResidentSigningInInAnotherBrowser() {
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(120_000).build();
        Visitor guest = new Visitor(port);
        String cardPage = startPaying(guest, account, "5.00");
        String ref = jdbc.sql("select public_ref from payment where paying_for = :a").param("a", account.ref())
                .query(String.class).single();

        Visitor other = new Visitor(port);
        other.get("/pay/council-tax");
        other.post("/pay/council-tax", "accountNumber", "11111111", "postcode", "ZZ1 1ZZ", "amount", "1",
                "email", "x@example.com", "idempotencyKey", keyOn(other.get("/pay/council-tax")));
        SignIns.asResident(other, accounts.aResident().build());
        long before = audit.lastId();

        assertThat(other.get("/payments/" + ref).status()).isEqualTo(404);
        assertThat(other.get(URI.create(cardPage).getPath()).status()).isEqualTo(404);
        assertThat(other.post("/payments/" + ref + "/continue", "idempotencyKey", "k" + "x".repeat(30)).status()).isEqualTo(404);
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED");
    }

    private static String startPaying(Visitor visitor, BillingFixtures.CouncilTaxFixture account, String amount) {
        String key = keyOn(visitor.get("/pay/council-tax"));
        String cardPage = visitor.post("/pay/council-tax", "accountNumber", account.accountNumber(), "postcode", account.postcode(),
                "amount", amount, "email", "payer-" + java.util.UUID.randomUUID() + "@example.com", "idempotencyKey", key).location();
        assertThat(cardPage).contains("/sandbox-pay/sbx_");
        return cardPage;
    }
}
