package org.townhall.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.StaffRole;
import org.townhall.parking.store.CaseStore;
import org.townhall.parking.store.PcnStore;
import org.townhall.platform.PublicReferences;
import org.townhall.support.Browser;
import org.townhall.support.TownhallTest;

/** A parking team leader finds a case left with nobody and gives it to an officer, in a real browser. */
@TownhallTest
class ParkingTeamBrowserTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired ParkingFixtures parking;
    @Autowired CaseStore cases;
    @Autowired PcnStore pcns;
    @Autowired JdbcClient jdbc;
    Browser lead;

    @BeforeEach
    void open() {
        accounts.clearSignInThrottles();
        lead = new Browser(port);
    }

    @AfterEach
    void close() {
        lead.close();
    }

    @Test
    void aTeamLeaderGivesACaseLeftWithNobodyToAParkingOfficer() {
        AccountFixtures.Staff leader = accounts.aStaffMember().withRole(StaffRole.PARKING_TEAM_LEAD).enrolled().build();
        AccountFixtures.Staff officer = accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).enrolled().build();
        String resident = accounts.aResident().build().ref();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).onAccountOf(resident).build();
        String caseRef = PublicReferences.next();
        cases.open(caseRef, pcns.findByRef(pcn.ref()).orElseThrow().id(), CaseKind.INFORMAL_CHALLENGE, "Informal challenge",
                "Please", resident, LocalDate.now(org.townhall.platform.ClockConfiguration.LONDON), LocalDate.now(org.townhall.platform.ClockConfiguration.LONDON).plusDays(50), null);

        lead.open("/staff/sign-in").type("email", leader.email()).type("password", leader.password()).submit("email");
        lead.type("code", leader.codeAt(System.currentTimeMillis() / 1000)).submit("code");
        lead.click("Parking team: who has each case").assertAccessible();
        assertThat(lead.text()).contains(pcn.number()).contains("Nobody");
        lead.choose("officer-" + caseRef, officer.ref()).click("Give case for " + pcn.number());
        assertThat(lead.text()).contains("Case given to the officer you chose");
        lead.assertAccessible();
        assertThat(cases.findByRef(caseRef).orElseThrow().assignedOfficer()).isEqualTo(officer.ref());
    }
}
