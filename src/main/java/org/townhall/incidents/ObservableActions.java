package org.townhall.incidents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditInvestigations;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditQuery;
import org.townhall.audit.AuditRecord;
import org.townhall.audit.AuditTrail;
import org.townhall.audit.BlastRadius;
import org.townhall.incidents.store.IncidentDetailsStore;
import org.townhall.incidents.store.IncidentStore;
import org.townhall.incidents.store.TimelineStore;
import org.townhall.platform.ClockConfiguration;
import org.townhall.shield.AddressRules;
import org.townhall.shield.BlockLimits;

/**
 * What an analyst does from an observable: ask the audit trail about it (the search and the
 * blast-radius question, answers kept on the incident) and block an address in the shield.
 */
@Service
public class ObservableActions {

    /** Without a window, the question covers the 30 days before the incident was opened and since. */
    static final Duration LOOK_BACK = Duration.ofDays(30);

    private final IncidentStore incidents;
    private final IncidentDetailsStore details;
    private final TimelineStore timeline;
    private final BlastRadiusRecorder recorder;
    private final AuditInvestigations investigations;
    private final AddressRules addressRules;
    private final AuditTrail audit;
    private final Clock clock;

    ObservableActions(IncidentStore incidents, IncidentDetailsStore details, TimelineStore timeline, BlastRadiusRecorder recorder,
                      AuditInvestigations investigations, AddressRules addressRules, AuditTrail audit, Clock clock) {
        this.incidents = incidents;
        this.details = details;
        this.timeline = timeline;
        this.recorder = recorder;
        this.investigations = investigations;
        this.addressRules = addressRules;
        this.audit = audit;
        this.clock = clock;
    }

    /** Runs the audit search and the blast-radius question on an address or account and keeps both answers. */
    @Transactional
    public IncidentOutcome investigate(String ref, String observableRef, String staffRef) {
        Optional<IncidentStore.Row> row = incidents.find(ref);
        if (row.isEmpty()) {
            return IncidentOutcome.NOT_FOUND;
        }
        Optional<IncidentDetailsStore.ObservableRow> observable = details.observable(row.get().id(), observableRef);
        if (observable.isEmpty()) {
            return IncidentOutcome.refused("observable", "That observable is not on this incident");
        }
        ObservableKind kind = observable.get().kind();
        if (kind != ObservableKind.ADDRESS && kind != ObservableKind.ACCOUNT) {
            return IncidentOutcome.refused("observable", "The audit trail records addresses and accounts: "
                    + "ask it about one of those");
        }
        Instant from = row.get().incident().openedAt().minus(LOOK_BACK);
        String value = observable.get().value();
        AuditInvestigations.Outcome<AuditQuery> query = investigations.query(kind == ObservableKind.ACCOUNT ? value : null, null,
                kind == ObservableKind.ADDRESS ? value : null, null, london(from), null);
        if (query.error() != null) {
            return IncidentOutcome.refused("observable", query.error());
        }
        Instant now = clock.instant();
        long id = row.get().id();
        List<AuditRecord> found = investigations.search(query.value(), staffRef);
        timeline.append(id, now, staffRef, TimelineEntry.Kind.AUDIT_SEARCH, searchSummary(kind, value, from, found));
        BlastRadius radius = investigations.blastRadius(query.value(), staffRef);
        recorder.keep(id, kind.title().toLowerCase() + " " + value + " since " + london(from).replace('T', ' '), radius, staffRef);
        incidents.touch(id, now);
        audit.record(AuditEntry.of(AuditAction.INCIDENT_INVESTIGATED, AuditOutcome.SUCCESS, Actor.staff(staffRef))
                .on(row.get().incident().reference()).because(kind.name() + " " + radius.people() + " people"));
        return IncidentOutcome.DONE;
    }

    /** Blocks an address or range in the shield for a number of hours, the rule naming the incident. */
    @Transactional
    public IncidentOutcome block(String ref, String observableRef, long hours, String reason, String staffRef) {
        return block(ref, observableRef, hours, reason, staffRef, null);
    }

    /**
     * As {@link #block(String, String, long, String, String)}, refusing also a range that holds
     * {@code clientAddress}, the address the analyst is using now: the shield would lock them out.
     */
    @Transactional
    public IncidentOutcome block(String ref, String observableRef, long hours, String reason, String staffRef, String clientAddress) {
        Optional<IncidentStore.Row> row = incidents.find(ref);
        if (row.isEmpty()) {
            return IncidentOutcome.NOT_FOUND;
        }
        Optional<IncidentDetailsStore.ObservableRow> observable = details.observable(row.get().id(), observableRef);
        if (observable.isEmpty() || observable.get().kind() != ObservableKind.ADDRESS) {
            return IncidentOutcome.refused("observable", "Only an address or range on this incident can be blocked");
        }
        if (hours < 1 || hours > AddressRules.LONGEST.toHours()) {
            return IncidentOutcome.refused("hours", "Enter how many hours the block lasts, from 1 to " + AddressRules.LONGEST.toHours());
        }
        if (IncidentRegister.blank(reason) || reason.trim().length() > 250) {
            return IncidentOutcome.refused("blockReason", "Enter why it is blocked, in 250 characters or fewer");
        }
        String reference = row.get().incident().reference();
        Optional<String> tooWide = BlockLimits.problemWith(observable.get().value(), clientAddress);
        if (tooWide.isPresent()) {
            audit.record(AuditEntry.of(AuditAction.INCIDENT_ACT_REFUSED, AuditOutcome.DENIED, Actor.staff(staffRef))
                    .on(reference).because("block of " + observable.get().value() + " refused: " + tooWide.get()));
            return IncidentOutcome.refused("observable", tooWide.get());
        }
        Optional<String> rule = addressRules.add(AddressRules.Kind.BLOCK, observable.get().value(),
                reference + ": " + reason.trim(), Duration.ofHours(hours), staffRef);
        if (rule.isEmpty()) {
            return IncidentOutcome.refused("observable", "The shield did not accept that block");
        }
        Instant now = clock.instant();
        timeline.append(row.get().id(), now, staffRef, TimelineEntry.Kind.ADDRESS_BLOCKED, "Blocked " + observable.get().value()
                + " in the shield until " + london(now.plus(Duration.ofHours(hours))).replace('T', ' ') + " (London time): " + reason.trim());
        incidents.touch(row.get().id(), now);
        return IncidentOutcome.DONE;
    }

    private static String searchSummary(ObservableKind kind, String value, Instant from, List<AuditRecord> found) {
        Map<String, Long> byAction = found.stream().collect(Collectors.groupingBy(r -> r.action().code(), TreeMap::new, Collectors.counting()));
        String counts = byAction.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return "Audit search for " + kind.title().toLowerCase() + " " + value + " since " + london(from).replace('T', ' ')
                + " (London time): " + found.size() + (found.size() >= AuditTrail.PAGE_LIMIT ? " or more" : "") + " events"
                + (counts.isEmpty() ? "." : " (" + counts + ").");
    }

    private static String london(Instant instant) {
        return LocalDateTime.ofInstant(instant, ClockConfiguration.LONDON).withNano(0).toString();
    }
}
