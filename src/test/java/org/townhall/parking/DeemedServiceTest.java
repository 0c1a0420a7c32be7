package org.townhall.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.parking.store.CaseStore;
import org.townhall.parking.store.PcnStore;
import org.townhall.platform.PublicReferences;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * A Notice of Rejection is posted the day the officer decides and served on the second working
 * day after: the appeal time the letter and the PCN page give counts from then, past Christmas,
 * Boxing Day and New Year, and past Easter.
 */
@TownhallTest
class DeemedServiceTest {

    @LocalServerPort int port;
    @Autowired ParkingFixtures parking;
    @Autowired AccountFixtures accounts;
    @Autowired ParkingDecisions decisions;
    @Autowired CaseStore cases;
    @Autowired PcnStore pcns;
    @Autowired TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void today(LocalDateTime london) {
        clock.reset();
        clock.advance(Duration.between(Instant.now(), london.atZone(ZoneId.of("Europe/London")).toInstant()));
    }

    /** Representations rejected on the clock's day; returns the PCN page and the letter. */
    private String[] rejectOn(LocalDate day) {
        today(day.atTime(10, 0));
        accounts.clearSignInThrottles();
        AccountFixtures.Resident resident = accounts.aResident().build();
        AccountFixtures.Staff officer = accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(45).withNoticeToOwnerDaysAgo(10).onAccountOf(resident.ref()).build();
        String caseRef = PublicReferences.next();
        cases.open(caseRef, pcns.findByRef(pcn.ref()).orElseThrow().id(), CaseKind.REPRESENTATIONS,
                "The alleged contravention did not occur", "I was not there", resident.ref(), day.minusDays(5), day.plusDays(51), officer.ref());
        assertThat(decisions.decide(caseRef, officer.ref(), new Decision.Reject("The photographs show the vehicle."))).isTrue();
        Visitor browser = new Visitor(port);
        SignIns.asResident(browser, resident);
        String letter = cases.lettersOf(pcns.findByRef(pcn.ref()).orElseThrow().id(), resident.ref()).get(0).body();
        return new String[] {browser.get("/parking/pcn/" + pcn.ref()).body(), letter};
    }

    @Test
    void aNoticeOfRejectionPostedOnChristmasEveTwentyTwentySixGivesUntilTheTwentySixthOfJanuary() {
        String[] answer = rejectOn(LocalDate.of(2026, 12, 24));
        assertThat(answer[1]).contains("We posted it on 24 December 2026, so it is served on 30 December 2026")
                .contains("you must appeal by 26 January 2027");
        assertThat(answer[0]).as("the important dates on the PCN page")
                .containsPattern("govuk-summary-list__key\">26 January 2027</dt>\\s*<dd[^>]*>Last day to pay or appeal");
    }

    @Test
    void aNoticeOfRejectionPostedTheDayBeforeGoodFridayTwentyTwentySevenIsServedTheWednesdayAfterEaster() {
        String[] answer = rejectOn(LocalDate.of(2027, 3, 25));
        assertThat(answer[1]).contains("We posted it on 25 March 2027, so it is served on 31 March 2027")
                .contains("you must appeal by 27 April 2027");
        assertThat(answer[0]).containsPattern("govuk-summary-list__key\">27 April 2027</dt>");
    }
}
