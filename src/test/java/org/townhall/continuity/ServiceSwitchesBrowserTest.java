package org.townhall.continuity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.StaffRole;
import org.townhall.support.Browser;
import org.townhall.support.TownhallTest;

/**
 * The service switches page in a real browser, as a service manager uses it: one form per service
 * with a button naming it, a page asking before a service is switched off, and maintenance planned
 * with GOV.UK date inputs and its error state; every page checked with axe-core.
 */
@TownhallTest
class ServiceSwitchesBrowserTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired ServiceSwitches switches;
    Browser browser;

    @BeforeEach
    void open() {
        accounts.clearSignInThrottles();
        browser = new Browser(port);
    }

    @AfterEach
    void close() {
        browser.close();
        for (ResidentService service : ResidentService.values()) {
            switches.switchTo(service, ServiceState.ON, null, "test");
        }
    }

    /** The page lists the services in their order, each form's radios numbered by it. */
    private static String offRadio(ResidentService service) {
        return "state-" + service.ordinal() + "-OFF";
    }

    @Test
    void aServiceIsSwitchedOffOnlyAfterTheManagerConfirmsAndMaintenanceErrorsAreShownOnTheDateInputs() {
        AccountFixtures.Staff manager = accounts.aStaffMember().withRole(StaffRole.SERVICE_MANAGER).enrolled().build();
        browser.open("/staff/sign-in").type("email", manager.email()).type("password", manager.password()).submit("email");
        browser.type("code", manager.codeAt(System.currentTimeMillis() / 1000)).submit("code");
        browser.open("/staff/services").assertAccessible();

        browser.check(offRadio(ResidentService.PCN_PAYMENTS)).click("Save " + ResidentService.PCN_PAYMENTS.title());
        assertThat(browser.heading()).isEqualTo("Are you sure you want to switch off " + ResidentService.PCN_PAYMENTS.title() + "?");
        assertThat(switches.statusOf(ResidentService.PCN_PAYMENTS).state()).as("nothing switched yet").isNotEqualTo(ServiceState.OFF);
        browser.assertAccessible();
        browser.click("No, keep it as it is");
        assertThat(switches.statusOf(ResidentService.PCN_PAYMENTS).state()).isNotEqualTo(ServiceState.OFF);

        browser.check(offRadio(ResidentService.PCN_PAYMENTS)).click("Save " + ResidentService.PCN_PAYMENTS.title());
        browser.click("Yes, switch off " + ResidentService.PCN_PAYMENTS.title());
        assertThat(browser.text()).contains("Switch changed");
        assertThat(switches.statusOf(ResidentService.PCN_PAYMENTS).state()).isEqualTo(ServiceState.OFF);

        browser.type("startsDay", "31").type("startsMonth", "2").type("startsYear", "2027").type("startsHour", "21")
                .type("startsMinute", "00").click("Plan maintenance");
        assertThat(browser.title()).startsWith("Error: ");
        assertThat(browser.textOf(".govuk-error-summary")).contains("Enter when the maintenance starts as a real date and time",
                "Enter when the maintenance ends as a real date and time");
        browser.assertAccessible();
    }
}
