package org.townhall.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.payments.Ledger;
import org.townhall.support.Browser;
import org.townhall.support.TownhallTest;

/**
 * Signing in and paying with the keyboard alone (WCAG 2.1.1): every field and button reached by
 * Tab from the top of the page, nothing clicked. Tab failing to reach a control fails the test.
 */
@TownhallTest
class KeyboardOnlyBrowserTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    @Autowired Ledger ledger;
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
    void aResidentSignsInWithTheKeyboardAlone() {
        AccountFixtures.Resident person = accounts.aResident().build();
        browser.open("/sign-in");
        browser.tabTo("email").typeHere(person.email());
        browser.tabTo("password").typeHere(person.password());
        browser.tabTo("Sign in").enter();
        assertThat(browser.path()).isEqualTo("/account");
    }

    @Test
    void councilTaxIsPaidFromFormToReceiptWithTheKeyboardAlone() {
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(120_000).build();
        browser.open("/pay/council-tax");
        browser.tabTo("accountNumber").typeHere(account.accountNumber());
        browser.tabTo("postcode").typeHere(account.postcode());
        browser.tabTo("amount").typeHere("15");
        browser.tabTo("email").typeHere("keyboard.payer@example.com");
        browser.tabTo("Continue to payment").enter();
        assertThat(browser.heading()).contains("Enter card details");

        browser.tabTo("cardNumber").typeHere("4444 3333 2222 1111");
        browser.tabTo("expiry").typeHere("12/30");
        browser.tabTo("cardholderName").typeHere("Kay Board");
        browser.tabTo("securityCode").typeHere("123");
        browser.tabTo("Continue").enter();
        assertThat(browser.heading()).isEqualTo("Confirm your payment");
        browser.tabTo("Confirm payment").enter();
        assertThat(browser.heading()).contains("Payment received");
        assertThat(ledger.balance("council-tax:" + account.ref())).isEqualTo(118_500);
    }
}
