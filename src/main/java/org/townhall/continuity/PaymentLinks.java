package org.townhall.continuity;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.continuity.store.PaymentLinkStore;

/**
 * Where residents can pay while Townhall is down: a GOV.UK Pay payment link per payment service,
 * set by a service manager. GOV.UK Pay keeps taking payments without us; the static status page
 * (which outlives Townhall) tells residents where, and reconciliation matches those payments to
 * accounts when Townhall returns.
 */
@Service
public class PaymentLinks {

    /**
     * GOV.UK Pay's payment links live at www.gov.uk/payments/{organisation}/{link}; nothing else
     * is accepted, so a typo or a tampered form can never send residents' card details elsewhere.
     * The database checks the same pattern.
     */
    static final Pattern GOVUK_PAY_LINK = Pattern.compile("https://www\\.gov\\.uk/payments/[a-z0-9-]+/[a-z0-9-]+");

    private final PaymentLinkStore store;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PaymentLinks(PaymentLinkStore store, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The payment services that have a link, with it, in the order residents see services. */
    public Map<ResidentService, String> all() {
        Map<ResidentService, String> links = new EnumMap<>(ResidentService.class);
        for (PaymentLinkStore.LinkRow row : store.all()) {
            // A link for a service that no longer exists is passed over.
            ResidentService.named(row.service()).ifPresent(service -> links.put(service, row.url()));
        }
        return links;
    }

    /**
     * Points {@code service} at {@code url}, or takes its link away when {@code url} is blank.
     * Returns what is wrong with the request, in words for the manager, or empty when done.
     */
    @Transactional
    public Optional<String> point(ResidentService service, String url, String managerRef) {
        String link = url == null ? "" : url.trim();
        if (!service.takesPayments()) {
            refused(service, link, managerRef, "takes no payments");
            return Optional.of(service.title() + " takes no payments, so it has no payment link");
        }
        if (!link.isEmpty() && !GOVUK_PAY_LINK.matcher(link).matches()) {
            // A link that would send residents' card details anywhere but GOV.UK Pay is worth a
            // security analyst's eye, whether a typo or an attempt: it is in the trail either way.
            refused(service, link, managerRef, "not a GOV.UK Pay payment link");
            return Optional.of("Enter a GOV.UK Pay payment link, like https://www.gov.uk/payments/your-council/pay-council-tax");
        }
        if (link.isEmpty()) {
            if (!store.remove(service.name())) {
                return Optional.empty();
            }
        } else {
            store.set(service.name(), link, clock.instant(), managerRef);
        }
        audit.record(AuditEntry.of(AuditAction.PAYMENT_LINK_CHANGED, AuditOutcome.SUCCESS, Actor.staff(managerRef))
                .on(service.name()).because(link.isEmpty() ? "removed" : link));
        events.publishEvent(new PaymentLinkChanged(service, link.isEmpty() ? null : link));
        return Optional.empty();
    }

    /** A refused change, recorded with what was typed (as far as 200 characters, control characters shown as '?'). */
    private void refused(ResidentService service, String link, String managerRef, String why) {
        String typed = link.length() > 200 ? link.substring(0, 200) : link;
        audit.record(AuditEntry.of(AuditAction.PAYMENT_LINK_CHANGED, AuditOutcome.DENIED, Actor.staff(managerRef))
                .on(service.name()).because(why + ": " + typed.replaceAll("\\p{Cntrl}", "?")));
    }
}
