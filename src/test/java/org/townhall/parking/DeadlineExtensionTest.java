package org.townhall.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.continuity.ResidentService;
import org.townhall.continuity.ServiceOutageEnded;
import org.townhall.continuity.ServiceState;
import org.townhall.continuity.ServiceSwitches;
import org.townhall.platform.ClockConfiguration;
import org.townhall.support.AuditRows;
import org.townhall.support.Outbox;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;

@TownhallTest
class DeadlineExtensionTest {

    @Autowired ParkingFixtures parking;
    @Autowired AccountFixtures accounts;
    @Autowired DeadlineExtensions extensions;
    @Autowired ParkingCases cases;
    @Autowired org.townhall.evidence.EvidenceVault vault;
    @Autowired ServiceSwitches switches;
    @Autowired ParkingFines fines;
    @Autowired JdbcClient jdbc;
    @Autowired AuditRows audit;
    @Autowired Outbox outbox;
    @Autowired TestClock clock;

    @AfterEach
    void tidy() {
        clock.reset();
        for (ResidentService service : ResidentService.values()) {
            switches.switchTo(service, ServiceState.ON, null, "test");
        }
    }

    private static Instant london(String dateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(dateTime), ClockConfiguration.LONDON).toInstant();
    }

    private long discountDaysLeft(ParkingFixtures.Pcn pcn, String residentRef) {
        PcnDetails details = fines.details(pcn.ref(), new PcnViewer(residentRef, java.util.Set.of(pcn.ref()))).orElseThrow();
        return details.today().nextDates().stream().filter(m -> m.meaning().contains("discounted"))
                .map(m -> java.time.temporal.ChronoUnit.DAYS.between(fines.today(), m.date())).findFirst().orElse(-1L);
    }

    @Test
    void anOutageGivesBackItsDaysPlusTheGraceAndNotTwiceForOverlaps() {
        // Outage from 30 March 23:00 to 1 April 02:00: three London dates, across a month end.
        assertThat(ServiceOutageEnded.daysToGiveBack(LocalDate.of(2026, 3, 30), LocalDate.of(2026, 4, 1), List.of(), 2)).isEqualTo(5);
        // Across the start of British Summer Time (29 March 2026, 01:00): still two dates.
        Instant start = london("2026-03-28T23:30");
        Instant end = london("2026-03-29T02:30");
        assertThat(Duration.between(start, end)).isEqualTo(Duration.ofHours(2));
        assertThat(ServiceOutageEnded.daysToGiveBack(start.atZone(ClockConfiguration.LONDON).toLocalDate(),
                end.atZone(ClockConfiguration.LONDON).toLocalDate(), List.of(), 2)).isEqualTo(4);
        // An overlapping outage gives only the days not already given.
        List<LocalDate[]> given = List.<LocalDate[]>of(new LocalDate[] {LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 3)});
        assertThat(ServiceOutageEnded.daysToGiveBack(LocalDate.of(2026, 4, 2), LocalDate.of(2026, 4, 5), given, 2)).isEqualTo(4);
        assertThat(ServiceOutageEnded.daysToGiveBack(LocalDate.of(2026, 4, 2), LocalDate.of(2026, 4, 3), given, 2)).isZero();
    }

    @Test
    void switchingPaymentsBackOnMovesTheDiscountItSwallowedTellsTheResidentAndNeverTwice() throws Exception {
        AccountFixtures.Resident resident = accounts.aResident().build();
        ParkingFixtures.Pcn swallowed = parking.aPcn().servedDaysAgo(12).onAccountOf(resident.ref()).build();
        ParkingFixtures.Pcn untouched = parking.aPcn().servedDaysAgo(1).onAccountOf(resident.ref()).build();
        assertThat(discountDaysLeft(swallowed, resident.ref())).isEqualTo(1);

        switches.switchTo(ResidentService.PCN_PAYMENTS, ServiceState.OFF, "Payments are down", "manager");
        clock.advance(Duration.ofDays(3));
        long before = audit.lastId();
        switches.switchTo(ResidentService.PCN_PAYMENTS, ServiceState.ON, null, "manager");

        // The event is handled after commit, on another thread.
        for (int i = 0; i < 300 && jdbc.sql("select count(*) from pcn_deadline_extension e join pcn p on p.id = e.pcn_id where p.pcn_number = :n")
                .param("n", swallowed.number()).query(Long.class).single() == 0; i++) {
            Thread.sleep(100);
        }
        // Four London dates of outage plus two days' grace: the last discount day moves by six.
        assertThat(discountDaysLeft(swallowed, resident.ref())).isEqualTo(1 - 3 + 6);
        assertThat(discountDaysLeft(untouched, resident.ref())).as("its deadline was after the grace period").isEqualTo(12 - 3);
        assertThat(audit.actionsSince(before)).contains("DEADLINE_EXTENDED");
        assertThat(outbox.templatesSentTo(resident.email())).contains("DEADLINE_EXTENDED");

        String outage = jdbc.sql("select outage_ref from pcn_deadline_extension e join pcn p on p.id = e.pcn_id where p.pcn_number = :n")
                .param("n", swallowed.number()).query(String.class).single();
        ServiceOutageEnded again = new ServiceOutageEnded(outage, ResidentService.PCN_PAYMENTS,
                clock.instant().minus(Duration.ofDays(3)), clock.instant());
        extensions.extendFor(again);
        assertThat(discountDaysLeft(swallowed, resident.ref())).as("extended once only").isEqualTo(4);
    }

    @Test
    void aSaverWhoseAddressIsUnconfirmedIsToldWithoutTheNameTheyTyped() {
        AccountFixtures.Resident resident = accounts.aResident().named("Maud Unconfirmed").unverified().build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(12).onAccountOf(resident.ref()).build();

        extensions.extendFor(new ServiceOutageEnded("told-" + pcn.ref(), ResidentService.PCN_PAYMENTS,
                clock.instant().minus(Duration.ofDays(3)), clock.instant()));

        String told = outbox.lastFields(resident.email(), "DEADLINE_EXTENDED");
        assertThat(told).contains("\"greeting\": \"Hello\"", "\"pcn\": \"" + pcn.number() + "\"").doesNotContain("Maud");
    }

    @Test
    void aDiscountFrozenByAnOpenChallengeIsNotMovedWhileTheOneBesideItIs() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        ParkingFixtures.Pcn frozen = parking.aPcn().servedDaysAgo(12).onAccountOf(resident.ref()).build();
        ParkingFixtures.Pcn waiting = parking.aPcn().servedDaysAgo(12).onAccountOf(resident.ref()).build();
        assertThat(cases.submit(frozen.ref(), new PcnViewer(resident.ref(), Set.of()), "Informal challenge",
                "I had a valid ticket", vault.check(List.of(), resident.ref())).caseRef()).isNotNull();

        extensions.extendFor(new ServiceOutageEnded("frozen-" + frozen.ref(), ResidentService.PCN_PAYMENTS,
                clock.instant().minus(Duration.ofDays(3)), clock.instant()));

        assertThat(extensionsOf(frozen)).as("an open challenge freezes the discount: nothing was swallowed").isZero();
        assertThat(extensionsOf(waiting)).isEqualTo(1);
    }

    private long extensionsOf(ParkingFixtures.Pcn pcn) {
        return jdbc.sql("select count(*) from pcn_deadline_extension e join pcn p on p.id = e.pcn_id where p.pcn_number = :n")
                .param("n", pcn.number()).query(Long.class).single();
    }

    @Test
    void anOutageOfAnUnrelatedServiceMovesNoParkingDeadline() {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(12).build();
        assertThat(extensions.extendFor(new ServiceOutageEnded("x-" + pcn.ref(), ResidentService.RENT_PAYMENTS,
                clock.instant().minus(Duration.ofDays(2)), clock.instant()))).isZero();
    }
}
