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
