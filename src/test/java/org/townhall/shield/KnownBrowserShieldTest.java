package org.townhall.shield;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.support.Visitor;

/**
 * A known-browser cookie lifts only its own account's sign-in out of the bulk class: replayed
 * against any other account it is credential stuffing like any other, limited and refused by the
 * shield before anything else runs.
 */
// The same settings as AddressRulesTest, so the two share one application.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "townhall.shield.enabled=true", "townhall.shield.bulk-per-minute=3", "townhall.shield.normal-per-minute=500",
        "townhall.shield.essential-per-minute=500", "townhall.shield.fixed-concurrency=20",
        "townhall.shield.account-per-minute=40",
        "management.prometheus.metrics.export.enabled=true",
        "server.forward-headers-strategy=native", "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1"})
@ActiveProfiles("test")
class KnownBrowserShieldTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;

    /** A client address of its own (TEST-NET-3), so its buckets start full whatever ran before. */
    private static String freshAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "203.0." + random.nextInt(114, 255) + "." + random.nextInt(1, 255);
    }

    @Test
    void aReplayedCookieMakesSignInsToOtherAccountsBulkTrafficThatIsRefusedWhileItsOwnerStillGetsIn() {
        accounts.clearSignInThrottles();
        AccountFixtures.Resident amara = accounts.aResident().build();
        AccountFixtures.Resident ben = accounts.aResident().build();
        Visitor browser = new Visitor(port).arriveFrom(freshAddress());
        SignIns.asResident(browser, amara);
        browser.get("/account");
        browser.post("/sign-out", java.util.Map.of());
        assertThat(browser.cookie("TOWNHALL_DEVICE")).isNotNull();

        int refusedByShield = 0;
        for (int i = 0; i < 5; i++) {
            browser.get("/sign-in");
            Visitor.Page page = browser.post("/sign-in", "email", ben.email(), "password", "guess " + i);
            refusedByShield += page.status() == 429 && page.body().contains("Sorry, there have been too many requests") ? 1 : 0;
        }
        assertThat(refusedByShield).as("Amara's cookie on Ben's account is bulk: three a minute, then 429").isPositive();

        browser.get("/sign-in");
        assertThat(browser.post("/sign-in", "email", amara.email(), "password", amara.password()).location())
                .as("on her own account it is still essential").endsWith("/account");
    }
}
