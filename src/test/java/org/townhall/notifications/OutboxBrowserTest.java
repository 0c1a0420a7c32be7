package org.townhall.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.StaffRole;
import org.townhall.notifications.store.OutboxStore;
import org.townhall.platform.PublicReferences;
import org.townhall.support.Browser;
import org.townhall.support.TownhallTest;

/** An administrator finds a message Townhall gave up on and sends it again, in a real browser. */
@TownhallTest
class OutboxBrowserTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired OutboxStore store;
    Browser browser;

    @BeforeEach
    void open() {
        accounts.clearSignInThrottles();
        browser = new Browser(port);
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void anAdministratorSeesAMessageGivenUpOnAndSendsItAgain() {
        String reference = "N-" + PublicReferences.next();
        store.add(reference, NotificationTemplate.PASSWORD_CHANGED, AccountFixtures.uniqueEmail("outage"),
                Map.of("name", "Ann", "time", "09:00"));
        store.markGivenUp(reference, "GOV.UK Notify did not answer for " + reference + " (ConnectException)", Instant.now());
        AccountFixtures.Staff admin = accounts.aStaffMember().withRole(StaffRole.ADMIN).enrolled().build();

        browser.open("/staff/sign-in").type("email", admin.email()).type("password", admin.password()).submit("email");
        browser.type("code", admin.codeAt(System.currentTimeMillis() / 1000)).submit("code");
        browser.click("Notification outbox");
        assertThat(browser.heading()).isEqualTo("Notification outbox");
        assertThat(browser.text()).contains(reference).contains("Given up").contains("did not answer");
        browser.assertAccessible();

        browser.click("Send again message " + reference);
        assertThat(browser.text()).contains("The message is being sent again");
        browser.assertAccessible();
    }
}
