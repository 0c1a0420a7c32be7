package org.townhall.parking;

import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.accounts.ResidentEmails;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.notifications.ResidentEmail;
import org.townhall.parking.store.CaseStore;
import org.townhall.parking.store.CaseStore.CaseRow;
import org.townhall.parking.store.PcnStore;
import org.townhall.parking.store.PcnStore.PcnRow;
import org.townhall.platform.PublicReferences;

/** Decisions on challenges and representations, and the letters that carry them. */
@Service
public class ParkingDecisions {

    private static final Logger log = LoggerFactory.getLogger(ParkingDecisions.class);
    /** One lock for the daily deemed-acceptance run, so it runs once across all instances. */
    private static final long DEEMED_ACCEPTANCE_LOCK = 0x7A0D18L;

    private final CaseStore cases;
    private final PcnStore pcns;
    private final ParkingFines fines;
    private final ParkingLetters letters;
    private final ResidentEmails residentEmails;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final String baseUrl;

    ParkingDecisions(CaseStore cases, PcnStore pcns, ParkingFines fines, ParkingLetters letters, ResidentEmails residentEmails,
                     AuditTrail audit, JdbcClient jdbc, Clock clock, @Value("${townhall.base-url}") String baseUrl) {
        this.cases = cases;
        this.pcns = pcns;
        this.fines = fines;
        this.letters = letters;
        this.residentEmails = residentEmails;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /**
     * The assigned officer accepts (the PCN is cancelled) or rejects with reasons (the resident
     * gets the Notice of Rejection with their appeal rights, or for an informal challenge the
     * discount again). Returns false if the case is not this officer's or is no longer open.
     */
    @Transactional
    public boolean decide(String caseRef, String officerRef, Decision decision) {
        CaseRow row = cases.lockByRef(caseRef).orElse(null);
        if (row == null || !row.open() || !officerRef.equals(row.assignedOfficer())) {
            audit.record(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, Actor.staff(officerRef))
                    .about(row == null ? null : row.residentRef()).onNamed(caseRef).because("decision refused"));
            return false;
        }
        PcnRow pcn = pcns.lockById(row.pcnId()).orElseThrow();
        LocalDate today = fines.today();
        boolean accept = decision instanceof Decision.Accept;
        String reasons = decision.reasons() == null ? "" : decision.reasons();
        cases.decide(row.id(), accept ? CaseStatus.ACCEPTED : CaseStatus.REJECTED, reasons.trim(), today, officerRef, clock.instant());
        String kind;
        String body;
        if (accept) {
            pcns.setStatus(pcn.id(), PcnStatus.CANCELLED);
            kind = "CANCELLATION";
            body = letters.cancellation(pcn.number(), reasons.trim());
        } else if (row.informal()) {
            kind = "INFORMAL_REJECTION";
            Timeline.View after = Timeline.on(fines.facts(pcn), today);
            body = letters.informalRejection(pcn.number(), reasons.trim(),
                    Timeline.lastDayOf(today, Timeline.DISCOUNT_DAYS), after.discounted() ? after.amountDuePence() : pcn.chargePence() / 2);
        } else {
            kind = "NOTICE_OF_REJECTION";
            LocalDate served = fines.servedIfPostedOn(today);
            body = letters.noticeOfRejection(pcn.number(), reasons.trim(), today, served,
                    Timeline.lastDayOf(served, Timeline.APPEAL_DAYS), pcn.chargePence());
        }
        audit.record(AuditEntry.of(AuditAction.PARKING_CASE_DECIDED, AuditOutcome.SUCCESS, Actor.staff(officerRef))
                .about(row.residentRef()).on(caseRef).because(accept ? "accepted" : "rejected"));
        send(pcn, row, kind, body, today);
        return true;
    }

    /**
     * Every day: formal representations not decided within 56 days are accepted by law (SI
     * 2007/3482 reg 5(5)). The advisory lock makes one instance do it; the others skip.
     */
    @Scheduled(cron = "${townhall.parking.deemed-acceptance-cron:0 5 0 * * *}", zone = "Europe/London")
    @Transactional
    public int deemOverdueRepresentationsAccepted() {
        Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(:lock)").param("lock", DEEMED_ACCEPTANCE_LOCK)
                .query(Boolean.class).single();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        LocalDate today = fines.today();
        int count = 0;
        for (CaseRow row : cases.overdueRepresentations(today)) {
            PcnRow pcn = pcns.lockById(row.pcnId()).orElseThrow();
            cases.decide(row.id(), CaseStatus.DEEMED_ACCEPTED, "Not decided within 56 days", today, "SYSTEM", clock.instant());
            pcns.setStatus(pcn.id(), PcnStatus.CANCELLED);
            audit.record(AuditEntry.of(AuditAction.PARKING_CASE_DEEMED_ACCEPTED, AuditOutcome.SUCCESS, Actor.system())
                    .about(row.residentRef()).on(row.ref()).because("decide by " + row.decideBy()));
            send(pcn, row, "DEEMED_ACCEPTANCE", letters.deemedAcceptance(pcn.number(), row.decideBy()), today);
            count++;
        }
        if (count > 0) {
            log.warn("{} representations were accepted because they were not decided within 56 days", count);
        }
        return count;
    }

    private void send(PcnRow pcn, CaseRow row, String kind, String body, LocalDate today) {
        cases.addLetter(PublicReferences.next(), pcn.id(), row.id(), kind, body, today);
        residentEmails.emailResident(row.residentRef(), new ResidentEmail.ParkingLetter(letters.title(kind), pcn.number(), body,
                baseUrl + "/parking/cases/" + row.ref()));
    }
}
