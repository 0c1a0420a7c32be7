package org.townhall.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.StaffRole;
import org.townhall.parking.store.CaseStore;
import org.townhall.parking.store.PcnStore;
import org.townhall.platform.PublicReferences;
import org.townhall.support.Lifecycles;
import org.townhall.support.TownhallTest;

/** A PCN and a case move only as their tables say, in code and in the database alike. */
@TownhallTest
class ParkingLifecycleTest {

    @Autowired ParkingFixtures parking;
    @Autowired AccountFixtures accounts;
    @Autowired ParkingDecisions decisions;
    @Autowired CaseStore cases;
    @Autowired PcnStore pcns;
    @Autowired JdbcClient jdbc;

    private record OpenCase(String caseRef, ParkingFixtures.Pcn pcn, String officerRef) {
    }

    /** Formal representations on a resident's PCN, assigned to a parking officer and not yet decided. */
    private OpenCase representationsOnAPcnAfterItsNoticeToOwner() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        AccountFixtures.Staff officer = accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(45).withNoticeToOwnerDaysAgo(10).onAccountOf(resident.ref()).build();
        String caseRef = PublicReferences.next();
        LocalDate today = LocalDate.now(org.townhall.platform.ClockConfiguration.LONDON);
        cases.open(caseRef, pcns.findByRef(pcn.ref()).orElseThrow().id(), CaseKind.REPRESENTATIONS,
                "The alleged contravention did not occur", "I was not there", resident.ref(), today, today.plusDays(56), officer.ref());
        return new OpenCase(caseRef, pcn, officer.ref());
    }

    @Test
    void thePcnMovesInCodeAreTheOnesTheDatabaseEnforces() {
        Lifecycles.agreeWithTheDatabase(jdbc, "select from_status, to_status from pcn_transition", PcnStatus.class,
                PcnStatus.moves(), PcnStatus::mayMoveTo);
    }

    @Test
    void theCaseMovesInCodeAreTheOnesTheDatabaseEnforces() {
        Lifecycles.agreeWithTheDatabase(jdbc, "select from_status, to_status from parking_case_transition", CaseStatus.class,
                CaseStatus.moves(), CaseStatus::mayMoveTo);
    }

    @Test
    void theDatabaseRefusesToReopenADecidedCaseOrItsCancelledPcnOrToChangeTheCaseKind() {
        OpenCase open = representationsOnAPcnAfterItsNoticeToOwner();
        String caseRef = open.caseRef();
        ParkingFixtures.Pcn pcn = open.pcn();
        assertThat(decisions.decide(caseRef, open.officerRef(), new Decision.Accept("The sign was missing."))).isTrue();

        assertThatThrownBy(() -> jdbc.sql("update parking_case set status = 'OPEN' where public_ref = :r").param("r", caseRef).update())
                .hasMessageContaining("cannot move from ACCEPTED to OPEN");
        assertThatThrownBy(() -> jdbc.sql("update parking_case set kind = 'INFORMAL_CHALLENGE' where public_ref = :r")
                .param("r", caseRef).update()).hasMessageContaining("never changes its kind");
        assertThatThrownBy(() -> jdbc.sql("update pcn set status = 'OPEN' where public_ref = :r").param("r", pcn.ref()).update())
                .hasMessageContaining("cannot move from CANCELLED to OPEN");
        assertThatThrownBy(() -> jdbc.sql("update pcn set status = 'PAID' where public_ref = :r").param("r", pcn.ref()).update())
                .hasMessageContaining("cannot move from CANCELLED to PAID");
        assertThat(pcns.findByRef(pcn.ref()).orElseThrow().status()).isEqualTo(PcnStatus.CANCELLED);
    }

    @Test
    void aDecidedCaseIsNotDecidedAgain() {
        OpenCase open = representationsOnAPcnAfterItsNoticeToOwner();
        assertThat(decisions.decide(open.caseRef(), open.officerRef(), new Decision.Reject("The photographs show the vehicle."))).isTrue();
        assertThat(decisions.decide(open.caseRef(), open.officerRef(), new Decision.Accept(""))).isFalse();
        assertThat(cases.findByRef(open.caseRef()).orElseThrow().status()).isEqualTo(CaseStatus.REJECTED);
    }

    @Test
    void aRejectionWithoutReasonsCannotBeMade() {
        assertThatThrownBy(() -> new Decision.Reject(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
