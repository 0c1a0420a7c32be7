package org.townhall.parking;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.accounts.ResidentEmails;
import org.townhall.accounts.StaffAccounts;
import org.townhall.accounts.StaffMember;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.evidence.CheckedFiles;
import org.townhall.evidence.DocumentSummary;
import org.townhall.evidence.EvidenceVault;
import org.townhall.evidence.HeldEvidence;
import org.townhall.notifications.ResidentEmail;
import org.townhall.parking.store.CaseStore.CaseRow;
import org.townhall.parking.store.CaseStore;
import org.townhall.parking.store.PcnStore.PcnRow;
import org.townhall.parking.store.PcnStore;
import org.townhall.platform.PublicReferences;

/** Challenges and representations: submitted by residents, worked by parking officers. */
@Service
public class ParkingCases {

    private final PcnStore pcns;
    private final CaseStore cases;
    private final ParkingFines fines;
    private final ParkingLetters letters;
    private final EvidenceVault vault;
    private final HeldEvidence held;
    private final StaffAccounts staff;
    private final CaseAssignments assignments;
    private final ResidentEmails residentEmails;
    private final AuditTrail audit;
    private final Clock clock;
    private final String baseUrl;

    ParkingCases(PcnStore pcns, CaseStore cases, ParkingFines fines, ParkingLetters letters, EvidenceVault vault,
                 HeldEvidence held, StaffAccounts staff, CaseAssignments assignments, ResidentEmails residentEmails,
                 AuditTrail audit, Clock clock,
                 @Value("${townhall.base-url}") String baseUrl) {
        this.pcns = pcns;
        this.cases = cases;
        this.fines = fines;
        this.letters = letters;
        this.vault = vault;
        this.held = held;
        this.staff = staff;
        this.assignments = assignments;
        this.residentEmails = residentEmails;
        this.audit = audit;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** The outcome of a submission: the new case, or what to tell the resident. */
    public record Submitted(String caseRef, String problem) {
    }

    /**
     * Opens a challenge (before a Notice to Owner) or formal representations (after one) on a PCN
     * the resident can see (looked up with its number and registration, or saved to their
     * account), with evidence that has already passed the vault's checks, and saves the PCN to
     * their account so they can follow the case. Someone else having saved it changes nothing.
     * Everything is one transaction: the case and all its documents, or nothing.
     */
    @Transactional
    public Submitted submit(String pcnRef, PcnViewer viewer, String grounds, String statement, CheckedFiles evidence) {
        return submit(pcnRef, viewer, grounds, statement, caseRef -> vault.store(evidence, viewer.residentRef(), caseRef));
    }

    /**
     * As {@link #submit}, sent from "Check your answers": the evidence is what the resident's
     * session holds under {@code heldRef} (already checked and sealed, ADR 0028), moved into the
     * new case in its transaction. A reference that is not theirs moves nothing.
     */
    @Transactional
    public Submitted submitHeld(String pcnRef, PcnViewer viewer, String grounds, String statement, String heldRef) {
        return submit(pcnRef, viewer, grounds, statement, caseRef -> held.attach(heldRef, viewer.residentRef(), caseRef));
    }

    private Submitted submit(String pcnRef, PcnViewer viewer, String grounds, String statement,
                             Function<String, List<DocumentSummary>> evidenceFor) {
        String residentRef = viewer.residentRef();
        PcnRow pcn = viewer.signedIn() ? fines.visible(pcnRef, viewer).orElse(null) : null;
        if (pcn == null) {
            return new Submitted(null, "Look this parking fine up with its number and your vehicle registration before you challenge it");
        }
        pcn = pcns.lockById(pcn.id()).orElseThrow();
        LocalDate today = fines.today();
        Timeline.View view = Timeline.on(fines.facts(pcn), today);
        boolean informal = view.mayChallengeInformally();
        if (!informal && !view.mayMakeRepresentations()) {
            return new Submitted(null, view.challengeOpen() ? waiting(pcn.id(), residentRef)
                    : "This parking fine can no longer be challenged online");
        }
        String caseRef = PublicReferences.next();
        LocalDate decideBy = Timeline.decideBy(today, informal);
        String officer = cases.leastLoaded(parkingOfficers()).orElse(null);
        Optional<Long> opened = cases.open(caseRef, pcn.id(), informal ? CaseKind.INFORMAL_CHALLENGE : CaseKind.REPRESENTATIONS,
                grounds, statement.trim(), residentRef, today, decideBy, officer);
        if (opened.isEmpty()) {
            return new Submitted(null, waiting(pcn.id(), residentRef));
        }
        pcns.save(pcn.id(), residentRef);
        List<DocumentSummary> stored = evidenceFor.apply(caseRef);
        audit.record(AuditEntry.of(AuditAction.PARKING_CASE_SUBMITTED, AuditOutcome.SUCCESS, Actor.resident(residentRef))
                .about(residentRef).on(caseRef).because(pcn.number() + " " + stored.size() + " documents"));
        if (officer != null) {
            audit.record(AuditEntry.of(AuditAction.PARKING_CASE_ASSIGNED, AuditOutcome.SUCCESS, Actor.system())
                    .about(residentRef).on(caseRef).because("to " + officer));
        }
        String what = informal ? "challenge" : "representations";
        String number = pcn.number();
        residentEmails.emailResident(residentRef, new ResidentEmail.ParkingCaseReceived(what, number, Integer.toString(stored.size()),
                decideBy.toString(), baseUrl + "/parking/cases/" + caseRef));
        return new Submitted(caseRef, null);
    }

    /** Why a second challenge waits: the resident's own, or one from another account (whose is never said). */
    private String waiting(long pcnId, String residentRef) {
        return cases.latestOf(pcnId).filter(c -> c.open() && residentRef.equals(c.residentRef())).isPresent()
                ? "You already have a challenge waiting for a decision"
                : "A challenge to this parking fine from another Townhall account is waiting for a decision. You can send yours "
                        + "when it has been decided";
    }

    /** One row of the officers' queue. */
    public record QueueItem(String caseRef, String pcnNumber, String kind, LocalDate receivedOn, LocalDate decideBy,
                            long daysLeft, String assignedTo, boolean mine) {
    }

    /**
     * The open cases, nearest deadline first. A case held by someone who can no longer work it
     * is handed back first, and never listed as theirs.
     */
    @Transactional
    public List<QueueItem> queue(String officerRef) {
        Set<String> working = assignments.returnOrphans();
        Map<String, String> names = staff.all().stream().collect(Collectors.toMap(StaffMember::ref, StaffMember::fullName));
        LocalDate today = fines.today();
        return cases.openQueue(500).stream().map(c -> {
            String officer = c.assignedOfficer() != null && working.contains(c.assignedOfficer()) ? c.assignedOfficer() : null;
            return new QueueItem(c.ref(), c.pcnNumber(), c.kind().name(), c.receivedOn(), c.decideBy(),
                    ChronoUnit.DAYS.between(today, c.decideBy()),
                    officer == null ? null : names.getOrDefault(officer, "another officer"), officerRef.equals(officer));
        }).toList();
    }

    /** An officer takes an unassigned case, or one left with someone who can no longer work it. */
    @Transactional
    public boolean take(String caseRef, String officerRef) {
        assignments.returnOrphans();
        Optional<CaseRow> found = caseRef.length() > 64 ? Optional.empty() : cases.findByRef(caseRef);
        if (found.isEmpty() || !cases.assign(found.get().id(), officerRef)) {
            audit.record(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, Actor.staff(officerRef))
                    .onNamed(caseRef).because("parking case not open for taking"));
            return false;
        }
        audit.record(AuditEntry.of(AuditAction.PARKING_CASE_ASSIGNED, AuditOutcome.SUCCESS, Actor.staff(officerRef))
                .about(found.get().residentRef()).on(caseRef).because("taken"));
        return true;
    }

