package org.townhall.incidents;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.accounts.StaffAccounts;
import org.townhall.accounts.StaffRole;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.incidents.store.IncidentDetailsStore;
import org.townhall.incidents.store.IncidentStore;
import org.townhall.incidents.store.TimelineStore;
import org.townhall.platform.PublicReferences;

/**
 * The register itself: staff report, analysts triage and change, every change goes on the
 * incident's timeline and into the audit trail in the same transaction. Who may call what is
 * decided at the door (pages and API); every method here names the staff member acting.
 */
@Service
public class IncidentRegister {

    /** Longer material belongs in an evidence link, not the timeline. */
    public static final int LONGEST_NOTE = 10_000;
    public static final int LIST_LIMIT = 200;

    private final IncidentStore incidents;
    private final TimelineStore timeline;
    private final IncidentDetailsStore details;
    private final StaffAccounts staff;
    private final AuditTrail audit;
    private final Clock clock;

    IncidentRegister(IncidentStore incidents, TimelineStore timeline, IncidentDetailsStore details, StaffAccounts staff,
                     AuditTrail audit, Clock clock) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.details = details;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a member of staff reported, in their own words. */
    public record Report(String title, String description, IncidentKind kind) {
    }

    /** A refusal, or the new incident's address reference and quoted reference. */
    public record Reported(IncidentOutcome outcome, String ref, String reference) {
    }

    @Transactional
    public Reported report(Report report, String staffRef) {
        Optional<IncidentOutcome> problem = problemWith(report);
        if (problem.isPresent()) {
            return new Reported(problem.get(), null, null);
        }
        Instant now = clock.instant();
        String ref = PublicReferences.next();
        String reference = IncidentReferences.next();
        long id = incidents.insert(ref, reference, report.title().trim(), report.description().trim(), report.kind(),
                Severity.MEDIUM, staffRef, null, now);
        timeline.append(id, now, staffRef, TimelineEntry.Kind.REPORTED,
                "Reported as " + report.kind().title().toLowerCase() + ": " + report.description().trim());
        audit.record(AuditEntry.of(AuditAction.INCIDENT_REPORTED, AuditOutcome.SUCCESS, Actor.staff(staffRef))
                .on(reference).because(report.kind().name()));
        return new Reported(IncidentOutcome.DONE, ref, reference);
    }

    @Transactional
    public List<Incident> list(IncidentStore.Filter filter, String staffRef) {
        audit.record(AuditEntry.of(AuditAction.INCIDENTS_LISTED, AuditOutcome.SUCCESS, Actor.staff(staffRef)));
        return incidents.list(filter, LIST_LIMIT);
    }

    @Transactional
    public Optional<IncidentFile> open(String ref, String staffRef) {
        Optional<IncidentStore.Row> row = incidents.find(ref);
        if (row.isEmpty()) {
            audit.record(AuditEntry.of(AuditAction.INCIDENT_VIEWED, AuditOutcome.FAILURE, Actor.staff(staffRef))
                    .onNamed(ref).because("no such incident"));
            return Optional.empty();
        }
        long id = row.get().id();
        audit.record(AuditEntry.of(AuditAction.INCIDENT_VIEWED, AuditOutcome.SUCCESS, Actor.staff(staffRef))
                .on(row.get().incident().reference()));
        return Optional.of(new IncidentFile(row.get().incident(), timeline.of(id), details.tasks(id), details.observables(id),
                details.evidence(id), details.references(id), details.affectedResidents(id).size()));
    }

