package org.townhall.continuity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.continuity.store.SwitchStore;
import org.townhall.continuity.store.SwitchStore.SwitchRow;
import org.townhall.platform.PublicReferences;

/**
 * The switches, read on every request to a switchable page. They are kept for two seconds per
 * instance, so a flood of requests costs no database reads, and a change reaches every instance
 * within two seconds.
 */
@Service
public class ServiceSwitches {

    private static final Duration FRESH_FOR = Duration.ofSeconds(2);

    private final SwitchStore store;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Instant.EPOCH);

    private record Snapshot(Map<ResidentService, ServiceStatus> statuses, Instant readAt) {
    }

    ServiceSwitches(SwitchStore store, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public ServiceStatus statusOf(ResidentService service) {
        return current().get(service);
    }

    /** Every service and its state, in the order residents see them. */
    public List<ServiceStatus> all() {
        Map<ResidentService, ServiceStatus> statuses = current();
        return Arrays.stream(ResidentService.values()).map(statuses::get).toList();
    }

    /** The services that are not working normally. */
    public List<ServiceStatus> disrupted() {
        return all().stream().filter(s -> !s.on()).toList();
    }

    /**
     * A service manager switches a service; residents are told with {@code message}. Switching
     * off or to read only opens an outage; switching back on ends it and publishes
     * {@link ServiceOutageEnded}, in the same transaction, so the deadlines it swallowed move.
     */
    @Transactional
    public void switchTo(ResidentService service, ServiceState state, String message, String managerRef) {
        Instant now = clock.instant();
        String text = message == null || message.isBlank() ? null : message.trim();
        store.set(service, state, state == ServiceState.ON ? null : text, now, managerRef);
        if (state == ServiceState.ON) {
            store.closeOutage(service, now).ifPresent(outage ->
                    events.publishEvent(new ServiceOutageEnded(outage.ref(), service, outage.startedAt(), outage.endedAt())));
        } else {
            store.openOutage(PublicReferences.next(), service, now);
        }
        audit.record(AuditEntry.of(AuditAction.SERVICE_SWITCHED, AuditOutcome.SUCCESS, Actor.staff(managerRef))
                .on(service.name()).because(state.name()));
        events.publishEvent(new ServiceStateChanged(service, state, state == ServiceState.ON ? null : text, now));
        snapshot = new Snapshot(Map.of(), Instant.EPOCH);
    }

    /** Recent changes, newest first, for the status page. */
    public List<ServiceStatus> history(int limit) {
        return store.history(limit).stream().map(ServiceSwitches::toStatus).toList();
    }

    private Map<ResidentService, ServiceStatus> current() {
        Snapshot seen = snapshot;
        Instant now = clock.instant();
        if (seen.readAt().plus(FRESH_FOR).isAfter(now) && !seen.statuses().isEmpty()) {
            return seen.statuses();
        }
        Map<ResidentService, ServiceStatus> statuses = new EnumMap<>(ResidentService.class);
        for (ResidentService service : ResidentService.values()) {
            statuses.put(service, new ServiceStatus(service, ServiceState.ON, null, null));
        }
        for (SwitchRow row : store.current()) {
            statuses.put(row.service(), toStatus(row));
        }
        snapshot = new Snapshot(Map.copyOf(statuses), now);
        return statuses;
    }

    private static ServiceStatus toStatus(SwitchRow row) {
        return new ServiceStatus(row.service(), row.state(), row.message(), row.changedAt());
    }
}
