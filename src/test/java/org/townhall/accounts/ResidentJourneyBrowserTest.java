package org.townhall.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.continuity.ResidentService;
import org.townhall.continuity.ServiceState;
import org.townhall.continuity.ServiceSwitches;
import org.townhall.support.Browser;
import org.townhall.support.Outbox;
import org.townhall.support.TownhallTest;

/** A resident's first visit, in a real browser, with an accessibility check on every page. */
@TownhallTest
class ResidentJourneyBrowserTest {

    @LocalServerPort int port;
    @Autowired Outbox outbox;
    @Autowired AccountFixtures fixtures;
    @Autowired ServiceSwitches switches;
    Browser browser;

    @BeforeEach
    void open() {
        fixtures.clearSignInThrottles();
        browser = new Browser(port);
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void registerConfirmSignInSeeTheAccountAndSignOut() {
        String email = AccountFixtures.uniqueEmail("browser");
        browser.open("/").assertAccessible();
        assertThat(browser.heading()).isEqualTo("Eastbridge online services");

        browser.click("Create an account").assertAccessible();
        browser.type("fullName", "Bea Browser").type("email", email).type("password", "short").submit("fullName");
        assertThat(browser.title()).startsWith("Error: Create an account");
        assertThat(browser.textOf(".govuk-error-summary")).contains("Password must be 8 characters or more");
        assertThat(browser.textOf(".govuk-error-summary")).contains("There is a problem");
        browser.assertAccessible();

        browser.type("password", "orchard kettle velvet").submit("fullName");
        assertThat(browser.heading()).isEqualTo("Check your email");
        browser.assertAccessible();

        browser.open(outbox.lastLink(email, "VERIFY_EMAIL"));
        assertThat(browser.heading()).isEqualTo("Email address confirmed");
        browser.assertAccessible();

        browser.open("/sign-in").assertAccessible();
        browser.type("email", email).type("password", "orchard kettle velvet").submit("email");
        assertThat(browser.path()).isEqualTo("/account");
        assertThat(browser.heading()).isEqualTo("Your account");
        assertThat(browser.text()).contains("Bea Browser").contains("Signed in").contains("Email address confirmed");
        browser.assertAccessible();

        browser.click("Sign out");
        assertThat(browser.path()).isEqualTo("/sign-in");
        assertThat(browser.text()).contains("You have signed out");
        browser.assertAccessible();
        browser.open("/account");
        assertThat(browser.path()).isEqualTo("/sign-in");
    }

    @Test
    void theStatusBannerAndASwitchedOffServiceAreAccessible() {
        switches.switchTo(ResidentService.PCN_VIEWER, ServiceState.OFF, "Parking look-ups are paused until 4pm.", "test");
        try {
            browser.open("/parking").assertAccessible();
            assertThat(browser.text()).contains("Parking look-ups are paused until 4pm.");
            browser.open("/").assertAccessible();
            browser.open("/status").assertAccessible();
            assertThat(browser.text()).contains("Unavailable");
        } finally {
            switches.switchTo(ResidentService.PCN_VIEWER, ServiceState.ON, null, "test");
        }
    }

    @Test
    void theForgottenPasswordPagesAreAccessible() {
        AccountFixtures.Resident resident = fixtures.aResident().build();
        browser.open("/forgot-password").assertAccessible();
        browser.type("email", resident.email()).submit("email");
        browser.open(outbox.lastLink(resident.email(), "RESET_PASSWORD")).assertAccessible();
        browser.type("password", "harbour pencil glacier").submit("password");
        assertThat(browser.text()).contains("Your password has been changed");
    }
}
