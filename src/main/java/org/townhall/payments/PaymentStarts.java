package org.townhall.payments;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.payments.provider.PaymentProvider;
import org.townhall.payments.store.HeadroomStore;
import org.townhall.payments.store.PaymentStore;
import org.townhall.payments.store.PaymentStore.PaymentRow;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.PublicReferences;

/**
 * Starting a payment (ADR 0009): once per idempotency key, with the provider first and the row
 * after, and never past what may be with the provider at once for what is paid (ADR 0016).
 */
@Component
class PaymentStarts {

    private static final Logger log = LoggerFactory.getLogger(PaymentStarts.class);
    private static final String REFERENCE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PaymentStore store;
    private final PaymentProvider provider;
    private final PaymentGuard guard;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final String baseUrl;
    private final PaymentLocks locks = new PaymentLocks();

    PaymentStarts(PaymentStore store, PaymentProvider provider, PaymentGuard guard, AuditTrail audit, Clock clock,
                  PlatformTransactionManager transactions, @Value("${townhall.base-url}") String baseUrl) {
        this.store = store;
        this.provider = provider;
        this.guard = guard;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * Starts the payment, or returns the one already started with this idempotency key. A key
     * used before for something else is refused (PaymentConflict) and recorded.
     *
     * <p>The provider is asked first, with no transaction open, then the payment row and its
     * audit record commit together: a payment exists only once the provider has it, and a slow
     * provider holds no database connection while residents start payments (ten slow answers
     * once held the whole pool). If the provider cannot be reached nothing is kept; one created
     * by a provider that answered too late is never shown to the resident and expires there unpaid.
     *
     * @throws PaymentsUnavailable if the provider cannot be reached; nothing was charged
     * @throws WouldOverpay        if, with the payments already started for the same thing, it would
     *                             pass the request's ceiling; nothing was charged
     */
    StartedPayment start(PaymentRequest request, ClientOrigin origin) {
        if (!Payments.isIdempotencyKey(request.idempotencyKey())) {
            throw new IllegalArgumentException("A payment needs an idempotency key");
        }
        Optional<StartedPayment> started;
        try {
            // A key seen before is answered from its row alone: refused once if it was made for
            // another payment, never taken on to the provider as if it were new.
            started = locks.holding(request.idempotencyKey(), () -> {
                HeadroomStore.BeforeStart before = guard.before(request);
                return before.earlier().isPresent() ? startedBefore(before.earlier().get(), request, origin, CardPage.ASK_THE_PROVIDER)
                        : startOnce(request, before.headroom(), origin);
            });
        } catch (PaymentProvider.Unavailable e) {
            log.warn("Could not start a {} payment for {} with the provider: {}", request.purpose(), request.payingFor(), e.getMessage());
            throw new PaymentsUnavailable(e);
        } catch (WouldOverpay refused) {
            transaction.executeWithoutResult(status -> audit.record(AuditEntry.of(AuditAction.PAYMENT_REFUSED, AuditOutcome.DENIED,
                    Actor.resident(request.residentRef())).about(request.residentRef()).on(request.payingFor())
                    .because("would pass its ceiling: " + refused.inFlightPence() + "p already started, "
                            + request.amountPence() + "p more, of " + refused.ceilingPence() + "p"), origin));
            throw refused;
        }
        return started.orElseThrow(PaymentConflict::new);
    }

    /** The new payment, or empty if its key turned out to be another payment's (made meanwhile elsewhere). */
    private Optional<StartedPayment> startOnce(PaymentRequest request, HeadroomStore.Headroom headroom, ClientOrigin origin) {
        // Checked first so that an obvious refusal never reaches the provider; decided below, under the lock.
        guard.check(request, headroom);
        String ref = PublicReferences.next();
        String reference = newReference();
        // The provider is given the idempotency key too, and returns the same payment for it, so
        // another instance starting this payment at the same moment is sent to the same card page.
        PaymentProvider.Created charge = provider.create(new PaymentProvider.NewCharge(request.amountPence(), reference,
                request.description(), baseUrl + "/payments/" + ref + "/return", request.idempotencyKey()));
        try {
            return transaction.execute(status -> recordStarted(request, origin, ref, reference, charge));
        } catch (WouldOverpay refused) {
            // Another tab or instance got there first. The provider's payment is never shown to
            // anyone; cancelling it means it cannot be paid even by someone who finds its address.
            try {
                provider.cancel(charge.providerId());
            } catch (PaymentProvider.Unavailable e) {
                log.warn("Could not cancel refused payment {} with the provider; it expires unpaid: {}", reference, e.getMessage());
            }
            throw refused;
        }
    }

    /** The payment row and its audit row, once the guard has admitted it under the lock on what is paid. */
    private Optional<StartedPayment> recordStarted(PaymentRequest request, ClientOrigin origin, String ref, String reference,
                                         PaymentProvider.Created charge) {
        if (guard.admit(request) == PaymentGuard.Admission.ALREADY_STARTED) {
            return startedBefore(store.byIdempotencyKey(request.idempotencyKey()).orElseThrow(), request, origin, CardPage.TRUST_THE_ROW);
        }
        String ceilingAccount = request.ceiling() instanceof Ceiling.Owed owed ? owed.ledgerAccount() : null;
        Long ceilingPence = request.ceiling() instanceof Ceiling.AtOnce fixed ? fixed.pence() : null;
        return store.insertIfNew(new PaymentStore.NewPayment(ref, reference,
                        request.idempotencyKey(), request.fingerprint(), request.residentRef(), request.purpose(),
                        request.payingFor(), request.description(), request.creditAccount(), request.returnPath(),
                        request.amountPence(), provider.name(), charge.providerId(), charge.nextUrl(), clock.instant(),
                        ceilingAccount, ceilingPence))
                .map(row -> {
                    audit.record(AuditEntry.of(AuditAction.PAYMENT_STARTED, AuditOutcome.SUCCESS, Actor.resident(request.residentRef()))
                            .about(request.residentRef()).on(row.reference())
                            .because(request.purpose().name() + " " + request.payingFor() + " " + request.amountPence() + "p"), origin);
                    return Optional.of(new StartedPayment(row.ref(), row.nextUrl(), PaymentState.CREATED));
                })
                // Another instance committed this key first (the insert waited for it): theirs stands.
                .orElseGet(() -> startedBefore(store.byIdempotencyKey(request.idempotencyKey()).orElseThrow(), request, origin,
                        CardPage.TRUST_THE_ROW));
    }

    /**
     * A repeat of a request already made: the same payment, or empty if the key was made for another.
     * Its card page address is given again only while the provider says nobody has opened it
     * (created): GOV.UK Pay's card page spends its one-time token on the first open, so a second
     * open (a back button and the form sent again) would find it dead. Otherwise the receipt, which
     * offers to continue.
     */
    private Optional<StartedPayment> startedBefore(PaymentRow row, PaymentRequest request, ClientOrigin origin, CardPage cardPage) {
        if (!row.fingerprint().equals(request.fingerprint())) {
            transaction.executeWithoutResult(status -> audit.record(AuditEntry.of(AuditAction.PAYMENT_REFUSED, AuditOutcome.DENIED,
                    Actor.resident(request.residentRef())).about(request.residentRef()).on(request.payingFor())
                    .because("idempotency key reused for a different payment"), origin));
            return Optional.empty();
        }
        PaymentState state = row.state();
        // Only an older Townhall, which wrote the row before asking the provider, left payments
        // without a provider payment; reconciliation expires them, so the receipt is where to go.
        if (state.finished() || row.nextUrl() == null || (cardPage == CardPage.ASK_THE_PROVIDER && !cardPageUnopened(row))) {
            return Optional.of(new StartedPayment(row.ref(), Payments.receiptPath(row.ref()), state));
        }
        return Optional.of(new StartedPayment(row.ref(), row.nextUrl(), state));
    }

    /** How a repeated request learns whether the card page is still unopened. */
    private enum CardPage {
        ASK_THE_PROVIDER,
        /** Inside a transaction, for a payment another instance created a moment ago: its page is fresh, and no provider call may hold a connection. */
        TRUST_THE_ROW
    }

    /** The provider says nobody has opened the payment's card page yet, so its address still works. */
    boolean cardPageUnopened(PaymentRow row) {
        try {
            return row.providerId() != null && provider.status(row.providerId()).state() == PaymentState.CREATED;
        } catch (PaymentProvider.Unavailable e) {
            return false;
        }
    }

    static String newReference() {
        StringBuilder reference = new StringBuilder("EBP-");
        for (int i = 0; i < 10; i++) {
            reference.append(REFERENCE_LETTERS.charAt(RANDOM.nextInt(REFERENCE_LETTERS.length())));
        }
        return reference.toString();
    }
}
