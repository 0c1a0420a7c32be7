package org.townhall.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffAccounts;
import org.townhall.accounts.StaffRole;
import org.townhall.parking.store.CaseStore;
import org.townhall.parking.store.PcnStore;
import org.townhall.platform.PublicReferences;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/** No case is left with someone who cannot work it, and parking team leaders pass cases on. */
@TownhallTest
class ParkingTeamTest {

    @LocalServerPort int port;
    @Autowired ParkingFixtures parking;
    @Autowired AccountFixtures accounts;
    @Autowired StaffAccounts staff;
    @Autowired CaseStore cases;
    @Autowired PcnStore pcns;
    @Autowired AuditRows audit;
    @Autowired JdbcClient jdbc;

    AccountFixtures.Resident resident;

    @BeforeEach
    void setUp() {
        accounts.clearSignInThrottles();
        jdbc.sql("update parking_case set status = 'ACCEPTED', decided_on = current_date, decision_reason = 'test tidy-up' where status = 'OPEN'").update();
        resident = accounts.aResident().build();
    }

    /** An open case on a new PCN of the resident's, held by this officer (or nobody). */
    private String openCaseFor(AccountFixtures.Staff officer) {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).onAccountOf(resident.ref()).build();
        String ref = PublicReferences.next();
        cases.open(ref, pcns.findByRef(pcn.ref()).orElseThrow().id(), CaseKind.INFORMAL_CHALLENGE, "Informal challenge", "Please",
                resident.ref(), LocalDate.now(org.townhall.platform.ClockConfiguration.LONDON), LocalDate.now(org.townhall.platform.ClockConfiguration.LONDON).plusDays(55), officer == null ? null : officer.ref());
        return ref;
    }

    private String officerOf(String caseRef) {
        return cases.findByRef(caseRef).orElseThrow().assignedOfficer();
    }

    private Visitor signedIn(AccountFixtures.Staff member) {
        Visitor browser = new Visitor(port);
        SignIns.asStaff(browser, member);
        return browser;
    }

    private AccountFixtures.Staff anOfficer() {
        return accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).enrolled().build();
    }

    @Test
    void removingTheParkingOfficerRoleHandsTheirOpenCasesBackToTheQueueEachAudited() {
        AccountFixtures.Staff leaving = anOfficer();
        AccountFixtures.Staff admin = accounts.aStaffMember().withRole(StaffRole.ADMIN).enrolled().build();
        String first = openCaseFor(leaving);
        String second = openCaseFor(leaving);
        long before = audit.lastId();

        assertThat(staff.changeRoles(admin.ref(), leaving.ref(), Set.of(StaffRole.FINANCE_OFFICER)).isDone()).isTrue();

        assertThat(officerOf(first)).isNull();
        assertThat(officerOf(second)).isNull();
        assertThat(audit.detailsSince(before, "PARKING_CASE_RETURNED")).hasSize(2)
                .allMatch(d -> d.contains(leaving.ref() + " is no longer a parking officer"));
        assertThat(jdbc.sql("select count(*) from audit_event where id > :id and action = 'PARKING_CASE_RETURNED' and actor_ref = :admin")
                .param("id", before).param("admin", admin.ref()).query(Long.class).single()).as("by the administrator").isEqualTo(2);

        Visitor colleague = signedIn(anOfficer());
        colleague.get("/staff/parking");
        assertThat(colleague.post("/staff/parking/cases/" + first + "/take", Map.of()).location()).endsWith("/staff/parking/cases/" + first);
        assertThat(colleague.get("/staff/parking/cases/" + first).status()).isEqualTo(200);
    }

    @Test
    void aCaseHeldBySomeoneWhoCannotWorkItIsListedAsUnassignedAndCanBeTaken() {
        AccountFixtures.Staff gone = anOfficer();
        String caseRef = openCaseFor(gone);
        // Their account was switched off, which no staff page does today: the queue must cope anyway.
        jdbc.sql("update staff_member set active = false where public_ref = :ref").param("ref", gone.ref()).update();

        AccountFixtures.Staff colleague = anOfficer();
        Visitor browser = signedIn(colleague);
        long before = audit.lastId();
        String queue = browser.get("/staff/parking").body();
        assertThat(queue).contains("/staff/parking/cases/" + caseRef + "/take");
        assertThat(officerOf(caseRef)).isNull();
        assertThat(audit.actionsSince(before)).contains("PARKING_CASE_RETURNED");

        assertThat(browser.post("/staff/parking/cases/" + caseRef + "/take", Map.of()).status()).isEqualTo(302);
        assertThat(officerOf(caseRef)).isEqualTo(colleague.ref());
    }

    @Test
    void aParkingTeamLeaderGivesACaseToAnotherParkingOfficer() {
        AccountFixtures.Staff away = anOfficer();
        AccountFixtures.Staff cover = anOfficer();
        String caseRef = openCaseFor(away);
        Visitor lead = signedIn(accounts.aStaffMember().withRole(StaffRole.PARKING_TEAM_LEAD).enrolled().build());
        assertThat(lead.get("/staff").body()).contains("/staff/parking/team");
        assertThat(lead.get("/staff/parking/team").body()).contains(caseRef).contains(cover.ref());

        long before = audit.lastId();
        assertThat(lead.post("/staff/parking/team/cases/" + caseRef + "/officer", "officer", cover.ref()).location())
                .endsWith("/staff/parking/team?reassigned");
        assertThat(officerOf(caseRef)).isEqualTo(cover.ref());
        assertThat(audit.detailsSince(before, "PARKING_CASE_REASSIGNED")).singleElement()
                .satisfies(d -> assertThat(d).contains("from " + away.ref() + " to " + cover.ref()));
        assertThat(signedIn(cover).get("/staff/parking/cases/" + caseRef).status()).isEqualTo(200);
        assertThat(signedIn(away).get("/staff/parking/cases/" + caseRef).status()).isEqualTo(404);
    }

    @Test
    void aCaseCannotBeGivenToSomeoneWhoIsNotAParkingOfficer() {
        AccountFixtures.Staff officer = anOfficer();
        String caseRef = openCaseFor(officer);
        AccountFixtures.Staff finance = accounts.aStaffMember().withRole(StaffRole.FINANCE_OFFICER).enrolled().build();
        Visitor lead = signedIn(accounts.aStaffMember().withRole(StaffRole.PARKING_TEAM_LEAD).enrolled().build());
        lead.get("/staff/parking/team");

        for (String who : new String[] {finance.ref(), resident.ref(), "", "x".repeat(300)}) {
            long before = audit.lastId();
            Visitor.Page page = lead.post("/staff/parking/team/cases/" + caseRef + "/officer", "officer", who);
            assertThat(page.status()).as(who).isEqualTo(422);
            assertThat(page.body()).contains("govuk-error-summary").contains("Choose a parking officer from the list");
            assertThat(officerOf(caseRef)).isEqualTo(officer.ref());
            assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED").doesNotContain("PARKING_CASE_REASSIGNED");
        }
        long before = audit.lastId();
        assertThat(lead.post("/staff/parking/team/cases/NO-SUCH-CASE/officer", "officer", officer.ref()).status()).isEqualTo(404);
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED");
    }

    @Test
    void onlyParkingTeamLeadersMayPassCasesOnAndEveryOtherAttemptIsAudited() {
        AccountFixtures.Staff officer = anOfficer();
        AccountFixtures.Staff other = anOfficer();
        String caseRef = openCaseFor(officer);
        Visitor resident = new Visitor(port);
        SignIns.asResident(resident, this.resident);
        Map<String, Visitor> callers = Map.of(
                "parking officer", signedIn(other),
                "finance officer", signedIn(accounts.aStaffMember().withRole(StaffRole.FINANCE_OFFICER).enrolled().build()),
                "administrator", signedIn(accounts.aStaffMember().withRole(StaffRole.ADMIN).enrolled().build()),
                "resident", resident,
                "anonymous", new Visitor(port));
        callers.forEach((who, caller) -> {
            caller.get(who.equals("resident") || who.equals("anonymous") ? "/parking" : "/staff");
            long before = audit.lastId();
            assertThat(caller.get("/staff/parking/team").status()).as(who).isIn(302, 403);
            assertThat(caller.post("/staff/parking/team/cases/" + caseRef + "/officer", "officer", other.ref()).status())
                    .as(who).isIn(302, 403);
            assertThat(audit.actionsSince(before)).as(who).containsOnly("ACCESS_DENIED").hasSize(2);
        });
        assertThat(officerOf(caseRef)).isEqualTo(officer.ref());
    }
}
