package org.townhall.incidents;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.accounts.ResidentEmails;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.incidents.store.BreachStore;
import org.townhall.incidents.store.IncidentDetailsStore;
import org.townhall.incidents.store.IncidentStore;
import org.townhall.incidents.store.TimelineStore;
import org.townhall.notifications.ResidentEmail;

/**
 * Telling the people a high-risk breach affects (UK GDPR Art 34(1)): the residents the blast
 * radius found, in wording an officer approved once (Art 34(2): clear and plain language), each
 * emailed through the outbox and each told recorded on the incident and in their own history.
 */
@Service
public class BreachNotices {

    private final IncidentStore incidents;
    private final BreachStore breaches;
    private final IncidentDetailsStore details;
    private final TimelineStore timeline;
    private final ResidentEmails residentEmails;
    private final AuditTrail audit;
    private final Clock clock;

    BreachNotices(IncidentStore incidents, BreachStore breaches, IncidentDetailsStore details, TimelineStore timeline,
                  ResidentEmails residentEmails, AuditTrail audit, Clock clock) {
        this.incidents = incidents;
        this.breaches = breaches;
        this.details = details;
        this.timeline = timeline;
        this.residentEmails = residentEmails;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public IncidentOutcome approve(String ref, String wording, String staffRef) {
        Optional<IncidentStore.Row> row = incidents.find(ref);
        if (row.isEmpty()) {
            return IncidentOutcome.NOT_FOUND;
        }
        Optional<BreachAssessment> assessment = breaches.assessment(row.get().id());
        if (assessment.isEmpty() || !assessment.get().personalDataBreach() || assessment.get().risk() != BreachRisk.HIGH) {
            return IncidentOutcome.refused("wording", "Residents are told of a breach assessed as likely to result in a high risk to them");
        }
        if (IncidentRegister.blank(wording) || wording.length() > 5000) {
            return IncidentOutcome.refused("wording", "Write what residents will be told, in 5,000 characters or fewer");
        }
        Instant now = clock.instant();
        if (!breaches.approveNotice(row.get().id(), EmailText.plain(wording).trim(), staffRef, now)) {
            return IncidentOutcome.refused("wording", "The wording was already approved; it is reviewed once");
        }
        timeline.append(row.get().id(), now, staffRef, TimelineEntry.Kind.RESIDENTS_TOLD, "Wording to residents approved: "
                + EmailText.plain(wording).trim());
        audit.record(AuditEntry.of(AuditAction.BREACH_NOTICE_APPROVED, AuditOutcome.SUCCESS, Actor.staff(staffRef))
                .on(row.get().incident().reference()));
        return IncidentOutcome.DONE;
    }

    /** Emails every affected resident not yet told; returns how many were told now. */
    @Transactional
    public int tell(String ref, String staffRef) {
        IncidentStore.Row row = incidents.find(ref).orElse(null);
        if (row == null) {
            return 0;
        }
        String wording = breaches.noticeWording(row.id()).orElse(null);
        if (wording == null) {
            return 0;
        }
        // The wording was approved for a high-risk breach; the assessment may since have been
        // revised (not a breach after all, or a lower risk). Art 34(1) is for high risk only:
        // residents are told what the assessment says now, never what it once said.
        Optional<BreachAssessment> assessment = breaches.assessment(row.id());
        if (assessment.isEmpty() || !assessment.get().personalDataBreach() || assessment.get().risk() != BreachRisk.HIGH) {
            audit.record(AuditEntry.of(AuditAction.INCIDENT_ACT_REFUSED, AuditOutcome.DENIED, Actor.staff(staffRef))
                    .on(row.incident().reference()).because("residents not told: the breach is no longer assessed as high risk"));
            return 0;
        }
        Instant at = clock.instant();
        Map<String, Instant> already = breaches.told(row.id());
        int told = 0;
        int unreachable = 0;
        for (String residentRef : details.affectedResidents(row.id())) {
            if (already.containsKey(residentRef)) {
                continue;
            }
            // Accounts finds the address, and greets the resident by name only if they confirmed it (ADR 0014).
            Optional<String> email = residentEmails.emailResident(residentRef,
                    new ResidentEmail.BreachNotice(wording, row.incident().reference()));
            if (email.isEmpty()) {
                unreachable++;
                continue;
            }
            String sent = email.get();
            breaches.markTold(row.id(), residentRef, sent, at);
            audit.record(AuditEntry.of(AuditAction.BREACH_RESIDENT_TOLD, AuditOutcome.SUCCESS, Actor.staff(staffRef))
                    .about(residentRef).on(row.incident().reference()).because("email " + sent));
            told++;
        }
        timeline.append(row.id(), at, staffRef, TimelineEntry.Kind.RESIDENTS_TOLD, "Emailed " + told + " affected residents"
                + (unreachable == 0 ? "." : "; " + unreachable + " have no account to email and must be told another way."));
        incidents.touch(row.id(), at);
        return told;
    }
}
