package org.townhall.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.payments.Ledger;
import org.townhall.support.Browser;
import org.townhall.support.TownhallTest;

/**
 * Paying council tax without an account in a real browser, from the start page: the form's error
 * state, one answer for a wrong postcode, the sandbox card page, and the receipt offering to save
 * the account. Every page checked with axe-core.
 */
@TownhallTest
class PayWithoutAnAccountBrowserTest {

    @LocalServerPort int port;
    @Autowired BillingFixtures billing;
    @Autowired Ledger ledger;
    Browser browser;

    @BeforeEach
    void open() {
        billing.clearLinkCounts();
        browser = new Browser(port);
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void fromTheStartPageAGuestPaysCouncilTaxAndIsOfferedToSaveTheAccount() {
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(120_000).build();
        browser.open("/").assertAccessible();
        browser.click("Pay council tax");
        assertThat(browser.heading()).isEqualTo("Pay your council tax");
        browser.assertAccessible();

        browser.click("Continue to payment");
        assertThat(browser.title()).startsWith("Error:");
        assertThat(browser.textOf(".govuk-error-summary")).contains("Enter your council tax account number", "Enter the postcode",
                "Enter the amount you want to pay", "Enter an email address for your receipt");
        browser.assertAccessible();

        browser.type("accountNumber", account.accountNumber()).type("postcode", "ZZ1 1ZZ").type("amount", "20")
                .type("email", "payer@example.com").click("Continue to payment");
        assertThat(browser.textOf(".govuk-error-summary")).contains("We could not find a council tax account");
        assertThat(browser.text()).doesNotContain("Test Street", "1,200.00");
        browser.assertAccessible();

        browser.type("postcode", account.postcode()).click("Continue to payment");
        assertThat(browser.heading()).contains("Enter card details");
        browser.type("cardNumber", "4444 3333 2222 1111").type("expiry", "12/30").type("cardholderName", "A Payer")
                .type("securityCode", "123").submit("cardNumber");
        assertThat(browser.heading()).isEqualTo("Confirm your payment");
        assertThat(browser.text()).contains("£20.00", "Card ending 1111");
        browser.assertAccessible();
        browser.click("Confirm payment");
        assertThat(browser.heading()).contains("Payment received");
        assertThat(browser.text()).contains("£20.00", "Save this to an account").doesNotContain("Test Street", "1,180.00");
        browser.assertAccessible();
        assertThat(ledger.balance("council-tax:" + account.ref())).isEqualTo(118_000);
    }
}
