package org.townhall.continuity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.continuity.store.MaintenanceStore;
import org.townhall.continuity.store.MaintenanceStore.WindowRow;
import org.townhall.platform.PublicReferences;

/**
 * Planned maintenance: announced on the banner a week ahead, then the service is switched off
 * when the window starts and back on when it ends, every minute checked by one instance (row
 * locks with SKIP LOCKED), so deadlines it swallows move like those of any outage.
 */
@Service
public class PlannedMaintenance {

    /** Residents see planned maintenance on the banner from a week before it starts. */
    static final Duration ANNOUNCE_AHEAD = Duration.ofDays(7);
    static final String SCHEDULER = "planned-maintenance";

    private static final Duration FRESH_FOR = Duration.ofSeconds(10);

    private record Announced(List<MaintenanceWindow> windows, Instant readAt) {
    }

    private volatile Announced announced = new Announced(List.of(), Instant.EPOCH);
    private final MaintenanceStore store;
    private final ServiceSwitches switches;
    private final AuditTrail audit;
    private final Clock clock;

    PlannedMaintenance(MaintenanceStore store, ServiceSwitches switches, AuditTrail audit, Clock clock) {
        this.store = store;
        this.switches = switches;
        this.audit = audit;
        this.clock = clock;
    }

    /** Announces a window; refuses one that starts in the past or ends before it starts. */
    @Transactional
    public String plan(ResidentService service, Instant startsAt, Instant endsAt, String message, String managerRef) {
        if (!endsAt.isAfter(startsAt)) {
            return "The end must be after the start";
        }
        if (!startsAt.isAfter(clock.instant())) {
            return "The start must be in the future";
        }
        String ref = PublicReferences.next();
        store.add(ref, service, startsAt, endsAt, message == null || message.isBlank() ? null : message.trim(), managerRef);
        audit.record(AuditEntry.of(AuditAction.MAINTENANCE_PLANNED, AuditOutcome.SUCCESS, Actor.staff(managerRef))
                .on(service.name()).because(startsAt + " to " + endsAt));
        announced = new Announced(List.of(), Instant.EPOCH);
        return null;
    }

    /** Windows still to come or under way, soonest first. */
    public List<MaintenanceWindow> pending() {
        return store.pending().stream().map(PlannedMaintenance::toWindow).toList();
    }

    /**
     * What the banner announces now: windows starting within a week that have not started. Read
     * at most every ten seconds per instance, as every page shows it.
     */
    public List<MaintenanceWindow> announced() {
        Instant now = clock.instant();
        Announced seen = announced;
        if (seen.readAt().plus(FRESH_FOR).isBefore(now) || seen.readAt().isAfter(now)) {
            seen = new Announced(store.pending().stream().filter(w -> !w.started()).map(PlannedMaintenance::toWindow).toList(), now);
            announced = seen;
        }
        return seen.windows().stream().filter(w -> w.startsAt().isAfter(now) && w.startsAt().isBefore(now.plus(ANNOUNCE_AHEAD))).toList();
    }

    @Scheduled(fixedDelay = 60_000, initialDelay = 30_000)
    @Transactional
    public void applyDueWindows() {
        Instant now = clock.instant();
        for (WindowRow window : store.dueToEnd(now)) {
            switches.switchTo(window.service(), ServiceState.ON, null, SCHEDULER);
            store.markEnded(window.ref());
        }
        for (WindowRow window : store.dueToStart(now)) {
            MaintenanceWindow planned = toWindow(window);
            switches.switchTo(planned.service(), ServiceState.OFF, planned.announcement(), SCHEDULER);
            store.markStarted(window.ref());
            if (!window.endsAt().isAfter(now)) {
                switches.switchTo(planned.service(), ServiceState.ON, null, SCHEDULER);
                store.markEnded(window.ref());
            }
        }
    }

    private static MaintenanceWindow toWindow(WindowRow row) {
        return new MaintenanceWindow(row.ref(), row.service(), row.startsAt(), row.endsAt(), row.message());
    }
}
