package org.townhall.incidents;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import org.townhall.platform.ClockConfiguration;

/** Everything the register holds about one incident, as its page shows it. */
public record IncidentFile(Incident incident, List<TimelineEntry> timeline, List<Task> tasks,
                           List<Observable> observables, List<EvidenceLink> evidence,
                           List<ExternalReference> references, int affectedResidents) {

    /** Something to do by a date. */
    public record Task(String ref, String title, LocalDate dueOn, String createdBy, Instant doneAt, String doneBy) {
        public boolean done() {
            return doneAt != null;
        }

        public boolean overdue(LocalDate today) {
            return !done() && dueOn.isBefore(today);
        }
    }

    /** An address, account, domain, hash or URL, with the other incidents that share it. */
    public record Observable(String ref, ObservableKind kind, String value, String addedBy, Instant addedAt,
                             List<String> sharedWith) {
    }

    /** Where evidence about the incident is kept (a document store, a ticket, a case file). */
    public record EvidenceLink(String label, String location, String addedBy, Instant addedAt) {
    }

    /** A reference another body gave the council, with the date the council reported to it. */
    public record ExternalReference(ExternalBody body, String reference, LocalDate reportedOn, String addedBy) {
    }

    public ZonedDateTime openedLondon() {
        return incident.openedLondon();
    }
}
