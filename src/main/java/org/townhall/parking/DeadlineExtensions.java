package org.townhall.parking;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.accounts.ResidentAccounts;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.continuity.ResidentService;
import org.townhall.continuity.ServiceOutageEnded;
import org.townhall.notifications.NotificationTemplate;
import org.townhall.notifications.Notifier;
import org.townhall.parking.store.PcnStore;
import org.townhall.parking.store.PcnStore.PcnRow;
import org.townhall.platform.ClockConfiguration;

/**
 * When an outage of a service residents use to pay or challenge a parking fine ends, every open
 * PCN with a deadline inside the outage or the grace period after it gets that time back: the
 * length of the outage in days plus the grace. Each resident affected is told, and each move is
 * audited. A PCN is extended at most once per outage, and days already given for an overlapping
 * outage are not given twice.
 */
@Service
public class DeadlineExtensions {

    private static final Set<ResidentService> PARKING_SERVICES =
            Set.of(ResidentService.PCN_VIEWER, ResidentService.CHALLENGES, ResidentService.PCN_PAYMENTS);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm");

    private final PcnStore pcns;
    private final ParkingFines fines;
    private final ResidentAccounts residents;
    private final Notifier notifier;
    private final AuditTrail audit;
    private final Clock clock;
    private final int graceDays;
    private final String baseUrl;

    DeadlineExtensions(PcnStore pcns, ParkingFines fines, ResidentAccounts residents, Notifier notifier, AuditTrail audit,
                       Clock clock, @Value("${townhall.continuity.grace:P2D}") Duration grace,
                       @Value("${townhall.base-url}") String baseUrl) {
        this.pcns = pcns;
        this.fines = fines;
        this.residents = residents;
        this.notifier = notifier;
        this.audit = audit;
        this.clock = clock;
        this.graceDays = (int) grace.toDays();
        this.baseUrl = baseUrl;
    }

    /** Handled after the switch commits, in its own transaction; the event registry retries it after a crash. */
    @ApplicationModuleListener
    void on(ServiceOutageEnded outage) {
        extendFor(outage);
    }

    /** Extends every PCN whose deadline the outage swallowed; returns how many were extended. */
    @Transactional
    public int extendFor(ServiceOutageEnded outage) {
        if (!PARKING_SERVICES.contains(outage.service())) {
            return 0;
        }
        LocalDate start = outage.firstDay();
        LocalDate end = outage.lastDay();
        int extended = 0;
        List<PcnRow> open = pcns.open();
        // Three queries for every open PCN together, not two each: a borough has tens of thousands.
        Map<Long, Timeline.Facts> factsOf = fines.factsOfOpen(open);
        for (PcnRow pcn : open) {
            Timeline.Facts facts = factsOf.get(pcn.id());
            boolean swallowed = Timeline.residentDeadlines(facts, start).stream()
                    .anyMatch(deadline -> outage.swallowed(deadline, graceDays));
            if (!swallowed) {
                continue;
            }
            // Two outages ending together are handled on two threads: the row lock makes the second
            // see the first one's window, so overlapping days are given once.
            pcns.lockById(pcn.id());
            int days = ServiceOutageEnded.daysToGiveBack(start, end, pcns.extensionWindows(pcn.id()), graceDays);
            if (pcns.addExtension(pcn.id(), outage.outageRef(), start, end, days, clock.instant()) && days > 0) {
                extended++;
                tell(pcn, outage, days);
            }
        }
        return extended;
    }

    /** Everyone who saved the PCN is told: the new dates are what its look-up shows anyone. */
    private void tell(PcnRow pcn, ServiceOutageEnded outage, int days) {
        List<String> savers = pcns.savedBy(pcn.id());
        for (String saver : savers.isEmpty() ? Collections.<String>singletonList(null) : savers) {
            audit.record(AuditEntry.of(AuditAction.DEADLINE_EXTENDED, AuditOutcome.SUCCESS, Actor.system())
                    .about(saver).on(pcn.number()).because(days + " days for outage " + outage.outageRef()));
        }
        savers.forEach(saver -> tell(saver, pcn, outage, days));
    }

    private void tell(String saver, PcnRow pcn, ServiceOutageEnded outage, int days) {
        residents.profile(saver).ifPresent(r -> notifier.sendEmail(NotificationTemplate.DEADLINE_EXTENDED, r.email(),
                Map.of("name", r.fullName(), "service", outage.service().title().toLowerCase(), "pcn", pcn.number(),
                        "from", WHEN.format(outage.startedAt().atZone(ClockConfiguration.LONDON)),
                        "to", WHEN.format(outage.endedAt().atZone(ClockConfiguration.LONDON)),
                        "days", Integer.toString(days), "link", baseUrl + "/parking/pcn/" + pcn.ref())));
    }
}
