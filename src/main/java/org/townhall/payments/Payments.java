package org.townhall.payments;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.accounts.ResidentEmails;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.notifications.ResidentEmail;
import org.townhall.payments.provider.PaymentProvider;
import org.townhall.payments.provider.PaymentProvider.ProviderPayment;
import org.townhall.payments.store.PaymentStore;
import org.townhall.payments.store.PaymentStore.PaymentRow;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.ClockConfiguration;
import org.townhall.platform.Money;
import org.townhall.platform.PublicReferences;

/**
 * Starting a payment ({@link PaymentStarts}), finding out how it went, and the receipt. A payment
 * is taken once: the idempotency key makes a repeated request return the same payment, the row
 * lock makes one request at a time start it or apply an answer about it, and what the provider says
 * is applied through the lifecycle table, posting to the ledger exactly once (ADR 0009).
 */
@Service
public class Payments {

    /** A list asks the provider about at most this many unfinished payments; any others say "not confirmed yet". */
    static final int UNFINISHED_SETTLED_FOR_A_LIST = 5;

    private static final Logger log = LoggerFactory.getLogger(Payments.class);
    private static final DateTimeFormatter RECEIPT_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.UK);

    private final PaymentStore store;
    private final Ledger ledger;
    private final PaymentProvider provider;
    private final AuditTrail audit;
    private final ResidentEmails residentEmails;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final String baseUrl;
    private final PaymentGuard guard;
    private final PaymentStarts starts;
    private final PaymentLocks locks = new PaymentLocks();

    Payments(PaymentStore store, Ledger ledger, PaymentProvider provider, AuditTrail audit,
             ResidentEmails residentEmails, ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions,
             @Value("${townhall.base-url}") String baseUrl, PaymentGuard guard, PaymentStarts starts) {
        this.store = store;
        this.guard = guard;
        this.starts = starts;
        this.ledger = ledger;
        this.provider = provider;
        this.audit = audit;
        this.residentEmails = residentEmails;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public static boolean isIdempotencyKey(String key) {
        return key != null && key.matches("[A-Za-z0-9_-]{16,100}");
    }

    /** A fresh key for a pay form; the form sends it back, so a double click is one payment. */
    public static String newIdempotencyKey() {
        return PublicReferences.next();
    }

    /**
     * Starts the payment, or returns the one already started with this idempotency key. A key
     * used before for something else is refused (PaymentConflict) and recorded. See
     * {@link PaymentStarts#start}.
     *
     * @throws PaymentsUnavailable if the provider cannot be reached; nothing was charged
     * @throws WouldOverpay        if, with the payments already started for the same thing, it would
     *                             pass the request's ceiling (ADR 0016); nothing was charged
     */
    public StartedPayment start(PaymentRequest request, ClientOrigin origin) {
        return starts.start(request, origin);
    }

    /**
     * The payment for its owner, settled with the provider first if it is unfinished. Anyone else,
     * or a reference that names nothing, gets nothing, and the attempt is recorded.
     */
    public Optional<PaymentView> receipt(String ref, String residentRef) {
        return receipt(ref, residentRef == null ? List.of() : List.of(residentRef));
    }

    /** The receipt, if the payment is one of these payers' (a resident and the guest payer of their browser session). */
    public Optional<PaymentView> receipt(String ref, Collection<String> payerRefs) {
        Optional<PaymentRow> row = ref == null || ref.length() > 64 ? Optional.empty() : store.byRef(ref);
        if (row.isEmpty() || !payerRefs.contains(row.get().residentRef())) {
            refused(ref, payerRefs.stream().findFirst().orElse(null), "payment not this resident's");
            return Optional.empty();
        }
        if (row.get().state().finished()) {
            return row.map(Payments::view);
        }
        // Only an answer the provider has just given may tell the resident nothing was taken yet:
        // if it could not be asked, the page says we are checking.
        return settledRow(row.get(), Settling.FOR_THE_RESIDENT).map(settled -> view(settled, canContinue(settled)))
                .or(() -> store.byRef(ref).map(Payments::view));
    }

    /** The payment a sandbox card page belongs to, for its owner only. */
    public Optional<PaymentView> byProviderId(String providerId, Collection<String> payerRefs) {
        Optional<PaymentRow> row = providerId == null || providerId.length() > 80 ? Optional.empty() : store.byProviderId(providerId);
        if (row.isEmpty() || !payerRefs.contains(row.get().residentRef())) {
            refused(providerId, payerRefs.stream().findFirst().orElse(null), "card page of a payment not this resident's");
            return Optional.empty();
        }
        return row.map(Payments::view);
    }

    /**
     * Card details not sent yet (created or started, as GOV.UK Pay says) and not yet expired, so the
     * resident may carry on with it ({@link UnfinishedPayments}): a submitted payment is with the
     * bank and cannot be.
     */
    boolean canContinue(PaymentRow row) {
        PaymentState state = row.state();
        return (state == PaymentState.CREATED || state == PaymentState.STARTED) && row.nextUrl() != null
                && row.createdAt().plus(Reconciliation.EXPIRY).isAfter(clock.instant());
    }

    /** Every payment made or started for one thing (an account, a PCN), newest first. */
    public List<PaymentView> forWhatIsPaid(String payingFor) {
        return store.forWhatIsPaid(payingFor).stream().map(Payments::view).toList();
    }

    /**
     * The resident's payments, newest first (the latest 100). The few still unfinished are settled
     * with the provider first, as each one's own page is, so the list says what that page says:
     * not finished (nothing taken, and it can be continued), with the bank, or how it ended.
     */
    public List<PaymentView> ofResident(String residentRef) {
        int asked = 0;
        List<PaymentView> views = new ArrayList<>();
        for (PaymentRow row : store.ofResident(residentRef, 100)) {
            if (!row.state().finished() && asked++ < UNFINISHED_SETTLED_FOR_A_LIST) {
                views.add(settledRow(row, Settling.FOR_THE_RESIDENT).map(settled -> view(settled, canContinue(settled)))
                        .orElseGet(() -> view(row)));
            } else {
                views.add(view(row));
            }
        }
        return views;
    }

    /**
     * Asks the provider how the payment went and applies the answer. Safe to call any number of
     * times from anywhere (return page, webhook, reconciliation, another instance): the row lock
     * and the lifecycle table make the success, and its ledger entry, happen once.
     */
    Optional<PaymentState> settle(String ref, Settling settling) {
        return settledRow(ref, settling).map(PaymentRow::state);
    }

    /**
     * As {@link #settle}, giving the payment as it is afterwards; empty if there is no such
     * payment, the provider could not be asked or, reconciling, another instance is settling it.
     */
    Optional<PaymentRow> settledRow(String ref, Settling settling) {
        return askingTheProvider(ref, () -> locks.holding(ref, () -> settle(store.byRef(ref).orElse(null), settling)));
    }

    /** As {@link #settledRow(String, Settling)}, for a payment just read: not read again unless another request was settling it. */
    private Optional<PaymentRow> settledRow(PaymentRow seen, Settling settling) {
        return askingTheProvider(seen.ref(), () -> locks.holding(seen.ref(), seen, () -> store.byRef(seen.ref()).orElse(null),
                now -> settle(now, settling)));
    }

    private static Optional<PaymentRow> askingTheProvider(String ref, java.util.function.Supplier<PaymentRow> settling) {
        try {
            return Optional.ofNullable(settling.get());
        } catch (PaymentProvider.Unavailable e) {
            log.warn("Could not ask the payment provider about payment {}: {}", ref, e.getMessage());
            return Optional.empty();
        }
    }

    /** Holding the payment's lock in this instance: asks the provider and applies its answer, if it is unfinished. */
    private PaymentRow settle(PaymentRow seen, Settling settling) {
        if (seen == null || seen.state().finished() || seen.providerId() == null) {
            return seen;
        }
        // Asked before the row is locked, with no transaction open: a slow provider holds no
        // database connection. An answer overtaken meanwhile (another instance applied a later
        // one) is refused by the lifecycle table, so the order cannot matter.
        ProviderPayment answer = provider.status(seen.providerId());
        return transaction.execute(status -> {
            Optional<PaymentRow> locked = settling == Settling.RECONCILING ? store.lockByRefIfFree(seen.ref()) : store.lockByRef(seen.ref());
            return locked.map(row -> apply(row, answer, settling)).orElse(null);
        });
    }

    /**
     * A payment created before {@code createdBefore} but never sent to the provider expires
     * unpaid. True if it did. Only an older Townhall, which wrote the row before asking the
     * provider, left such payments.
     */
    boolean expireUnsent(String ref, java.time.Instant createdBefore) {
        return Boolean.TRUE.equals(transaction.execute(status -> store.lockByRefIfFree(ref)
                .filter(row -> row.providerId() == null && !row.state().finished()
                        && row.createdAt().isBefore(createdBefore))
                .map(row -> apply(row, new ProviderPayment(PaymentState.EXPIRED, "Never reached the payment provider", null), Settling.RECONCILING))
                .isPresent()));
    }

    /** A provider notification (already verified) named this payment: check it with the provider. */
    public boolean notified(String messageId, String providerPaymentId) {
        Boolean first = transaction.execute(status -> store.firstSightOfWebhook(messageId, clock.instant()));
        if (!Boolean.TRUE.equals(first)) {
            transaction.executeWithoutResult(status -> audit.record(AuditEntry.of(AuditAction.WEBHOOK_REFUSED, AuditOutcome.DENIED,
                    Actor.anonymous()).on(messageId).because("replayed notification")));
            return false;
        }
        store.byProviderId(providerPaymentId).ifPresent(row -> settle(row.ref(), Settling.FOR_THE_RESIDENT));
        return true;
    }

    /** A notification that was not from the provider, or not one at all: recorded, nothing else. */
    public void notificationRefused(String why) {
        transaction.executeWithoutResult(status -> audit.record(AuditEntry.of(AuditAction.WEBHOOK_REFUSED, AuditOutcome.DENIED,
                Actor.anonymous()).because(why)));
    }

    /** Applies the provider's answer; the payment as it is afterwards. */
    private PaymentRow apply(PaymentRow row, ProviderPayment answer, Settling settling) {
        PaymentState current = row.state();
        if (answer.state() == current) {
            return row;
        }
        if (!current.mayMoveTo(answer.state())) {
            if (!answer.state().mayMoveTo(current)) {
                // Not an answer overtaken by a later one: the two disagree.
                log.warn("Payment {} is {} but the provider says {}; left for a finance officer", row.reference(), current, answer.state());
            }
            return row;
        }
        // Money the provider took is recorded whatever it overpays; the overpaid part is listed to refund.
        long overpaid = answer.state() == PaymentState.SUCCESS ? guard.overpaidBy(row) : row.overpaidPence();
        PaymentRow moved = store.moveTo(row.id(), answer.state(), answer.failure(), answer.cardSummary(), clock.instant(), overpaid);
        boolean reconciling = settling == Settling.RECONCILING;
        Actor actor = reconciling ? Actor.system() : Actor.resident(row.residentRef());
        if (answer.state() == PaymentState.SUCCESS) {
            if (overpaid > 0) {
                log.warn("Payment {} took {}p more than its account owed; listed for a finance officer to refund", row.reference(), overpaid);
            }
            ledger.transfer("payment:" + row.reference(), row.description() + " (" + row.reference() + ")",
                    ledgerAccountOf(row), row.creditAccount(), row.amountPence());
            events.publishEvent(new PaymentSucceeded(row.ref(), row.reference(), row.purpose(), row.payingFor(),
                    row.amountPence(), row.residentRef(), clock.instant()));
            sendReceipt(row);
            // Last, as everywhere: the audit row holds its chain's lock until this commits (ADR 0004).
            audit.record(AuditEntry.of(reconciling ? AuditAction.PAYMENT_RECONCILED : AuditAction.PAYMENT_SUCCEEDED,
                    AuditOutcome.SUCCESS, actor).about(row.residentRef()).on(row.reference())
                    .because(row.amountPence() + "p" + (overpaid > 0 ? ", overpaid " + overpaid + "p" : "")));
        } else if (answer.state().finished()) {
            audit.record(AuditEntry.of(AuditAction.PAYMENT_NOT_TAKEN, AuditOutcome.FAILURE, actor).about(row.residentRef())
                    .on(row.reference()).because(answer.state().name() + (answer.failure() == null ? "" : ": " + answer.failure())));
        }
        return moved;
    }

    String ledgerAccountOf(PaymentRow row) {
        return providerAccount(row.provider());
    }

    /** The ledger account of money a provider (SANDBOX, GOVUK_PAY) has taken and not yet paid to the council. */
    static String providerAccount(String provider) {
        return "provider:" + provider.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private void sendReceipt(PaymentRow row) {
        residentEmails.emailResident(row.residentRef(), new ResidentEmail.PaymentReceipt(Money.pounds(row.amountPence()),
                row.description(), clock.instant().atZone(ClockConfiguration.LONDON).format(RECEIPT_DATE), row.reference(),
                baseUrl + receiptPath(row.ref())));
    }

    void refused(String ref, String residentRef, String why) {
        transaction.executeWithoutResult(status -> audit.record(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED,
                Actor.residentOrAnonymous(residentRef))
                .onNamed(ref).because(why)));
    }

    public static String receiptPath(String ref) {
        return "/payments/" + ref;
    }

    static PaymentView view(PaymentRow row) {
        return view(row, false);
    }

    private static PaymentView view(PaymentRow row, boolean canContinue) {
        return new PaymentView(row.ref(), row.reference(), row.purpose(), row.payingFor(), row.description(),
                row.amountPence(), row.state(), row.failure(), row.cardSummary(), row.provider(),
                row.createdAt(), row.finishedAt(), row.returnPath(), row.refundedPence(), row.residentRef(), canContinue,
                row.overpaidPence());
    }
}