    /** A case as its assigned officer works it; anyone else gets nothing, and the attempt is recorded. */
    @Transactional
    public Optional<OfficerCase> forOfficer(String caseRef, String officerRef) {
        Optional<CaseRow> found = caseRef == null || caseRef.length() > 64 ? Optional.empty() : cases.findByRef(caseRef);
        if (found.isEmpty() || !officerRef.equals(found.get().assignedOfficer())) {
            audit.record(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, Actor.staff(officerRef))
                    .about(found.map(CaseRow::residentRef).orElse(null)).onNamed(caseRef)
                    .because("parking case not assigned to this officer"));
            return Optional.empty();
        }
        CaseRow row = found.get();
        PcnRow pcn = pcns.findById(row.pcnId()).orElseThrow();
        return Optional.of(new OfficerCase(row, fines.details(pcn.ref(), new PcnViewer(row.residentRef(), Set.of(pcn.ref()))).orElseThrow(),
                vault.documentsOf(row.ref())));
    }

    /** A photo of the PCN of a case, for the officer the case is assigned to. */
    @Transactional
    public Optional<PcnStore.PhotoRow> photoForOfficer(String caseRef, String photoRef, String officerRef) {
        Optional<PcnStore.PhotoRow> photo = (caseRef.length() > 64 ? Optional.<CaseRow>empty() : cases.findByRef(caseRef))
                .filter(c -> officerRef.equals(c.assignedOfficer())).flatMap(c -> fines.photoOf(c.pcnId(), photoRef));
        if (photo.isEmpty()) {
            audit.record(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, Actor.staff(officerRef))
                    .onNamed(caseRef).because("photo of a parking case not assigned to this officer"));
        }
        return photo;
    }

    /** What an assigned officer sees: the case, its PCN and the list (not the content) of its evidence. */
    public record OfficerCase(CaseRow row, PcnDetails pcn, List<DocumentSummary> documents) {
    }

    /** A case as the resident who made it sees it. */
    public record ResidentCase(CaseRow row, PcnDetails pcn, List<DocumentSummary> documents) {
    }

    @Transactional
    public Optional<ResidentCase> forResident(String caseRef, String residentRef) {
        Optional<CaseRow> found = caseRef == null || caseRef.length() > 64 ? Optional.empty()
                : cases.findByRef(caseRef).filter(c -> residentRef.equals(c.residentRef()));
        if (found.isEmpty()) {
            audit.record(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, Actor.resident(residentRef))
                    .onNamed(caseRef).because("parking case of another resident or none"));
        }
        return found.map(row -> {
            PcnRow pcn = pcns.findById(row.pcnId()).orElseThrow();
            return new ResidentCase(row, fines.details(pcn.ref(), new PcnViewer(residentRef, Set.of(pcn.ref()))).orElseThrow(),
                    vault.documentsOf(row.ref()));
        });
    }

    private List<String> parkingOfficers() {
        return List.copyOf(assignments.officers());
    }
}
