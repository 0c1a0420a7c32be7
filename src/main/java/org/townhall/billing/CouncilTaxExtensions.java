package org.townhall.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.townhall.accounts.ResidentEmails;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.billing.store.BillingStore;
import org.townhall.billing.store.BillingStore.CouncilTaxRow;
import org.townhall.billing.store.HolderStore;
import org.townhall.continuity.OutageDeadlines;
import org.townhall.continuity.OutageExtensions;
import org.townhall.continuity.ResidentService;
import org.townhall.continuity.ServiceOutageEnded;
import org.townhall.notifications.ResidentEmail;
import org.townhall.platform.ClockConfiguration;

/**
 * When online council tax payments come back after an outage, every unpaid instalment whose due
 * date fell in the outage or the grace days after it is moved by the outage's days plus the grace,
 * so nobody falls into arrears because the council's service was down. Once per account and
 * outage; days already given for an overlapping outage are not given twice; each move audited
 * and the resident told.
 */
@Service
public class CouncilTaxExtensions {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy");

    private final BillingStore store;
    private final HolderStore holders;
    private final CouncilTax councilTax;
    private final ResidentEmails residentEmails;
    private final AuditTrail audit;
    private final Clock clock;
    private final OutageExtensions outages;
    private final Instalments deadlines = new Instalments();
    private final int graceDays;
    private final String baseUrl;

    CouncilTaxExtensions(BillingStore store, HolderStore holders, CouncilTax councilTax, ResidentEmails residentEmails,
                         AuditTrail audit, Clock clock, OutageExtensions outages,
                         @Value("${townhall.continuity.grace:P2D}") Duration grace,
                         @Value("${townhall.base-url}") String baseUrl) {
        this.outages = outages;
        this.store = store;
        this.holders = holders;
        this.councilTax = councilTax;
        this.residentEmails = residentEmails;
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

    /** Moves every instalment the outage swallowed, in short batches (ADR 0025); returns how many accounts were extended. */
    public int extendFor(ServiceOutageEnded outage) {
        return outages.extend(outage, deadlines);
    }

    /** An account with what decides whether an outage swallowed one of its instalments. */
    private record Candidate(CouncilTaxRow account, long paid, List<BillingStore.ExtensionRow> extensions) {
    }

    /** Council tax instalments, as the continuity module moves them. */
    private final class Instalments implements OutageDeadlines<Candidate> {

        @Override
        public boolean concerns(ResidentService service) {
            return service == ResidentService.COUNCIL_TAX_PAYMENTS;
        }

        @Override
        public List<Candidate> candidates() {
            // Three queries for the whole council, not two per account: a borough has a hundred thousand.
            Map<String, Long> balances = councilTax.balancesByRef();
            Map<Long, List<BillingStore.ExtensionRow>> extensions = store.allExtensions();
            return store.allCouncilTax().stream().map(account -> new Candidate(account,
                    account.annualChargePence() - balances.getOrDefault(account.ref(), 0L),
                    extensions.getOrDefault(account.id(), List.of()))).toList();
        }

        @Override
        public boolean swallowed(Candidate c, ServiceOutageEnded outage, int graceDays) {
            return CouncilTax.plan(c.account(), c.paid(), c.extensions()).stream()
                    .anyMatch(i -> i.outstandingPence() > 0 && outage.swallowed(i.dueOn(), graceDays));
        }

        @Override
        public List<LocalDate[]> lockAndWindowsGiven(Candidate c) {
            store.lockCouncilTax(c.account().id());
            return store.extensionsOf(c.account().id()).stream().map(e -> new LocalDate[] {e.windowStart(), e.windowEnd()}).toList();
        }

        @Override
        public boolean record(Candidate c, ServiceOutageEnded outage, int days) {
            return store.addExtension(c.account().id(), outage.outageRef(), outage.firstDay(), outage.lastDay(),
                    outage.lastDay().plusDays(graceDays), days, clock.instant());
        }

        @Override
        public void tell(Candidate c, ServiceOutageEnded outage, int days) {
            CouncilTaxExtensions.this.tell(c.account(), outage, days, c.paid());
        }
    }

    /** Every active holder is told (joint taxpayers each); an account nobody holds online is recorded once. */
    private void tell(CouncilTaxRow account, ServiceOutageEnded outage, int days, long paid) {
        List<String> holderRefs = holders.ofAccount(AccountKind.COUNCIL_TAX, account.id()).stream()
                .filter(h -> h.status() == HolderStore.Status.ACTIVE).map(HolderStore.HolderRow::residentRef).toList();
        for (String holder : holderRefs.isEmpty() ? Collections.<String>singletonList(null) : holderRefs) {
            audit.record(AuditEntry.of(AuditAction.DEADLINE_EXTENDED, AuditOutcome.SUCCESS, Actor.system())
                    .about(holder).on("council tax " + account.accountNumber())
                    .because(days + " days for outage " + outage.outageRef()));
        }
        String due = councilTax.plan(account, paid).stream().filter(i -> i.outstandingPence() > 0).findFirst()
                .map(i -> DAY.format(i.dueOn())).orElse("");
        // One message for every holder: queued in this batch's transaction, so it goes only if the move commits.
        ResidentEmail.InstalmentDeadlineExtended message = new ResidentEmail.InstalmentDeadlineExtended(
                outage.service().title().toLowerCase(), WHEN.format(outage.startedAt().atZone(ClockConfiguration.LONDON)),
                WHEN.format(outage.endedAt().atZone(ClockConfiguration.LONDON)), Integer.toString(days), due,
                baseUrl + "/council-tax/" + account.ref());
        holderRefs.forEach(holder -> residentEmails.emailResident(holder, message));
    }
}
