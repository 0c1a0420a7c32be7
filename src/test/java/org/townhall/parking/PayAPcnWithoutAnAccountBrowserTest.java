package org.townhall.parking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.support.Browser;
import org.townhall.support.TownhallTest;

/**
 * Paying a parking fine without an account in a real browser, straight from its look-up: each page
 * and each error state checked with axe-core, the sandbox's card and confirm pages, the receipt,
 * then saving the fine to an account by signing in and coming back to it.
 */
@TownhallTest
class PayAPcnWithoutAnAccountBrowserTest {

    @LocalServerPort int port;
    @Autowired ParkingFixtures parking;
    @Autowired AccountFixtures accounts;
    @Autowired JdbcClient jdbc;
    Browser browser;

    @BeforeEach
    void open() {
        parking.clearLookupCounts();
        accounts.clearSignInThrottles();
        browser = new Browser(port);
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void aVisitorLooksUpAFinePaysItWithoutAnAccountThenSavesItToTheirAccount() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).forVehicle("GU35TPY").build();
        AccountFixtures.Resident person = accounts.aResident().build();

        browser.open("/parking").assertAccessible();
        browser.type("pcnNumber", pcn.number()).type("registration", "ZZ99ZZZ").submit("pcnNumber");
        assertThat(browser.text()).contains("There is a problem", "No parking fine matches");
        browser.assertAccessible();
        browser.type("registration", "gu35 tpy").submit("pcnNumber");
        assertThat(browser.text()).contains("£80.00", "You do not need an account to pay");
        browser.assertAccessible();

        browser.click("Pay £80.00 now");
        assertThat(browser.heading()).isEqualTo("Pay your parking fine");
        assertThat(browser.text()).contains(pcn.number(), "£80.00").doesNotContain("GU35TPY");
        browser.assertAccessible();
        browser.click("Continue to payment");
        assertThat(browser.title()).startsWith("Error: ");
        assertThat(browser.text()).contains("There is a problem", "Enter an email address for your receipt");
        browser.assertAccessible();

        browser.type("email", "guest.keeper@example.com").click("Continue to payment");
        assertThat(browser.heading()).isEqualTo("Enter card details");
        browser.assertAccessible();
        browser.type("cardNumber", "4444 3333 2222 1111").type("expiry", "12/30").type("cardholderName", "A Keeper")
                .type("securityCode", "123").submit("cardNumber");
        assertThat(browser.heading()).isEqualTo("Confirm your payment");
        assertThat(browser.text()).contains("£80.00", "Card ending 1111");
        browser.assertAccessible();
        browser.click("Confirm payment");
        assertThat(browser.heading()).isEqualTo("Payment received");
        assertThat(browser.text()).contains("Save this to an account", "We have emailed a receipt to the address you gave");
        browser.assertAccessible();
        assertThat(jdbc.sql("select status from pcn where public_ref = :p").param("p", pcn.ref()).query(String.class).single())
                .isEqualTo("PAID");

        browser.click("Sign in to save this parking fine to your account");
        browser.type("email", person.email()).type("password", person.password()).submit("email");
        assertThat(browser.path()).as("back to the fine after signing in").isEqualTo("/parking/pcn/" + pcn.ref());
        browser.click("Add to my account");
        assertThat(browser.text()).contains("This parking fine is now on your account");
        browser.assertAccessible();
    }
}
