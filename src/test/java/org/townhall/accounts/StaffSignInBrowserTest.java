package org.townhall.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.support.Browser;
import org.townhall.support.TownhallTest;

/** A member of staff's first sign-in, setting up their authenticator, in a real browser. */
@TownhallTest
class StaffSignInBrowserTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures fixtures;
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
    void firstSignInEnrolsTheAuthenticatorShowsRecoveryCodesAndOpensTheStaffHome() {
        AccountFixtures.Staff staff = fixtures.aStaffMember().withRole(StaffRole.SECURITY_ANALYST).build();
        browser.open("/staff/sign-in").assertAccessible();
        browser.type("email", staff.email()).type("password", staff.password()).submit("email");
        assertThat(browser.heading()).isEqualTo("Set up your authenticator app");
        browser.assertAccessible();

        browser.type("code", "123").submit("code");
        assertThat(browser.textOf(".govuk-error-summary")).contains("The code must be 6 numbers");
        browser.assertAccessible();

        String key = browser.textOf("code.townhall-codes");
        String code = new AccountFixtures.Staff(null, null, null, key).codeAt(System.currentTimeMillis() / 1000);
        browser.type("code", code).submit("code");
        assertThat(browser.heading()).isEqualTo("Save your recovery codes");
        assertThat(browser.textOf("#recovery-codes").split("\n")).hasSize(10);
        browser.assertAccessible();

        browser.click("I have saved my codes");
        assertThat(browser.heading()).isEqualTo("Staff home");
        assertThat(browser.text()).contains("Security analyst").contains("Audit trail");
        browser.assertAccessible();

        browser.click("Audit trail").assertAccessible();
        browser.type("subject", staff.email()).submit("subject");
        browser.assertAccessible();
    }
}
