package org.townhall.incidents;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.incidents.store.BreachStore;
import org.townhall.incidents.store.IncidentDetailsStore;
import org.townhall.incidents.store.IncidentStore;
import org.townhall.incidents.store.TimelineStore;

/**
 * Personal data breaches (UK GDPR Art 33): the assessment, kept for every breach whether or
 * not the ICO is told (Art 33(5)); the 72-hour clock; notifications to the ICO in phases, a late
 * one only with the reasons for the delay (Art 33(1)).
 */
@Service
public class Breaches {

    private static final int LONG_TEXT = 5000;

    private final IncidentStore incidents;
    private final BreachStore breaches;
    private final IncidentDetailsStore details;
    private final TimelineStore timeline;
    private final AuditTrail audit;
    private final Clock clock;

    Breaches(IncidentStore incidents, BreachStore breaches, IncidentDetailsStore details, TimelineStore timeline, AuditTrail audit,
             Clock clock) {
        this.incidents = incidents;
        this.breaches = breaches;
        this.details = details;
        this.timeline = timeline;
        this.audit = audit;
        this.clock = clock;
    }

    /** Records (or revises) the assessment. {@code awareAt} null means when the incident was opened. */
    @Transactional
    public IncidentOutcome assess(String ref, BreachAssessment given, String staffRef) {
        Optional<IncidentStore.Row> row = incidents.find(ref);
        if (row.isEmpty()) {
            return IncidentOutcome.NOT_FOUND;
        }
        Instant now = clock.instant();
        Instant aware = given.awareAt() == null ? row.get().incident().openedAt() : given.awareAt();
        Optional<IncidentOutcome> problem = problemWith(given, aware, now);
        if (problem.isPresent()) {
            return problem.get();
        }
        BreachAssessment kept = new BreachAssessment(given.personalDataBreach(), aware, given.nature().trim(),
                trim(given.peopleCategories()), given.peopleCount(), trim(given.recordCategories()), given.recordCount(),
                trim(given.consequences()), trim(given.measures()), trim(given.dpoContact()),
                given.personalDataBreach() ? given.risk() : BreachRisk.NONE, given.personalDataBreach() && given.notifyIco(),
                trim(given.notNotifyingReason()), staffRef, now);
        breaches.save(row.get().id(), kept);
        timeline.append(row.get().id(), now, staffRef, TimelineEntry.Kind.BREACH, describe(kept));
        incidents.touch(row.get().id(), now);
        audit.record(AuditEntry.of(AuditAction.BREACH_ASSESSED, AuditOutcome.SUCCESS, Actor.staff(staffRef))
                .on(row.get().incident().reference())
                .because(kept.personalDataBreach() ? "breach risk " + kept.risk() + (kept.notifyIco() ? " notify" : " not notified")
                        : "not a personal data breach"));
        return IncidentOutcome.DONE;
    }

    public Optional<BreachFile> file(String ref) {
        return incidents.find(ref).flatMap(row -> breaches.assessment(row.id()).map(a -> {
            List<IcoNotification> sent = breaches.notifications(row.id());
            Instant initial = sent.stream().filter(n -> n.phase() == IcoNotification.Phase.INITIAL).map(IcoNotification::sentAt)
                    .findFirst().orElse(null);
            return new BreachFile(a, new BreachClock(a.awareAt(), initial, clock.instant()), sent,
                    breaches.noticeWording(row.id()).orElse(null), details.affectedResidents(row.id()).size(),
                    breaches.told(row.id()).size());
        }));
    }

    /** What the ICO notification draft is made from; asking for it is audited (it holds personal data counts and facts). */
    @Transactional
    public Optional<Draft> draft(String ref, String staffRef) {
        Optional<IncidentStore.Row> row = incidents.find(ref);
        Optional<BreachFile> file = file(ref);
        if (row.isEmpty() || file.isEmpty() || !file.get().assessment().personalDataBreach()) {
            return Optional.empty();
        }
        audit.record(AuditEntry.of(AuditAction.BREACH_DRAFT_DOWNLOADED, AuditOutcome.SUCCESS, Actor.staff(staffRef))
                .on(row.get().incident().reference()));
        return Optional.of(new Draft(row.get().incident(), file.get(), details.references(row.get().id())));
    }

    /** An incident and its breach file, as the ICO draft sets them out. */
    public record Draft(Incident incident, BreachFile breach, List<IncidentFile.ExternalReference> references) {
    }

    /** The running 72-hour clocks of these incidents (by address reference), for the register's list. */
    public Map<String, BreachClock> clocks(List<String> refs) {
        Instant now = clock.instant();
        return breaches.clocked(refs).stream().collect(Collectors.toMap(BreachStore.Clocked::ref,
                c -> new BreachClock(c.awareAt(), c.notifiedAt(), now)));
    }

