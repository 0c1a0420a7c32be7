package org.townhall.payments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.billing.BillingFixtures;
import org.townhall.parking.ParkingFixtures;
import org.townhall.platform.Money;
import org.townhall.support.Browser;
import org.townhall.support.TownhallTest;

/**
 * Paying in a real browser: link a council tax account, have a card declined (nothing changes),
 * leave the card page and continue from the payment's own page (a new payment: the card page opens
 * once), pay an instalment with a sandbox test card, see the receipt and the new balance, pay a
 * parking fine at its reduced amount and see it paid. Every page checked with axe-core.
 */
@TownhallTest
class PaymentJourneyBrowserTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    @Autowired ParkingFixtures parking;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;
    Browser browser;

    @BeforeEach
    void open() {
        accounts.clearSignInThrottles();
        billing.clearLinkCounts();
        browser = new Browser(port);
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void linkPayAnInstalmentSeeTheBalanceThenPayAParkingFineAtTheDiscount() throws Exception {
        AccountFixtures.Resident person = accounts.aResident().named("Priya Payer").build();
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(120_000).inInstalments(10).build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).forContravention("12").onAccountOf(person.ref()).build();

        browser.open("/sign-in").type("email", person.email()).type("password", person.password()).submit("email");
        browser.open("/council-tax/link").assertAccessible();
        browser.type("accountNumber", account.accountNumber()).type("postcode", account.postcode()).submit("accountNumber");
        assertThat(browser.heading()).isEqualTo("Enter your activation code");
        assertThat(browser.text()).doesNotContain("£1,200.00");
        browser.type("code", billing.activationCodeFor(account.accountNumber())).submit("code");
        assertThat(browser.text()).contains("Your council tax account has been added").contains("£1,200.00");
        browser.assertAccessible();

        browser.chooseRadio("Pay another amount").type("amount", "20").click("Continue to payment");
        assertThat(browser.heading()).contains("Enter card details");
        browser.assertAccessible();
        payWith("4000 0000 0000 0002");
        assertThat(browser.text()).contains("Your card was declined").contains("You have not been charged");
        browser.assertAccessible();
        assertThat(ledger.balance("council-tax:" + account.ref())).isEqualTo(120_000);

        browser.click("Go back and try again");
        browser.click("Continue to payment");
        // The card page opened and left before paying: the payment's own page offers to continue.
        String unfinished = jdbc.sql("select public_ref from payment where paying_for = :a and state not in ('FAILED') "
                + "order by created_at desc limit 1").param("a", account.ref()).query(String.class).single();
        String spentCardPage = "/sandbox-pay/" + jdbc.sql("select provider_id from payment where public_ref = :r")
                .param("r", unfinished).query(String.class).single();
        browser.open("/payments/" + unfinished);
        assertThat(browser.heading()).isEqualTo("You have not finished your payment");
        browser.assertAccessible();
        // The card page's address works once, as GOV.UK Pay's does: continuing starts a new payment.
        browser.click("Continue to payment");
        assertThat(browser.heading()).contains("Enter card details");
        assertThat(browser.path()).startsWith("/sandbox-pay/").isNotEqualTo(spentCardPage);
        payWith("4444 3333 2222 1111");
        assertThat(browser.heading()).contains("Payment received");
        assertThat(browser.text()).containsPattern("EBP-[A-Z0-9]{10}");
        browser.assertAccessible();
        long balance = ledger.balance("council-tax:" + account.ref());
        assertThat(balance).isLessThan(120_000);
        browser.click("See your new balance");
        assertThat(browser.textOf("#balance")).isEqualTo(Money.pounds(balance));
        assertThat(jdbc.sql("select state from payment where paying_for = :a order by id").param("a", account.ref())
                .query(String.class).list()).as("declined, left and cancelled, then paid once").containsExactly("FAILED", "CANCELLED", "SUCCESS");
        browser.open(spentCardPage);
        assertThat(browser.heading()).isEqualTo("This payment link has expired");
        browser.assertAccessible();

        browser.open("/parking/pcn/" + pcn.ref());
        browser.click("Pay £80.00 now");
        payWith("4444 3333 2222 1111");
        assertThat(browser.text()).contains("Payment received").contains("£80.00");
        browser.click("See your new balance");
        assertThat(browser.text()).as("marked paid in the payment's own commit").contains("This parking fine has been paid.");
        browser.assertAccessible();

        browser.open("/account");
        browser.click("Your payments");
        assertThat(browser.heading()).isEqualTo("Your payments");
        assertThat(browser.text()).contains("Parking fine").contains("Council tax").contains("Paid").contains("Not taken");
        browser.assertAccessible();
    }

    private void payWith(String card) {
        browser.type("cardNumber", card).type("expiry", "12/30").type("cardholderName", "Priya Payer").type("securityCode", "123")
                .submit("cardNumber");
        // As on GOV.UK Pay: an authorised card is confirmed on its own page; a declined one is already back.
        if ("Confirm your payment".equals(browser.heading())) {
            browser.assertAccessible();
            browser.click("Confirm payment");
        }
    }
}
