package org.townhall.parking;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.accounts.StaffAccounts;
import org.townhall.accounts.StaffMember;
import org.townhall.accounts.StaffRole;
import org.townhall.accounts.StaffRoleRevoked;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.parking.store.CaseStore;
import org.townhall.parking.store.CaseStore.CaseRow;

/**
 * Who works each open case. A case held by someone who can no longer work it is nobody's: no one
 * may open or take it while the 56 days run out and deemed acceptance cancels the PCN (SI
 * 2007/3482 reg 5(5)). So a case goes back to the unassigned queue the moment its officer loses
 * the parking officer role, any case found with someone who cannot work it is handed back as
 * soon as the queue is looked at, and parking team leaders pass cases between officers.
 */
@Service
public class CaseAssignments {

    private final CaseStore cases;
    private final StaffAccounts staff;
    private final ParkingFines fines;
    private final AuditTrail audit;

    CaseAssignments(CaseStore cases, StaffAccounts staff, ParkingFines fines, AuditTrail audit) {
        this.cases = cases;
        this.staff = staff;
        this.fines = fines;
        this.audit = audit;
    }

    /**
     * Handled inside the transaction that removed the role: the officer's cases are back in the
     * queue in the same commit, each with its own audit row, or the role stays.
     */
    @EventListener
    void on(StaffRoleRevoked revoked) {
        if (revoked.role() == StaffRole.PARKING_OFFICER) {
            for (CaseStore.Returned returned : cases.returnCasesOf(revoked.staffRef())) {
                audit.record(AuditEntry.of(AuditAction.PARKING_CASE_RETURNED, AuditOutcome.SUCCESS,
                                Actor.staff(revoked.revokedBy()))
                        .about(returned.residentRef()).on(returned.caseRef())
                        .because("officer " + returned.formerOfficer() + " is no longer a parking officer"));
            }
        }
    }

    /** The officers who can work cases now: active staff members with the parking officer role. */
    Set<String> officers() {
        return staff.activeHolders(StaffRole.PARKING_OFFICER);
    }

    /**
     * Hands back any open case held by someone who cannot work it (an account no longer active,
     * or a role removed in a way that did not pass through staff administration), so that what
     * the queue lists can always be worked. Returns who can work cases.
     */
    @Transactional
    public Set<String> returnOrphans() {
        Set<String> officers = officers();
        for (CaseStore.Returned returned : cases.returnCasesNotHeldBy(officers)) {
            audit.record(AuditEntry.of(AuditAction.PARKING_CASE_RETURNED, AuditOutcome.SUCCESS, Actor.system())
                    .about(returned.residentRef()).on(returned.caseRef())
                    .because("officer " + returned.formerOfficer() + " can no longer work it"));
        }
        return officers;
    }

    /** One open case as a team leader sees it: its deadline and who has it (null: nobody). */
    public record TeamCase(String caseRef, String pcnNumber, String kind, LocalDate decideBy, long daysLeft,
                           String officerRef, String officerName) {
    }

    /** A parking officer a case can be given to. */
    public record Officer(String ref, String name) {
    }

    /** Every open case, nearest deadline first, and the officers who can take them. */
    public record Team(List<TeamCase> cases, List<Officer> officers) {
    }

    @Transactional
    public Team team() {
        Set<String> working = returnOrphans();
        Map<String, String> names = staff.all().stream().collect(Collectors.toMap(StaffMember::ref, StaffMember::fullName));
        LocalDate today = fines.today();
        List<TeamCase> open = cases.openQueue(500).stream().map(c -> {
            String officer = c.assignedOfficer() != null && working.contains(c.assignedOfficer()) ? c.assignedOfficer() : null;
            return new TeamCase(c.ref(), c.pcnNumber(), c.kind().name(), c.decideBy(), ChronoUnit.DAYS.between(today, c.decideBy()),
                    officer, officer == null ? null : names.getOrDefault(officer, "another officer"));
        }).toList();
        List<Officer> officers = working.stream().map(ref -> new Officer(ref, names.getOrDefault(ref, ref)))
                .sorted(Comparator.comparing(Officer::name)).toList();
        return new Team(open, officers);
    }

    /** What became of a team leader's reassignment. */
    public enum Reassignment { DONE, NO_SUCH_CASE, NOT_A_PARKING_OFFICER, NOT_A_TEAM_LEADER }

    /**
     * A parking team leader gives an open case to a parking officer. Anyone else, a case that is
     * not open, or someone who is not a parking officer is refused, changes nothing and is
     * audited: a case carries its evidence with it.
     */
    @Transactional
    public Reassignment reassign(String caseRef, String officerRef, String leadRef) {
        if (!staff.activeHolders(StaffRole.PARKING_TEAM_LEAD).contains(leadRef)) {
            return refused(caseRef, null, leadRef, Reassignment.NOT_A_TEAM_LEADER,
                    "reassignment by someone who is not a parking team leader");
        }
        Optional<CaseRow> found = caseRef == null || caseRef.length() > 64 ? Optional.empty()
                : cases.lockByRef(caseRef).filter(CaseRow::open);
        if (found.isEmpty()) {
            return refused(caseRef, null, leadRef, Reassignment.NO_SUCH_CASE, "reassignment of a parking case that is not open");
        }
        CaseRow row = found.get();
        if (officerRef == null || !officers().contains(officerRef)) {
            return refused(caseRef, row.residentRef(), leadRef, Reassignment.NOT_A_PARKING_OFFICER,
                    "reassignment to someone who is not a parking officer");
        }
        if (!officerRef.equals(row.assignedOfficer())) {
            cases.reassign(row.id(), officerRef);
            audit.record(AuditEntry.of(AuditAction.PARKING_CASE_REASSIGNED, AuditOutcome.SUCCESS, Actor.staff(leadRef))
                    .about(row.residentRef()).on(caseRef)
                    .because("from " + (row.assignedOfficer() == null ? "nobody" : row.assignedOfficer()) + " to " + officerRef));
        }
        return Reassignment.DONE;
    }

    private Reassignment refused(String caseRef, String residentRef, String leadRef, Reassignment why, String detail) {
        audit.record(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, Actor.staff(leadRef))
                .about(residentRef).onNamed(caseRef).because(detail));
        return why;
    }
}