    /**
     * Applies an analyst's edit if nobody else changed the incident since they read it. The
     * loser of two edits at once changes nothing and is told so; both attempts are audited.
     */
    @Transactional
    public IncidentOutcome change(String ref, IncidentEdit edit, String staffRef) {
        Optional<IncidentStore.Row> row = incidents.find(ref);
        if (row.isEmpty()) {
            return IncidentOutcome.NOT_FOUND;
        }
        Incident was = row.get().incident();
        Optional<IncidentOutcome> problem = problemWith(was, edit);
        if (problem.isPresent()) {
            if ("status".equals(problem.get().field())) {
                // The page offers only the table's moves: another one is a tampered form, kept on record.
                audit.record(AuditEntry.of(AuditAction.INCIDENT_ACT_REFUSED, AuditOutcome.DENIED, Actor.staff(staffRef))
                        .on(was.reference()).because(truncate("change refused: " + problem.get().message())));
            }
            return problem.get();
        }
        Instant now = clock.instant();
        Incident changed = applied(was, edit, now);
        List<String> differences = differences(was, changed);
        if (differences.isEmpty() && blank(edit.reason())) {
            return IncidentOutcome.DONE;
        }
        if (!incidents.update(row.get().id(), edit.version(), changed, now)) {
            audit.record(AuditEntry.of(AuditAction.INCIDENT_EDIT_CONFLICT, AuditOutcome.DENIED, Actor.staff(staffRef))
                    .on(was.reference()).because("edit of version " + edit.version() + " refused: it had moved on"));
            return IncidentOutcome.CONFLICT;
        }
        String body = String.join("; ", differences) + (blank(edit.reason()) ? "" : (differences.isEmpty() ? "" : ". ")
                + "Reason: " + edit.reason().trim());
        timeline.append(row.get().id(), now, staffRef, TimelineEntry.Kind.CHANGE, body);
        audit.record(AuditEntry.of(AuditAction.INCIDENT_CHANGED, AuditOutcome.SUCCESS, Actor.staff(staffRef))
                .on(was.reference()).because(truncate("version " + edit.version() + ": " + describeForAudit(was, changed))));
        return IncidentOutcome.DONE;
    }

    @Transactional
    public IncidentOutcome addNote(String ref, String text, String staffRef) {
        if (blank(text)) {
            return IncidentOutcome.refused("note", "Enter the note");
        }
        if (text.length() > LONGEST_NOTE) {
            return IncidentOutcome.refused("note", "A note must be " + String.format("%,d", LONGEST_NOTE)
                    + " characters or fewer. Put longer material somewhere safe and add it as an evidence link");
        }
        Optional<IncidentStore.Row> row = incidents.find(ref);
        if (row.isEmpty()) {
            return IncidentOutcome.NOT_FOUND;
        }
        Instant now = clock.instant();
        timeline.append(row.get().id(), now, staffRef, TimelineEntry.Kind.NOTE, text.trim());
        incidents.touch(row.get().id(), now);
        audit.record(AuditEntry.of(AuditAction.INCIDENT_NOTE_ADDED, AuditOutcome.SUCCESS, Actor.staff(staffRef))
                .on(row.get().incident().reference()));
        return IncidentOutcome.DONE;
    }

    /** The security analysts an incident can be given to. */
    public List<Owner> possibleOwners() {
        return staff.all().stream().filter(s -> s.roles().contains(StaffRole.SECURITY_ANALYST))
                .map(s -> new Owner(s.ref(), s.fullName())).toList();
    }

    public record Owner(String ref, String name) {
    }

    private Optional<IncidentOutcome> problemWith(Report report) {
        if (report.kind() == null) {
            return Optional.of(IncidentOutcome.refused("kind", "Choose what kind of incident it is"));
        }
        if (blank(report.title()) || report.title().trim().length() > 200) {
            return Optional.of(IncidentOutcome.refused("title", "Enter a short title of 200 characters or fewer"));
        }
        if (blank(report.description())) {
            return Optional.of(IncidentOutcome.refused("description", "Describe what happened"));
        }
        if (report.description().length() > LONGEST_NOTE) {
            return Optional.of(IncidentOutcome.refused("description", "The description must be "
                    + String.format("%,d", LONGEST_NOTE) + " characters or fewer"));
        }
        return Optional.empty();
    }

