package org.townhall.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
 * run, and the test fires them itself, so the page's own script does everything else for real:
 * the dialog, "Stay signed in" renewing the session on the server, and signing out at the end.
 */
@TownhallTest
class SignOutWarningBrowserTest {

    /**
     * Holds every timer of a minute or more; window.__held() lists them, window.__fire(id) moves the
     * page's clock (Date.now) on to that timer's time and runs it, as if the time had passed.
     */
    private static final String HELD_TIMERS = """
            (() => {
              const realSet = window.setTimeout, realClear = window.clearTimeout, realNow = Date.now, held = new Map();
              let next = 1000000, skipped = 0;
              Date.now = () => realNow() + skipped;
              window.setTimeout = (fn, delay, ...args) => {
                if (delay >= 60000) { const id = next++; held.set(id, { fn, delay, at: Date.now() + delay }); return id; }
                return realSet(fn, delay, ...args);
              };
              window.clearTimeout = (id) => { if (!held.delete(id)) { realClear(id); } };
              window.__held = () => [...held.entries()].map(([id, t]) => [id, t.delay]).sort((a, b) => a[1] - b[1]);
              window.__fire = (id) => {
                const t = held.get(id); held.delete(id);
                skipped += Math.max(0, t.at - Date.now());
                t.fn();
              };
            })();""";

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    Browser resident;

    @BeforeEach
    void open() {
        resident = new Browser(port).beforeEveryPage(HELD_TIMERS);
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

        // 30 minutes idle: warned at 27 min 45 s, signed out at 29 min 45 s, before the server would.
        assertThat(held()).extracting(timer -> timer.get(1)).containsExactly(1_665_000L, 1_785_000L);
        fire(0);
        assertThat(resident.evaluate("return document.getElementById('townhall-timeout').open;")).isEqualTo(true);
        assertThat(resident.evaluate("return document.activeElement.closest('#townhall-timeout') !== null;"))
                .as("focus moves into the dialog").isEqualTo(true);
        assertThat(resident.textOf("#townhall-timeout")).contains("You are about to be signed out", "2 minutes");
        resident.assertAccessible();

        // The page stays where it is (no navigation to wait for): the script posts and closes the dialog.
        resident.evaluate("document.querySelector('#townhall-timeout .townhall-timeout__stay button').click(); return null;");
        waitFor("return !document.getElementById('townhall-timeout').open && window.__held().length === 2;");
        assertThat(resident.open("/account").path()).as("still signed in").isEqualTo("/account");

        fire(1);
        waitFor("return location.pathname === '/sign-in';");
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

        fire(1);

        assertThat(resident.evaluate("return document.getElementById('townhall-timeout').open;")).isEqualTo(false);
        assertThat(resident.path()).isEqualTo("/account");
        assertThat(held()).as("timed again from the other tab's moment").hasSize(2)
                .allSatisfy(timer -> assertThat(timer.get(1)).isLessThan(1_665_000L));
        assertThat(resident.open("/account").path()).as("still signed in").isEqualTo("/account");
    }

    @Test
    void escapeAlsoKeepsTheResidentSignedInAndPagesWithNobodySignedInHaveNoWarning() {
        resident.open("/");
        assertThat(resident.count("#townhall-timeout")).isZero();
        assertThat(held()).isEmpty();

        AccountFixtures.Resident person = accounts.aResident().build();
        resident.open("/sign-in").type("email", person.email()).type("password", person.password()).submit("email");
        resident.open("/account");
        fire(0);
        resident.press(org.openqa.selenium.Keys.ESCAPE);
        waitFor("return !document.getElementById('townhall-timeout').open && window.__held().length === 2;");
        assertThat(resident.open("/account").path()).isEqualTo("/account");
    }

    @SuppressWarnings("unchecked")
    private List<List<Long>> held() {
        return (List<List<Long>>) resident.evaluate("return window.__held();");
    }

    private void fire(int index) {
        resident.evaluate("window.__fire(window.__held()[" + index + "][0]); return null;");
    }

    private void waitFor(String condition) {
        for (int tries = 0; tries < 300; tries++) {
            if (Boolean.TRUE.equals(resident.evaluate(condition))) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("Never happened: " + condition);
    }
}
