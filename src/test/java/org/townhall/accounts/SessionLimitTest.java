package org.townhall.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.support.AuditRows;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * A session ends twelve hours after sign-in however busy it is, for residents and staff alike;
 * each signed-in page is told how long is left (so it can warn first) and "Stay signed in" renews
 * only the idle time, never that end.
 */
@TownhallTest
class SessionLimitTest {

    private static final Pattern SECONDS_LEFT = Pattern.compile("data-seconds-left=\"(\\d+)\"");
    private static final long TWELVE_HOURS = Duration.ofHours(12).toSeconds();
    /** However slow the machine, a sign-in and a page are done within this. */
    private static final long SLACK = 300;

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired TestClock clock;
    @Autowired AuditRows audit;

    @BeforeEach
    void clearThrottles() {
        accounts.clearSignInThrottles();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aResidentsPagesCountDownToTwelveHoursAfterSignInAndStayingSignedInDoesNotAddToIt() {
        Visitor resident = new Visitor(port);
        SignIns.asResident(resident, accounts.aResident().build());
        assertThat(secondsLeft(resident.get("/account").body())).isBetween(TWELVE_HOURS - SLACK, TWELVE_HOURS);

        clock.advance(Duration.ofHours(5));
        assertThat(resident.post("/session/keep-alive").status()).isEqualTo(204);

        assertThat(secondsLeft(resident.get("/account").body()))
                .isBetween(TWELVE_HOURS - Duration.ofHours(5).toSeconds() - SLACK, TWELVE_HOURS - Duration.ofHours(5).toSeconds());
    }

    @Test
    void aStaffMembersPagesCountDownToTwelveHoursAfterSignInAndStayingSignedInDoesNotAddToIt() {
        Visitor staff = new Visitor(port);
        SignIns.asStaff(staff, accounts.aStaffMember().withRole(StaffRole.AUDITOR).enrolled().build());
        assertThat(secondsLeft(staff.get("/staff").body())).isBetween(TWELVE_HOURS - SLACK, TWELVE_HOURS);

        clock.advance(Duration.ofHours(5));
        assertThat(staff.post("/staff/session/keep-alive").status()).isEqualTo(204);

        assertThat(secondsLeft(staff.get("/staff").body()))
                .isBetween(TWELVE_HOURS - Duration.ofHours(5).toSeconds() - SLACK, TWELVE_HOURS - Duration.ofHours(5).toSeconds());
    }

    @Test
    void aResidentKeptAliveAllDayIsStillSignedOutTwelveHoursAfterSignInAndTheEndIsAudited() {
        Visitor resident = new Visitor(port);
        SignIns.asResident(resident, accounts.aResident().build());
        keptAliveForElevenHoursAndFortyMinutes(resident, "/account", "/session/keep-alive");
        long before = audit.lastId();

        clock.advance(Duration.ofMinutes(25));

        assertThat(resident.post("/session/keep-alive").status()).as("staying signed in past the limit").isNotEqualTo(204);
        assertThat(resident.get("/account").location()).contains("/sign-in");
        assertThat(audit.detailsSince(before, "SESSION_EXPIRED")).singleElement().asString().contains("absolute timeout");
    }

    @Test
    void aStaffMemberKeptAliveAllDayIsStillSignedOutTwelveHoursAfterSignInAndTheEndIsAudited() {
        Visitor staff = new Visitor(port);
        SignIns.asStaff(staff, accounts.aStaffMember().withRole(StaffRole.AUDITOR).enrolled().build());
        keptAliveForElevenHoursAndFortyMinutes(staff, "/staff", "/staff/session/keep-alive");
        long before = audit.lastId();

        clock.advance(Duration.ofMinutes(25));

        assertThat(staff.post("/staff/session/keep-alive").status()).as("staying signed in past the limit").isNotEqualTo(204);
        assertThat(staff.get("/staff").location()).contains("/staff/sign-in");
        assertThat(audit.detailsSince(before, "SESSION_EXPIRED")).singleElement().asString().contains("absolute timeout");
    }

    @Test
    void pagesWithNobodySignedInAreToldNothingAboutASession() {
        assertThat(new Visitor(port).get("/").body()).doesNotContain("data-seconds-left", "townhall-session-end");
    }

    @Test
    void theSignInPagesSayWhyAfterTheLimit() {
        assertThat(new Visitor(port).get("/sign-in?timeLimit").body())
                .contains("For your security, we signed you out 12 hours after you signed in. Sign in again to carry on.");
        assertThat(new Visitor(port).get("/staff/sign-in?timeLimit").body())
                .contains("For your security, we signed you out 12 hours after you signed in. Sign in again to carry on.");
    }

    /** Every 25 minutes, within the 30-minute idle time, as someone working all day would. */
    private void keptAliveForElevenHoursAndFortyMinutes(Visitor visitor, String page, String keepAlive) {
        visitor.get(page); // for the session's own form token: sign-in issues a new one
        for (int step = 0; step < 28; step++) {
            clock.advance(Duration.ofMinutes(25));
            assertThat(visitor.post(keepAlive).status()).as("kept alive after " + (step + 1) * 25 + " minutes").isEqualTo(204);
        }
        assertThat(visitor.get(page).status()).as("still signed in after 11 h 40 min").isEqualTo(200);
    }

    private static long secondsLeft(String page) {
        Matcher left = SECONDS_LEFT.matcher(page);
        assertThat(left.find()).as("the page says how long the session has left").isTrue();
        return Long.parseLong(left.group(1));
    }
}
