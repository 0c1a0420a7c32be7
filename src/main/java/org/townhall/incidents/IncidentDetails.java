package org.townhall.incidents;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.incidents.store.IncidentDetailsStore;
import org.townhall.incidents.store.IncidentStore;
import org.townhall.incidents.store.TimelineStore;
import org.townhall.platform.ClockConfiguration;
import org.townhall.platform.PublicReferences;

/** What analysts add to an incident: tasks, observables, evidence links, other bodies' references. */
@Service
public class IncidentDetails {

    private final IncidentStore incidents;
    private final IncidentDetailsStore details;
    private final TimelineStore timeline;
    private final AuditTrail audit;
    private final Clock clock;

    IncidentDetails(IncidentStore incidents, IncidentDetailsStore details, TimelineStore timeline, AuditTrail audit, Clock clock) {
        this.incidents = incidents;
        this.details = details;
        this.timeline = timeline;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public IncidentOutcome addTask(String ref, String title, LocalDate dueOn, String staffRef) {
        if (IncidentRegister.blank(title) || title.trim().length() > 300) {
            return IncidentOutcome.refused("taskTitle", "Enter what needs doing, in 300 characters or fewer");
        }
        if (dueOn == null) {
            return IncidentOutcome.refused("dueOn", "Enter the date it is due, like 27 3 2027");
        }
        return act(ref, staffRef, AuditAction.INCIDENT_TASK_CHANGED, "task added", (id, now) -> {
            details.addTask(id, PublicReferences.next(), title.trim(), dueOn, staffRef, now);
            timeline.append(id, now, staffRef, TimelineEntry.Kind.TASK, "Task added, due " + dueOn + ": " + title.trim());
            return true;
        });
    }

    @Transactional
    public IncidentOutcome completeTask(String ref, String taskRef, String staffRef) {
        return act(ref, staffRef, AuditAction.INCIDENT_TASK_CHANGED, "task done", (id, now) -> {
            Optional<String> title = details.completeTask(id, taskRef, staffRef, now);
            title.ifPresent(t -> timeline.append(id, now, staffRef, TimelineEntry.Kind.TASK, "Task done: " + t));
            return title.isPresent();
        });
    }

    @Transactional
    public IncidentOutcome addObservable(String ref, ObservableKind kind, String value, String staffRef) {
        if (kind == null) {
            return IncidentOutcome.refused("observableKind", "Choose what kind of observable it is");
        }
        Optional<String> normal = kind.normalise(value);
        if (normal.isEmpty()) {
            return IncidentOutcome.refused("observableValue", kind.problem());
        }
        return act(ref, staffRef, AuditAction.INCIDENT_OBSERVABLE_ADDED, kind.name(), (id, now) -> {
            if (details.addObservable(id, PublicReferences.next(), kind, normal.get(), staffRef, now)) {
                timeline.append(id, now, staffRef, TimelineEntry.Kind.OBSERVABLE, kind.title() + " added: " + normal.get());
            }
            return true;
        });
    }

    @Transactional
    public IncidentOutcome addEvidenceLink(String ref, String label, String location, String staffRef) {
        if (IncidentRegister.blank(label) || label.trim().length() > 200) {
            return IncidentOutcome.refused("label", "Say what the evidence is, in 200 characters or fewer");
        }
        if (IncidentRegister.blank(location) || location.trim().length() > 2000 || location.trim().chars().anyMatch(c -> c < ' ')) {
            return IncidentOutcome.refused("location", "Enter where the evidence is kept (a web address, case file or store), "
                    + "in 2,000 characters or fewer");
        }
        return act(ref, staffRef, AuditAction.INCIDENT_EVIDENCE_LINKED, null, (id, now) -> {
            details.addEvidenceLink(id, label.trim(), location.trim(), staffRef, now);
            timeline.append(id, now, staffRef, TimelineEntry.Kind.EVIDENCE, "Evidence linked: " + label.trim() + " (" + location.trim() + ")");
            return true;
        });
    }

    @Transactional
    public IncidentOutcome addExternalReference(String ref, ExternalBody body, String reference, LocalDate reportedOn,
                                                String staffRef) {
        if (body == null) {
            return IncidentOutcome.refused("body", "Choose who the council reported it to");
        }
        if (IncidentRegister.blank(reference) || reference.trim().length() > 100) {
            return IncidentOutcome.refused("externalReference", "Enter the reference they gave, in 100 characters or fewer");
        }
        if (reportedOn == null || reportedOn.isAfter(LocalDate.now(clock.withZone(ClockConfiguration.LONDON)))) {
            return IncidentOutcome.refused("reportedOn", "Enter the date it was reported, today or earlier");
        }
        return act(ref, staffRef, AuditAction.INCIDENT_REFERENCE_ADDED, body.name(), (id, now) -> {
            details.addExternalReference(id, body, reference.trim(), reportedOn, staffRef, now);
            timeline.append(id, now, staffRef, TimelineEntry.Kind.EXTERNAL_REFERENCE,
                    body.title() + " reference " + reference.trim() + ", reported " + reportedOn);
            return true;
        });
    }

    /** The incidents that hold this observable, newest first, for "who else saw it". */
    public List<String> incidentsSharing(ObservableKind kind, String value) {
        return kind.normalise(value).map(v -> details.incidentsSharing(kind, v)).orElse(List.of());
    }

    private interface Act {
        boolean apply(long incidentId, Instant now);
    }

    private IncidentOutcome act(String ref, String staffRef, AuditAction action, String detail, Act act) {
        Optional<IncidentStore.Row> row = incidents.find(ref);
        if (row.isEmpty()) {
            return IncidentOutcome.NOT_FOUND;
        }
        Instant now = clock.instant();
        if (!act.apply(row.get().id(), now)) {
            return IncidentOutcome.refused("task", "That task is already done or is not on this incident");
        }
        incidents.touch(row.get().id(), now);
        audit.record(AuditEntry.of(action, AuditOutcome.SUCCESS, Actor.staff(staffRef)).on(row.get().incident().reference())
                .because(detail));
        return IncidentOutcome.DONE;
    }
}