    /** Records a notification made to the ICO: the initial one once, then any follow-ups. */
    @Transactional
    public IncidentOutcome notifyIco(String ref, IcoNotification.Phase phase, Instant sentAt, String icoReference, String summary,
                                     String lateReasons, String staffRef) {
        Optional<IncidentStore.Row> row = incidents.find(ref);
        if (row.isEmpty()) {
            return IncidentOutcome.NOT_FOUND;
        }
        Optional<BreachFile> file = file(ref);
        Instant now = clock.instant();
        if (file.isEmpty() || !file.get().assessment().personalDataBreach()) {
            return IncidentOutcome.refused("phase", "Assess the incident as a personal data breach first");
        }
        boolean initialSent = file.get().clock().notified();
        if (phase == null || (phase == IcoNotification.Phase.INITIAL) == initialSent) {
            return IncidentOutcome.refused("phase", initialSent ? "The initial notification is recorded: add a follow-up"
                    : "Record the initial notification first");
        }
        if (sentAt == null || sentAt.isAfter(now) || sentAt.isBefore(file.get().assessment().awareAt())) {
            return IncidentOutcome.refused("sentAt", "Enter when it was sent, no earlier than when the council became aware and no later than now");
        }
        if (IncidentRegister.blank(summary) || summary.length() > LONG_TEXT) {
            return IncidentOutcome.refused("summary", "Say what was sent, in 5,000 characters or fewer");
        }
        if (icoReference != null && icoReference.trim().length() > 100) {
            return IncidentOutcome.refused("icoReference", "The ICO's reference must be 100 characters or fewer");
        }
        boolean late = phase == IcoNotification.Phase.INITIAL && file.get().clock().lateAt(sentAt);
        if (late && (IncidentRegister.blank(lateReasons) || lateReasons.length() > LONG_TEXT)) {
            return IncidentOutcome.refused("lateReasons", "This notification was more than 72 hours after the council became aware: "
                    + "give the reasons for the delay (UK GDPR Article 33(1))");
        }
        breaches.addNotification(row.get().id(), new IcoNotification(phase, sentAt, trim(icoReference), summary.trim(),
                late ? lateReasons.trim() : null, staffRef), now);
        timeline.append(row.get().id(), now, staffRef, TimelineEntry.Kind.ICO_NOTIFICATION,
                (phase == IcoNotification.Phase.INITIAL ? "Initial" : "Follow-up") + " notification to the ICO sent "
                        + sentAt.atZone(org.townhall.platform.ClockConfiguration.LONDON).toLocalDateTime().withNano(0)
                        + " (London time)" + (late ? ", late. Reasons for the delay: " + lateReasons.trim() : "")
                        + ". " + summary.trim());
        incidents.touch(row.get().id(), now);
        audit.record(AuditEntry.of(AuditAction.BREACH_ICO_NOTIFIED, AuditOutcome.SUCCESS, Actor.staff(staffRef))
                .on(row.get().incident().reference()).because(phase + (late ? " late" : " in time")));
        return IncidentOutcome.DONE;
    }

    private Optional<IncidentOutcome> problemWith(BreachAssessment given, Instant aware, Instant now) {
        if (aware.isAfter(now)) {
            return Optional.of(IncidentOutcome.refused("awareAt", "When the council became aware must be now or earlier"));
        }
        if (IncidentRegister.blank(given.nature()) || given.nature().length() > LONG_TEXT) {
            return Optional.of(IncidentOutcome.refused("nature", "Describe the nature of what happened, in 5,000 characters or fewer"));
        }
        for (String text : new String[] {given.peopleCategories(), given.recordCategories(), given.consequences(), given.measures(),
                given.notNotifyingReason()}) {
            if (text != null && text.length() > LONG_TEXT) {
                return Optional.of(IncidentOutcome.refused("nature", "Each answer must be 5,000 characters or fewer"));
            }
        }
        if (given.dpoContact() != null && given.dpoContact().length() > 500) {
            return Optional.of(IncidentOutcome.refused("dpoContact", "The contact must be 500 characters or fewer"));
        }
        if ((given.peopleCount() != null && given.peopleCount() < 0) || (given.recordCount() != null && given.recordCount() < 0)) {
            return Optional.of(IncidentOutcome.refused("peopleCount", "Numbers of people and records cannot be negative"));
        }
        if (given.personalDataBreach() && given.risk() == null) {
            return Optional.of(IncidentOutcome.refused("risk", "Choose the risk to people"));
        }
        boolean mustNotify = given.personalDataBreach() && given.risk() != BreachRisk.NONE;
        if (mustNotify && !given.notifyIco()) {
            return Optional.of(IncidentOutcome.refused("notifyIco", "A breach likely to result in a risk to people must be "
                    + "notified to the ICO (UK GDPR Article 33(1))"));
        }
        if (!(given.personalDataBreach() && given.notifyIco()) && IncidentRegister.blank(given.notNotifyingReason())) {
            return Optional.of(IncidentOutcome.refused("notNotifyingReason", given.personalDataBreach()
                    ? "Give the reasons for not notifying the ICO: they are kept with the breach (UK GDPR Article 33(5))"
                    : "Say why this is not a personal data breach"));
        }
        return Optional.empty();
    }

    private static String describe(BreachAssessment a) {
        if (!a.personalDataBreach()) {
            return "Assessed: not a personal data breach. " + a.notNotifyingReason();
        }
        return "Assessed: personal data breach; " + a.risk().title().toLowerCase() + ". "
                + (a.notifyIco() ? "The ICO is to be notified within 72 hours of "
                + a.awareAt().atZone(org.townhall.platform.ClockConfiguration.LONDON).toLocalDateTime().withNano(0) + " (London time)."
                : "The ICO is not to be notified: " + a.notNotifyingReason());
    }

    private static String trim(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
