package org.townhall.parking;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.townhall.accounts.ResidentEmails;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.continuity.OutageDeadlines;
import org.townhall.continuity.OutageExtensions;
import org.townhall.continuity.ResidentService;
import org.townhall.continuity.ServiceOutageEnded;
import org.townhall.notifications.ResidentEmail;
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
    private final ResidentEmails residentEmails;
    private final AuditTrail audit;
    private final Clock clock;
    private final OutageExtensions outages;
    private final FineDeadlines deadlines = new FineDeadlines();
    private final String baseUrl;

    DeadlineExtensions(PcnStore pcns, ParkingFines fines, ResidentEmails residentEmails, AuditTrail audit, Clock clock,
                       OutageExtensions outages, @Value("${townhall.base-url}") String baseUrl) {
        this.outages = outages;
        this.pcns = pcns;
        this.fines = fines;
        this.residentEmails = residentEmails;
        this.audit = audit;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** Handled after the switch commits, in its own transaction; the event registry retries it after a crash. */
    @ApplicationModuleListener
    void on(ServiceOutageEnded outage) {
        extendFor(outage);
    }

    /** Extends every PCN whose deadline the outage swallowed, in short batches (ADR 0025); returns how many were extended. */
    public int extendFor(ServiceOutageEnded outage) {
        return outages.extend(outage, deadlines);
    }

    /** An open PCN with the facts its deadlines are counted from. */
    private record Candidate(PcnRow pcn, Timeline.Facts facts) {
    }

    /** Parking fines' deadlines, as the continuity module moves them. */
    private final class FineDeadlines implements OutageDeadlines<Candidate> {

        @Override
        public boolean concerns(ResidentService service) {
            return PARKING_SERVICES.contains(service);
        }

        @Override
        public List<Candidate> candidates() {
            List<PcnRow> open = pcns.open();
            // Three queries for every open PCN together, not two each: a borough has tens of thousands.
            Map<Long, Timeline.Facts> factsOf = fines.factsOfOpen(open);
            return open.stream().map(pcn -> new Candidate(pcn, factsOf.get(pcn.id()))).toList();
        }

        @Override
        public boolean swallowed(Candidate c, ServiceOutageEnded outage, int graceDays) {
            return Timeline.residentDeadlines(c.facts(), outage.firstDay()).stream()
                    .anyMatch(deadline -> outage.swallowed(deadline, graceDays));
        }

        @Override
        public List<LocalDate[]> lockAndWindowsGiven(Candidate c) {
            pcns.lockById(c.pcn().id());
            return pcns.extensionWindows(c.pcn().id());
        }

        @Override
        public boolean record(Candidate c, ServiceOutageEnded outage, int days) {
            return pcns.addExtension(c.pcn().id(), outage.outageRef(), outage.firstDay(), outage.lastDay(), days, clock.instant());
        }

        @Override
        public void tell(Candidate c, ServiceOutageEnded outage, int days) {
            DeadlineExtensions.this.tell(c.pcn(), outage, days);
        }
    }

    /** Everyone who saved the PCN is told: the new dates are what its look-up shows anyone. */
    private void tell(PcnRow pcn, ServiceOutageEnded outage, int days) {
        List<String> savers = pcns.savedBy(pcn.id());
        for (String saver : savers.isEmpty() ? Collections.<String>singletonList(null) : savers) {
            audit.record(AuditEntry.of(AuditAction.DEADLINE_EXTENDED, AuditOutcome.SUCCESS, Actor.system())
                    .about(saver).on(pcn.number()).because(days + " days for outage " + outage.outageRef()));
        }
        // One message for every saver: queued in this batch's transaction, so it goes only if the move commits.
        ResidentEmail.DeadlineExtended message = new ResidentEmail.DeadlineExtended(outage.service().title().toLowerCase(),
                WHEN.format(outage.startedAt().atZone(ClockConfiguration.LONDON)),
                WHEN.format(outage.endedAt().atZone(ClockConfiguration.LONDON)), pcn.number(), Integer.toString(days),
                baseUrl + "/parking/pcn/" + pcn.ref());
        savers.forEach(saver -> residentEmails.emailResident(saver, message));
    }
}
