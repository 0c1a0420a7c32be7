package org.townhall.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.support.AuditRows;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

@TownhallTest
class ResidentAccountPageTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures fixtures;
    @Autowired AuditRows audit;
    @Autowired TestClock clock;

    @BeforeEach
    void setUp() {
        fixtures.clearSignInThrottles();
    }

    @Test
    void theAccountPageShowsDetailsDevicesAndTheResidentsOwnHistoryOnly() {
        AccountFixtures.Resident resident = fixtures.aResident().named("Rosa Resident").build();
        AccountFixtures.Resident neighbour = fixtures.aResident().named("Nora Neighbour").build();
        Visitor stranger = new Visitor(port);
        stranger.get("/sign-in");
        stranger.post("/sign-in", "email", resident.email(), "password", "a wrong guess");

        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        Visitor.Page page = visitor.get("/account");
        assertThat(page.body()).contains("Rosa Resident").contains(resident.email())
                .contains("Failed sign-in attempt").contains("Signed in").contains("Someone not signed in")
                .doesNotContain("Nora Neighbour").doesNotContain(neighbour.email());
    }

    @Test
    void browsersAreNamedAsPeopleNameThemAndShownWithTheirNetworkNotTheirAddress() {
        AccountFixtures.Resident resident = fixtures.aResident().build();
        Visitor chrome = new Visitor(port).withHeader("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
                + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
        SignIns.asResident(chrome, resident);
        String page = chrome.get("/account").body();
        assertThat(page).contains(">Chrome on Windows<", ">127.0.0.x<").doesNotContain("127.0.0.1", "AppleWebKit");
    }

    @Test
    void signingOutEverywhereEndsEverySessionOfTheAccount() {
        AccountFixtures.Resident resident = fixtures.aResident().build();
        Visitor laptop = new Visitor(port);
        Visitor phone = new Visitor(port);
        SignIns.asResident(laptop, resident);
        SignIns.asResident(phone, resident);
        long before = audit.lastId();

        laptop.get("/account");
        assertThat(laptop.post("/account/sign-out-everywhere", Map.of()).location()).contains("/sign-in?signedOutEverywhere");
        assertThat(phone.get("/account").status()).isEqualTo(302);
        assertThat(laptop.get("/account").status()).isEqualTo(302);
        assertThat(audit.actionsSince(before)).contains("SIGNED_OUT_EVERYWHERE");
    }

    @Test
    void signingInGivesANewSessionIdSoAPlantedOneIsUseless() {
        AccountFixtures.Resident resident = fixtures.aResident().build();
        Visitor visitor = new Visitor(port);
        visitor.get("/sign-in");
        String before = visitor.cookie("TOWNHALL_SESSION");
        assertThat(before).as("a session exists before sign-in").isNotNull();
        SignIns.asResident(visitor, resident);
        assertThat(visitor.cookie("TOWNHALL_SESSION")).isNotNull().isNotEqualTo(before);
    }

    @Test
    void aCsrfTokenFromBeforeSignInIsWorthlessAfterIt() {
        AccountFixtures.Resident resident = fixtures.aResident().build();
        Visitor visitor = new Visitor(port);
        String planted = csrfOf(visitor.get("/sign-in").body());
        visitor.post("/sign-in", "email", resident.email(), "password", resident.password());
        assertThat(visitor.postRaw("/account/sign-out-everywhere", Map.of("_csrf", planted)).status()).isEqualTo(403);
        assertThat(visitor.get("/account").status()).as("still signed in").isEqualTo(200);
    }

    @Test
    void theSignOutButtonOnAnErrorPageWorks() {
        AccountFixtures.Resident resident = fixtures.aResident().build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        Visitor.Page missing = visitor.get("/parking/cases/no-such-case");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("Sign out");
        assertThat(visitor.post("/sign-out", Map.of()).location()).contains("/sign-in?signedOut");
    }

    private static String csrfOf(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void aSessionEndsTwelveHoursAfterSignInHoweverBusyItIs() {
        AccountFixtures.Resident resident = fixtures.aResident().build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        try {
            clock.advance(Duration.ofHours(11).plusMinutes(50));
            assertThat(visitor.get("/account").status()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(15));
            long before = audit.lastId();
            assertThat(visitor.get("/account").status()).isEqualTo(302);
            assertThat(audit.actionsSince(before)).contains("SESSION_EXPIRED");
        } finally {
            clock.reset();
        }
    }

    @Test
    void signingOutIsAuditedAndEndsTheSession() {
        AccountFixtures.Resident resident = fixtures.aResident().build();
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        visitor.get("/account");
        long before = audit.lastId();
        assertThat(visitor.post("/sign-out", Map.of()).location()).contains("/sign-in?signedOut");
        assertThat(visitor.get("/account").status()).isEqualTo(302);
        assertThat(audit.actionsSince(before)).startsWith("SIGNED_OUT");
    }
}