    private Optional<IncidentOutcome> problemWith(Incident was, IncidentEdit edit) {
        if (edit.title() != null && (edit.title().isBlank() || edit.title().trim().length() > 200)) {
            return Optional.of(IncidentOutcome.refused("title", "Enter a short title of 200 characters or fewer"));
        }
        if (edit.status() != null && edit.status() != was.status() && !was.status().mayMoveTo(edit.status())) {
            return Optional.of(IncidentOutcome.refused("status", "An incident in " + was.status().title().toLowerCase()
                    + " cannot move to " + edit.status().title().toLowerCase()));
        }
        // A closed incident stays as it was closed (the committee's report counted it so) until
        // it is reopened into triage; notes and references can still be added to its timeline.
        if (was.status() == IncidentStatus.CLOSED && edit.status() != IncidentStatus.TRIAGE
                && !differences(was, applied(was, edit, was.openedAt())).isEmpty()) {
            return Optional.of(IncidentOutcome.refused("status", "This incident is closed: reopen it into triage to change it"));
        }
        if (edit.ownerRef() != null && !edit.ownerRef().isBlank()
                && possibleOwners().stream().noneMatch(o -> o.ref().equals(edit.ownerRef()))) {
            return Optional.of(IncidentOutcome.refused("owner", "Choose a security analyst as the owner"));
        }
        if (edit.reason() != null && edit.reason().length() > LONGEST_NOTE) {
            return Optional.of(IncidentOutcome.refused("reason", "The reason must be " + String.format("%,d", LONGEST_NOTE)
                    + " characters or fewer"));
        }
        return Optional.empty();
    }

    private static Incident applied(Incident was, IncidentEdit edit, Instant now) {
        IncidentStatus status = edit.status() == null ? was.status() : edit.status();
        Instant contained = was.containedAt() == null && status == IncidentStatus.CONTAINED ? now : was.containedAt();
        Instant closed = status == IncidentStatus.CLOSED ? (was.closedAt() == null ? now : was.closedAt()) : null;
        String owner = edit.ownerRef() == null ? was.ownerRef() : (edit.ownerRef().isBlank() ? null : edit.ownerRef());
        return new Incident(was.ref(), was.reference(), edit.title() == null ? was.title() : edit.title().trim(),
                was.description(), edit.kind() == null ? was.kind() : edit.kind(),
                edit.category() == null ? was.category() : edit.category(),
                edit.severity() == null ? was.severity() : edit.severity(), status, owner, was.reportedBy(), was.detectedBy(),
                was.openedAt(), contained, closed, was.version());
    }

    private List<String> differences(Incident was, Incident now) {
        List<String> lines = new ArrayList<>();
        if (!was.title().equals(now.title())) {
            lines.add("Title: " + was.title() + " → " + now.title());
        }
        if (was.kind() != now.kind()) {
            lines.add("Kind: " + was.kind().title() + " → " + now.kind().title());
        }
        if (was.category() != now.category()) {
            lines.add("NCSC category: " + (was.category() == null ? "none" : was.category().label()) + " → " + now.category().label());
        }
        if (was.severity() != now.severity()) {
            lines.add("Severity: " + was.severity().title() + " → " + now.severity().title());
        }
        if (was.status() != now.status()) {
            lines.add("Status: " + was.status().title() + " → " + now.status().title());
        }
        if (!Objects.equals(was.ownerRef(), now.ownerRef())) {
            lines.add("Owner: " + (was.ownerRef() == null ? "nobody" : was.ownerRef()) + " → "
                    + (now.ownerRef() == null ? "nobody" : now.ownerRef()));
        }
        return lines;
    }

    /** Codes only: titles are free text and stay out of the audit trail. */
    private static String describeForAudit(Incident was, Incident now) {
        return "status " + was.status() + ">" + now.status() + " severity " + was.severity() + ">" + now.severity()
                + " category " + (now.category() == null ? "-" : now.category().number()) + " kind " + now.kind();
    }

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String truncate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500);
    }
}
