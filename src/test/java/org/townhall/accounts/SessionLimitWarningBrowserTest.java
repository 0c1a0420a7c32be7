package org.townhall.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.support.Browser;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;

/**
 * The warning before the twelve-hour limit on a session (WCAG 2.2.1), in a real browser. The
 * server's clock is moved on to ten minutes before the limit, so the page is told so by the server
 * itself; the page's own long timers are then held and fired by the test (HeldTimers).
 */
@TownhallTest
class SessionLimitWarningBrowserTest {

    private static final String END_DIALOG_OPEN = "return document.getElementById('townhall-session-end').open;";

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired TestClock clock;
    Browser browser;
    HeldTimers timers;

    @BeforeEach
    void open() {
        accounts.clearSignInThrottles();
        browser = new Browser(port);
        timers = HeldTimers.in(browser);
    }

    @AfterEach
    void close() {
        browser.close();
        clock.reset();
    }

    @Test
    void fiveMinutesBeforeTheLimitTheResidentIsToldWhenWithNoOfferToStayAndIsThenSignedOutWithAReason() {
        AccountFixtures.Resident person = accounts.aResident().build();
        signIn(person);
        clock.advance(Duration.ofHours(11).plusMinutes(50));
        browser.open("/account");

        // Ten minutes left by the server's clock: warned at 4 min 45 s, signed out at 9 min 45 s, before the server would.
        assertThat(timers.delays()).hasSize(4);
        assertThat(timers.delays().get(0)).isBetween(Duration.ofMinutes(3).toMillis(), 285_000L);
        assertThat(timers.delays().get(1)).isBetween(Duration.ofMinutes(8).toMillis(), 585_000L);
        timers.fire(0);

        assertThat(browser.evaluate(END_DIALOG_OPEN)).isEqualTo(true);
        assertThat(browser.evaluate("return document.getElementById('townhall-timeout').open;")).isEqualTo(false);
        assertThat(browser.evaluate("return document.activeElement.closest('#townhall-session-end') !== null;"))
                .as("focus moves into the dialog").isEqualTo(true);
        assertThat(browser.textOf("#townhall-session-end"))
                .containsPattern("You will be signed out at \\d\\d:\\d\\d")
                .contains("12 hours after you signed in", "You cannot stay signed in for longer", "5 minutes",
                        "will be lost", "sign in again now", "bring you back to this page");
        assertThat(browser.evaluate("return [...document.querySelectorAll('#townhall-session-end button')]"
                + ".map(b => b.textContent.trim()).join('|');")).isEqualTo("Continue|Sign in again now");
        browser.assertAccessible();

        timers.fire(0);
        timers.waitFor("return location.pathname === '/sign-in';");
        assertThat(browser.text()).contains("For your security, we signed you out 12 hours after you signed in");
        browser.assertAccessible();
        assertThat(browser.open("/account").path()).as("the session really ended").isEqualTo("/sign-in");
    }

    @Test
    void signingInAgainFromTheWarningStartsAnotherTwelveHoursBackOnThePageTheResidentWasOn() {
        AccountFixtures.Resident person = accounts.aResident().build();
        signIn(person);
        clock.advance(Duration.ofHours(11).plusMinutes(50));
        browser.open("/council-tax/link?from=bill");
        timers.fire(0);

        browser.evaluate("document.querySelector('#townhall-session-end .townhall-session-end__again button').click(); return null;");
        timers.waitFor("return location.pathname === '/sign-in' && document.querySelector('input[name=next]') !== null;");
        browser.type("email", person.email()).type("password", person.password()).submit("email");

        assertThat(browser.evaluate("return location.pathname + location.search;")).isEqualTo("/council-tax/link?from=bill");
        assertThat(timers.delays()).as("the new session's end is twelve hours away").last()
                .satisfies(end -> assertThat(end).isGreaterThan(Duration.ofHours(11).toMillis()));
    }

    @Test
    void continuingCarriesOnWorkingWithoutMovingTheEnd() {
        signIn(accounts.aResident().build());
        clock.advance(Duration.ofHours(11).plusMinutes(50));
        browser.open("/account");
        timers.fire(0);

        browser.evaluate("document.querySelector('#townhall-session-end .townhall-session-end__continue button').click(); return null;");
        timers.waitFor("return !document.getElementById('townhall-session-end').open && window.__held().length === 3;");

        assertThat(timers.delays()).as("the fixed end, still where it was, then the renewed idle time's warning and end").hasSize(3)
                .first().satisfies(end -> assertThat(end).isLessThan(Duration.ofMinutes(10).toMillis()));
        assertThat(browser.open("/account").path()).as("still signed in").isEqualTo("/account");
    }

    @Test
    void aTabWhoseSessionWasSignedInAgainInAnotherTabStopsCountingToTheOldEnd() {
        signIn(accounts.aResident().build());
        clock.advance(Duration.ofHours(11).plusMinutes(50));
        browser.open("/account");
        // Another tab signed in again: its pages note the new session's end (tabs share localStorage).
        browser.evaluate("localStorage.setItem('townhall.session.end', JSON.stringify({ endsAt: Date.now() + 43200000, at: '09:30' }));"
                + " return null;");

        timers.fire(0);

        assertThat(browser.evaluate(END_DIALOG_OPEN)).isEqualTo(false);
        assertThat(timers.delays()).as("timed again to the new end").last()
                .satisfies(end -> assertThat(end).isGreaterThan(Duration.ofHours(11).toMillis()));
        assertThat(browser.evaluate("return document.querySelector('#townhall-session-end .townhall-session-end__at').textContent;"))
                .isEqualTo("09:30");
    }

    @Test
    void aMemberOfStaffIsWarnedWithoutAnOfferToStayAndSignedOutToTheStaffSignIn() {
        AccountFixtures.Staff staff = accounts.aStaffMember().withRole(StaffRole.AUDITOR).enrolled().build();
        browser.open("/staff/sign-in").type("email", staff.email()).type("password", staff.password()).submit("email");
        browser.type("code", staff.codeAt(System.currentTimeMillis() / 1000)).submit("code");
        clock.advance(Duration.ofHours(11).plusMinutes(50));
        browser.open("/staff");
        timers.fire(0);

        assertThat(browser.evaluate(END_DIALOG_OPEN)).isEqualTo(true);
        assertThat(browser.textOf("#townhall-session-end")).contains("You cannot stay signed in for longer")
                .doesNotContain("Stay signed in", "bring you back");
        browser.assertAccessible();

        timers.fire(0);
        timers.waitFor("return location.pathname === '/staff/sign-in';");
        assertThat(browser.text()).contains("For your security, we signed you out 12 hours after you signed in");
        assertThat(browser.open("/staff").path()).as("the session really ended").isEqualTo("/staff/sign-in");
    }

    private void signIn(AccountFixtures.Resident person) {
        browser.open("/sign-in").type("email", person.email()).type("password", person.password()).submit("email");
        assertThat(browser.path()).isEqualTo("/account");
    }
}
