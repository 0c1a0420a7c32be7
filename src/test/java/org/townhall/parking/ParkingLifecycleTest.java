package org.townhall.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.StaffRole;
import org.townhall.parking.store.CaseStore;
import org.townhall.parking.store.PcnStore;
import org.townhall.platform.PublicReferences;
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

    @Test
    void thePcnMovesInCodeAreTheOnesTheDatabaseEnforces() {
        assertThat(inDatabase("pcn_transition", PcnStatus::valueOf)).isEqualTo(PcnStatus.moves());
        for (PcnStatus from : PcnStatus.values()) {
            for (PcnStatus to : PcnStatus.values()) {
                assertThat(from.mayMoveTo(to)).isEqualTo(PcnStatus.moves().getOrDefault(from, Set.of()).contains(to));
            }
        }
    }

    @Test
    void theCaseMovesInCodeAreTheOnesTheDatabaseEnforces() {
        assertThat(inDatabase("parking_case_transition", CaseStatus::valueOf)).isEqualTo(CaseStatus.moves());
        for (CaseStatus from : CaseStatus.values()) {
            for (CaseStatus to : CaseStatus.values()) {
                assertThat(from.mayMoveTo(to)).isEqualTo(CaseStatus.moves().getOrDefault(from, Set.of()).contains(to));
            }
        }
    }

    @Test
    void theDatabaseRefusesToReopenADecidedCaseOrItsCancelledPcnOrToChangeTheCaseKind() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        AccountFixtures.Staff officer = accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(45).withNoticeToOwnerDaysAgo(10).onAccountOf(resident.ref()).build();
        String caseRef = PublicReferences.next();
        LocalDate today = LocalDate.now();
        cases.open(caseRef, pcns.findByRef(pcn.ref()).orElseThrow().id(), CaseKind.REPRESENTATIONS,
                "The alleged contravention did not occur", "I was not there", resident.ref(), today, today.plusDays(56), officer.ref());
        assertThat(decisions.decide(caseRef, officer.ref(), new Decision.Accept("The sign was missing."))).isTrue();

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
        AccountFixtures.Resident resident = accounts.aResident().build();
        AccountFixtures.Staff officer = accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(45).withNoticeToOwnerDaysAgo(10).onAccountOf(resident.ref()).build();
        String caseRef = PublicReferences.next();
        LocalDate today = LocalDate.now();
        cases.open(caseRef, pcns.findByRef(pcn.ref()).orElseThrow().id(), CaseKind.REPRESENTATIONS,
                "The alleged contravention did not occur", "I was not there", resident.ref(), today, today.plusDays(56), officer.ref());
        assertThat(decisions.decide(caseRef, officer.ref(), new Decision.Reject("The photographs show the vehicle."))).isTrue();
        assertThat(decisions.decide(caseRef, officer.ref(), new Decision.Accept(""))).isFalse();
        assertThat(cases.findByRef(caseRef).orElseThrow().status()).isEqualTo(CaseStatus.REJECTED);
    }

    @Test
    void aRejectionWithoutReasonsCannotBeMade() {
        assertThatThrownBy(() -> new Decision.Reject(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    private <S> Map<S, Set<S>> inDatabase(String table, Function<String, S> state) {
        Map<S, Set<S>> moves = new HashMap<>();
        jdbc.sql("select from_status, to_status from " + table).query((rs, n) -> moves
                .computeIfAbsent(state.apply(rs.getString(1)), s -> new HashSet<>()).add(state.apply(rs.getString(2)))).list();
        return moves;
    }
}
