package org.townhall.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.shield.ClientKeys;
import org.townhall.support.AuditRows;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

@TownhallTest
class SignInThrottleTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures fixtures;
    @Autowired AuditRows audit;
    @Autowired TestClock clock;

    @BeforeEach
    void setUp() {
        fixtures.clearSignInThrottles();
    }

    @AfterEach
    void tearDown() {
        clock.reset();
        fixtures.clearSignInThrottles();
    }

    private Visitor.Page attempt(Visitor visitor, String email, String password) {
        visitor.get("/sign-in");
        return visitor.post("/sign-in", "email", email, "password", password);
    }

    @Test
    void repeatedWrongPasswordsGetA429WithRetryAfterBeforeAnyPasswordIsChecked() {
        AccountFixtures.Resident resident = fixtures.aResident().build();
        Visitor attacker = new Visitor(port);
        for (int i = 0; i < SignInThrottle.ACCOUNT_FREE_FAILURES; i++) {
            assertThat(attempt(attacker, resident.email(), "wrong guess " + i).body())
                    .contains("Enter a correct email address and password");
        }
        long before = audit.lastId();
        Visitor.Page refused = attempt(attacker, resident.email(), resident.password());
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(refused.body()).contains("too many attempts");
        assertThat(audit.actionsSince(before)).containsExactly("SIGN_IN_THROTTLED");
    }

    @Test
    void theDelayGrowsWithEachFailureAndThenLetsTheOwnerIn() {
        AccountFixtures.Resident resident = fixtures.aResident().build();
        Visitor attacker = new Visitor(port);
        for (int i = 0; i < SignInThrottle.ACCOUNT_FREE_FAILURES + 3; i++) {
            attempt(attacker, resident.email(), "wrong guess " + i);
            clock.advance(Duration.ofMinutes(20));
        }
        assertThat(SignInThrottle.delayAfter(3)).isGreaterThan(SignInThrottle.delayAfter(2));
        clock.advance(SignInThrottle.LONGEST_DELAY.plusSeconds(1));
        assertThat(attempt(new Visitor(port), resident.email(), resident.password()).location()).endsWith("/account");
    }

    @Test
    void anAttackerCannotLockTheOwnerOutOfABrowserTheyHaveUsedBefore() {
        AccountFixtures.Resident resident = fixtures.aResident().build();
        Visitor owner = new Visitor(port);
        SignIns.asResident(owner, resident);
        owner.get("/account");
        assertThat(owner.post("/sign-out", java.util.Map.of()).location()).contains("signedOut");
        assertThat(owner.cookie("TOWNHALL_DEVICE")).isNotNull();

        Visitor attacker = new Visitor(port);
        for (int i = 0; i < SignInThrottle.ACCOUNT_FREE_FAILURES + 2; i++) {
            attempt(attacker, resident.email(), "wrong guess " + i);
        }
        assertThat(attempt(new Visitor(port), resident.email(), resident.password()).status())
                .as("a new browser is held up").isEqualTo(429);
        assertThat(attempt(owner, resident.email(), resident.password()).location())
                .as("the owner's own browser is not").endsWith("/account");
    }

    /** Fails sign-ins to different addresses until this client's address has its longest delay. */
    private void failFromThisAddressUntilItIsHeldUp(Visitor attacker) {
        for (int i = 0; i < SignInThrottle.ADDRESS_FREE_FAILURES + 10; i++) {
            assertThat(attempt(attacker, AccountFixtures.uniqueEmail("stuffed"), "Summer2026!").status()).as("attempt " + i)
                    .isNotEqualTo(429);
            if (i >= SignInThrottle.ADDRESS_FREE_FAILURES - 1 && i < SignInThrottle.ADDRESS_FREE_FAILURES + 9) {
                // Past each delay, so that every failure is counted and the next delay is longer.
                clock.advance(Duration.ofMinutes(20));
            }
        }
    }

    private Visitor ownersKnownBrowser(AccountFixtures.Resident resident) {
        Visitor owner = new Visitor(port);
        SignIns.asResident(owner, resident);
        owner.get("/account");
        assertThat(owner.post("/sign-out", java.util.Map.of()).location()).contains("signedOut");
        assertThat(owner.cookie("TOWNHALL_DEVICE")).isNotNull();
        return owner;
    }

    @Test
    void failuresFromTheOwnersAddressDoNotKeepThemOutOfTheirKnownBrowserButStillHoldTheAttacker() {
        AccountFixtures.Resident resident = fixtures.aResident().build();
        Visitor owner = ownersKnownBrowser(resident);
        Visitor attacker = new Visitor(port);
        failFromThisAddressUntilItIsHeldUp(attacker);

        assertThat(attempt(attacker, AccountFixtures.uniqueEmail("stuffed"), "Summer2026!").status())
                .as("the attacker is held up").isEqualTo(429);
        assertThat(attempt(new Visitor(port), resident.email(), resident.password()).status())
                .as("a new browser on the same address is held up").isEqualTo(429);
        assertThat(attempt(owner, resident.email(), resident.password()).location())
                .as("the owner's own browser is not").endsWith("/account");
        assertThat(attempt(attacker, AccountFixtures.uniqueEmail("stuffed"), "Summer2026!").status())
                .as("and the attacker still is").isEqualTo(429);
    }

    @Test
    void oneResidentsKnownBrowserCookieIsNothingWhenSigningInToAnotherAccount() {
        AccountFixtures.Resident amara = fixtures.aResident().build();
        AccountFixtures.Resident ben = fixtures.aResident().build();
        Visitor amarasBrowser = ownersKnownBrowser(amara);
        for (int i = 0; i < SignInThrottle.ACCOUNT_FREE_FAILURES; i++) {
            attempt(amarasBrowser, ben.email(), "wrong guess " + i);
        }
        long before = audit.lastId();
        assertThat(attempt(amarasBrowser, ben.email(), ben.password()).status())
                .as("Ben's account delay applies to Amara's browser").isEqualTo(429);
        assertThat(audit.actionsSince(before)).containsExactly("SIGN_IN_THROTTLED");
    }

    @Test
    void oneResidentsKnownBrowserCookieDoesNotLiftTheAddressDelayForAnotherAccount() {
        AccountFixtures.Resident amara = fixtures.aResident().build();
        AccountFixtures.Resident ben = fixtures.aResident().build();
        Visitor amarasBrowser = ownersKnownBrowser(amara);
        failFromThisAddressUntilItIsHeldUp(new Visitor(port));
        assertThat(attempt(amarasBrowser, ben.email(), ben.password()).status()).isEqualTo(429);
        assertThat(attempt(amarasBrowser, amara.email(), amara.password()).location()).endsWith("/account");
    }

    @Test
    void aKnownBrowsersOwnFailuresHoldItUpSoAStolenCookieIsNotUnlimitedGuessing() {
        AccountFixtures.Resident resident = fixtures.aResident().build();
        Visitor known = ownersKnownBrowser(resident);
        for (int i = 0; i < SignInThrottle.KNOWN_BROWSER_FREE_FAILURES; i++) {
            assertThat(attempt(known, resident.email(), "wrong guess " + i).status()).isNotEqualTo(429);
        }
        assertThat(attempt(known, resident.email(), resident.password()).status()).isEqualTo(429);
    }

    @Test
    void unknownEmailsAreThrottledLikeRealOnes() {
        Visitor attacker = new Visitor(port);
        String nobody = AccountFixtures.uniqueEmail("nobody");
        for (int i = 0; i < SignInThrottle.ACCOUNT_FREE_FAILURES; i++) {
            attempt(attacker, nobody, "guess " + i);
        }
        assertThat(attempt(attacker, nobody, "guess").status()).isEqualTo(429);
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64() {
        assertThat(ClientKeys.of("2001:db8:1:2:aaaa::1")).isEqualTo(ClientKeys.of("2001:db8:1:2:bbbb::9"));
        assertThat(ClientKeys.of("2001:db8:1:2::1")).isNotEqualTo(ClientKeys.of("2001:db8:1:3::1"));
        assertThat(ClientKeys.of("203.0.113.7")).isEqualTo("203.0.113.7");
    }
}
