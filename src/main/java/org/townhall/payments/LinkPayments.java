package org.townhall.payments;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.continuity.ServiceOutageEnded;
import org.townhall.payments.provider.PaymentProvider;
import org.townhall.payments.provider.PaymentProvider.TakenPayment;
import org.townhall.payments.store.LinkPaymentStore;
import org.townhall.payments.store.LinkPaymentStore.LinkPaymentRow;

/**
 * Payments residents made through a GOV.UK Pay payment link while Townhall was down. When a
 * payment service comes back on, or a finance officer asks, GOV.UK Pay is searched for the
 * successful payments of the window and each is applied once, keyed on GOV.UK Pay's payment id,
 * to the account its reference names, with a ledger entry (provider debited, account credited).
 * One that names no account, or would pay a settled parking fine again, is held in the ledger's
 * suspense account and listed on the reconciliation page for a finance officer to settle
 * ({@link HeldLinkPayments}).
 */
@Service
public class LinkPayments {

    /** Money GOV.UK Pay took through a payment link that is on no resident's account yet. */
    public static final String SUSPENSE = "suspense:payment-links";

    private static final Logger log = LoggerFactory.getLogger(LinkPayments.class);

    private final PaymentProvider provider;
    private final List<LinkReferences> references;
    private final LinkPaymentStore store;
    private final Ledger ledger;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;

    LinkPayments(PaymentProvider provider, List<LinkReferences> references, LinkPaymentStore store, Ledger ledger,
                 AuditTrail audit, ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions) {
        this.provider = provider;
        this.references = references;
        this.store = store;
        this.ledger = ledger;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        // Its own commit per payment, also when a listener's transaction is around the search.
        this.transaction.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Of this search: newly applied, newly held, and already recorded by an earlier search. */
    public record Found(int applied, int held, int alreadyRecorded) {
    }

    /**
     * A payment service came back on: its outage window is searched. Handled after the switch
     * commits, on another thread (a slow GOV.UK Pay never holds the service manager's page), and
     * retried by the event registry after a crash; each payment still gets its own transaction.
     */
    @ApplicationModuleListener
    void on(ServiceOutageEnded outage) {
        if (!outage.service().takesPayments()) {
            return;
        }
        try {
            search(outage.startedAt(), outage.endedAt(), Actor.system());
        } catch (PaymentProvider.Unavailable e) {
            // A finance officer's button on the reconciliation page searches the same window again.
            log.warn("Payments made through payment links during outage {} could not be searched: {}", outage.outageRef(), e.getMessage());
        }
    }

    /**
     * Searches the provider for payments taken from {@code from} to {@code to} and applies those not
     * yet recorded, each in its own transaction.
     *
     * @throws PaymentProvider.Unavailable if the provider could not be searched; nothing was applied
     */
    public Found search(Instant from, Instant to, Actor actor) {
        List<TakenPayment> taken = provider.takenBetween(from, to);
        int applied = 0;
        int held = 0;
        int already = 0;
        for (TakenPayment payment : taken) {
            if (store.startedByTownhall(provider.name(), payment.providerId())) {
                // Started through our own pages and settled by reconciliation: not a payment link's.
                continue;
            }
            Optional<String> outcome = transaction.execute(status -> apply(payment, actor));
            if (outcome == null || outcome.isEmpty()) {
                already++;
            } else if (outcome.get().equals("APPLIED")) {
                applied++;
            } else {
                held++;
            }
        }
        Found found = new Found(applied, held, already);
        transaction.executeWithoutResult(status -> audit.record(AuditEntry.of(AuditAction.LINK_PAYMENTS_SEARCHED, AuditOutcome.SUCCESS, actor)
                .because(from + " to " + to + ": " + found.applied() + " applied, " + found.held() + " held, "
                        + found.alreadyRecorded() + " already recorded")));
        return found;
    }

    /** Records and posts one payment; the outcome, or empty if an earlier search recorded it. */
    private Optional<String> apply(TakenPayment payment, Actor actor) {
        Optional<Named> named = named(payment.reference());
        Optional<LinkReferences.Payee> payee = named.map(Named::payee);
        String outcome = named.map(n -> !n.payee().payableNow() ? "DUPLICATE"
                : n.paidInFullBy(payment.amountPence(), payment.takenAt()) ? "APPLIED" : "SHORT").orElse("UNMATCHED");
        boolean recorded = store.record(new LinkPaymentRow(payment.providerId(), provider.name(), payment.reference(),
                payment.amountPence(), payment.takenAt(), clock.instant(), outcome,
                payee.map(p -> p.purpose().name()).orElse(null), payee.map(LinkReferences.Payee::payingFor).orElse(null)));
        if (!recorded) {
            return Optional.empty();
        }
        String providerAccount = Payments.providerAccount(provider.name());
        if (outcome.equals("APPLIED")) {
            credit(payee.get(), payment.providerId(), payment.amountPence(), payment.takenAt(), providerAccount,
                    "link-payment:" + payment.providerId(), AuditAction.LINK_PAYMENT_APPLIED, actor);
        } else {
            ledger.transfer("link-payment:" + payment.providerId(), "Payment through the payment link held: "
                            + switch (outcome) {
                                case "DUPLICATE" -> "already paid";
                                case "SHORT" -> "less than was due";
                                default -> "reference matches no account";
                            },
                    providerAccount, SUSPENSE, payment.amountPence());
            audit.record(AuditEntry.of(AuditAction.LINK_PAYMENT_HELD, AuditOutcome.FAILURE, actor).on(payment.providerId())
                    .because(payment.amountPence() + "p " + outcome.toLowerCase(Locale.ROOT)));
        }
        return Optional.of(outcome);
    }

    /** A payee with the module that named it, which also says whether an amount pays it in full. */
    record Named(LinkReferences by, LinkReferences.Payee payee) {
        boolean paidInFullBy(long amountPence, Instant takenAt) {
            return by.paysInFull(payee, amountPence, takenAt);
        }
    }

    /**
     * The one account a reference names. A reference naming two accounts (a council tax number that
     * is also a tenancy reference) is not guessed at: a finance officer matches it by hand.
     */
    Optional<Named> named(String reference) {
        String typed = normalised(reference);
        List<Named> payees = new ArrayList<>();
        for (LinkReferences names : references) {
            names.payeeFor(typed).ifPresent(payee -> payees.add(new Named(names, payee)));
        }
        return payees.size() == 1 ? Optional.of(payees.get(0)) : Optional.empty();
    }

    /** Posts a payment-link payment to its account from {@code fromAccount}, in the caller's transaction. */
    void credit(LinkReferences.Payee payee, String providerPaymentId, long amountPence, Instant takenAt, String fromAccount,
                String ledgerRef, AuditAction action, Actor actor) {
        ledger.transfer(ledgerRef, payee.description() + " paid through the payment link", fromAccount, payee.creditAccount(), amountPence);
        // Parking marks the fine paid from this, in this transaction, so a second payment for it
        // in the same search finds it paid.
        events.publishEvent(new PaymentSucceeded("link:" + providerPaymentId, providerPaymentId, payee.purpose(),
                payee.payingFor(), amountPence, null, takenAt));
        audit.record(AuditEntry.of(action, AuditOutcome.SUCCESS, actor).on(providerPaymentId)
                .because(amountPence + "p to " + payee.purpose().name() + " " + payee.payingFor()));
    }

    /** Residents type references with spaces and in lower case; account numbers and PCN numbers are upper case. */
    static String normalised(String reference) {
        String typed = reference == null ? "" : reference.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        return typed.length() > 64 ? "" : typed;
    }
}
