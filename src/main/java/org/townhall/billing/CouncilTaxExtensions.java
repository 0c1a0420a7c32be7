package org.townhall.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
import org.townhall.billing.store.BillingStore;
import org.townhall.billing.store.BillingStore.CouncilTaxRow;
import org.townhall.billing.store.HolderStore;
import org.townhall.continuity.ResidentService;
import org.townhall.continuity.ServiceOutageEnded;
import org.townhall.notifications.NotificationTemplate;
import org.townhall.notifications.Notifier;
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
    private final ResidentAccounts residents;
    private final Notifier notifier;
    private final AuditTrail audit;
    private final Clock clock;
    private final int graceDays;
    private final String baseUrl;

    CouncilTaxExtensions(BillingStore store, HolderStore holders, CouncilTax councilTax, ResidentAccounts residents, Notifier notifier, AuditTrail audit,
                         Clock clock, @Value("${townhall.continuity.grace:P2D}") Duration grace,
                         @Value("${townhall.base-url}") String baseUrl) {
        this.store = store;
        this.holders = holders;
        this.councilTax = councilTax;
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

    /** Moves every instalment the outage swallowed; returns how many accounts were extended. */
    @Transactional
    public int extendFor(ServiceOutageEnded outage) {
        if (outage.service() != ResidentService.COUNCIL_TAX_PAYMENTS) {
            return 0;
        }
        int extended = 0;
        // Three queries for the whole council, not two per account: a borough has a hundred thousand.
        Map<String, Long> balances = councilTax.balancesByRef();
        Map<Long, List<BillingStore.ExtensionRow>> extensions = store.allExtensions();
        for (CouncilTaxRow account : store.allCouncilTax()) {
            long paid = account.annualChargePence() - balances.getOrDefault(account.ref(), 0L);
            boolean swallowed = CouncilTax.plan(account, paid, extensions.getOrDefault(account.id(), List.of())).stream()
                    .anyMatch(i -> i.outstandingPence() > 0 && outage.swallowed(i.dueOn(), graceDays));
            if (!swallowed) {
                continue;
            }
            // Two outages ending together: the row lock makes the second see the first one's window.
            store.lockCouncilTax(account.id());
            List<java.time.LocalDate[]> given = store.extensionsOf(account.id()).stream()
                    .map(e -> new java.time.LocalDate[] {e.windowStart(), e.windowEnd()}).toList();
            int days = ServiceOutageEnded.daysToGiveBack(outage.firstDay(), outage.lastDay(), given, graceDays);
            if (store.addExtension(account.id(), outage.outageRef(), outage.firstDay(), outage.lastDay(),
                    outage.lastDay().plusDays(graceDays), days, clock.instant()) && days > 0) {
                extended++;
                tell(account, outage, days, paid);
            }
        }
        return extended;
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
        holderRefs.forEach(holder -> tell(holder, account, outage, days, due));
    }

    private void tell(String holder, CouncilTaxRow account, ServiceOutageEnded outage, int days, String due) {
        residents.profile(holder).ifPresent(r -> notifier.sendEmail(NotificationTemplate.INSTALMENT_DEADLINE_EXTENDED,
                r.email(), Map.of("name", r.fullName(), "service", outage.service().title().toLowerCase(),
                        "from", WHEN.format(outage.startedAt().atZone(ClockConfiguration.LONDON)),
                        "to", WHEN.format(outage.endedAt().atZone(ClockConfiguration.LONDON)),
                        "days", Integer.toString(days), "due", due, "link", baseUrl + "/council-tax/" + account.ref())));
    }
}
