package org.townhall.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.support.Browser;
import org.townhall.support.TownhallTest;

/**
 * The warning before a signed-in session's idle time runs out (WCAG 2.2.1), in a real browser.
 * Waiting half an hour is not a test: the page's long timers (a minute or more) are held instead of
 * run, and the test fires them itself (HeldTimers), so the page's own script does everything else
 * for real: the dialog, "Stay signed in" renewing the session on the server, and signing out at the end.
 */
@TownhallTest
class SignOutWarningBrowserTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    Browser resident;
    HeldTimers timers;

    @BeforeEach
    void open() {
        resident = new Browser(port);
        timers = HeldTimers.in(resident);
    }

    @AfterEach
    void close() {
        resident.close();
    }

    @Test
    void twoMinutesBeforeTheEndTheResidentIsWarnedCanStaySignedInAndIsOtherwiseSignedOutWithAReason() {
        AccountFixtures.Resident person = accounts.aResident().build();
        resident.open("/sign-in").type("email", person.email()).type("password", person.password()).submit("email");
        resident.open("/account");

        // 30 minutes idle: warned at 27 min 45 s, signed out at 29 min 45 s, before the server would
        // (then the twelve-hour limit's warning and end: SessionLimitWarningBrowserTest).
        assertThat(timers.delays()).hasSize(4).startsWith(1_665_000L, 1_785_000L);
        timers.fire(0);
        assertThat(resident.evaluate("return document.getElementById('townhall-timeout').open;")).isEqualTo(true);
        assertThat(resident.evaluate("return document.activeElement.closest('#townhall-timeout') !== null;"))
                .as("focus moves into the dialog").isEqualTo(true);
        assertThat(resident.textOf("#townhall-timeout")).contains("You are about to be signed out", "2 minutes");
        resident.assertAccessible();

        // The page stays where it is (no navigation to wait for): the script posts and closes the dialog.
        resident.evaluate("document.querySelector('#townhall-timeout .townhall-timeout__stay button').click(); return null;");
        timers.waitFor("return !document.getElementById('townhall-timeout').open && window.__held().length === 4;");
        assertThat(resident.open("/account").path()).as("still signed in").isEqualTo("/account");

        timers.fire(1);
        timers.waitFor("return location.pathname === '/sign-in';");
        assertThat(resident.text()).contains("We signed you out because you had not done anything for a while");
        resident.assertAccessible();
        assertThat(resident.open("/account").path()).as("the session really ended").isEqualTo("/sign-in");
    }

    @Test
    void aTabLeftBehindNeitherWarnsNorSignsOutWhileTheResidentWorksInAnother() {
        AccountFixtures.Resident person = accounts.aResident().build();
        resident.open("/sign-in").type("email", person.email()).type("password", person.password()).submit("email");
        resident.open("/account");
        // Another tab of the site spoke to the server ten minutes after this one (tabs share localStorage).
        resident.evaluate("localStorage.setItem('townhall.session.lastActive', String(Date.now() + 600000)); return null;");

        timers.fire(1);

        assertThat(resident.evaluate("return document.getElementById('townhall-timeout').open;")).isEqualTo(false);
        assertThat(resident.path()).isEqualTo("/account");
        assertThat(timers.delays()).as("timed again from the other tab's moment").hasSize(4)
                .filteredOn(delay -> delay < Duration.ofHours(1).toMillis()).hasSize(2).allSatisfy(delay -> assertThat(delay).isLessThan(1_665_000L));
        assertThat(resident.open("/account").path()).as("still signed in").isEqualTo("/account");
    }

    @Test
    void aTimeFromTheFutureLeftInStorageNeitherSilencesTheWarningNorSignsTheResidentOut() {
        AccountFixtures.Resident person = accounts.aResident().build();
        resident.open("/sign-in").type("email", person.email()).type("password", person.password()).submit("email");
        resident.open("/account");
        // No tab can have spoken to the server thirty thousand years from now: the value is not another tab's.
        resident.evaluate("localStorage.setItem('townhall.session.lastActive', '1e15'); return null;");

        timers.fire(0);

        assertThat(resident.evaluate("return document.getElementById('townhall-timeout').open;")).isEqualTo(true);
        assertThat(resident.path()).isEqualTo("/account");
    }

    @Test
    void escapeAlsoKeepsTheResidentSignedInAndPagesWithNobodySignedInHaveNoWarning() {
        resident.open("/");
        assertThat(resident.count("#townhall-timeout")).isZero();
        assertThat(timers.held()).isEmpty();

        AccountFixtures.Resident person = accounts.aResident().build();
        resident.open("/sign-in").type("email", person.email()).type("password", person.password()).submit("email");
        resident.open("/account");
        timers.fire(0);
        resident.press(org.openqa.selenium.Keys.ESCAPE);
        timers.waitFor("return !document.getElementById('townhall-timeout').open && window.__held().length === 4;");
        assertThat(resident.open("/account").path()).isEqualTo("/account");
    }
}
