package org.townhall.payments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.payments.provider.PaymentProvider;
import org.townhall.payments.store.PaymentStore;
import org.townhall.payments.store.PaymentStore.PaymentRow;
import org.townhall.platform.ClientOrigin;

/**
 * Carrying on with a payment whose card page the resident left (closed the tab, went back, opened
 * the pay button again). GOV.UK Pay's card page address works once: its frontend spends the
 * one-time token in {@code next_url} the first time a browser opens it. So once the provider says
 * the page was opened, Townhall never sends the resident back there: it cancels the unfinished
 * payment through the provider's API and starts a new one, with its own idempotency key and under
 * the same ceiling (ADR 0016). If the provider will not cancel it because the resident did send
 * their card details after all, its answer is applied instead and the resident sees how that
 * payment went: never a second charge.
 */
@Service
public class UnfinishedPayments {

    private static final Logger log = LoggerFactory.getLogger(UnfinishedPayments.class);

    /**
     * How long another payer's payment for a fine may sit with the provider, no card details sent,
     * before a new payer may take its place. A fine's number and registration are on the windscreen
     * notice, so anyone can start a payment and leave it; without this, "one payment at a time"
     * would let them hold the keeper off for the provider's 90 minutes, again and again, past the
     * discount date.
     */
    public static final Duration ABANDONED_AFTER = Duration.ofMinutes(15);

    private final Payments payments;
    private final PaymentStore store;
    private final PaymentProvider provider;
    private final AuditTrail audit;
    private final Clock clock;
    private final PaymentLocks locks = new PaymentLocks();

    UnfinishedPayments(Payments payments, PaymentStore store, PaymentProvider provider, AuditTrail audit, Clock clock) {
        this.payments = payments;
        this.store = store;
        this.provider = provider;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Cancels other payers' payments for {@code payingFor} that are older than
     * {@link #ABANDONED_AFTER} and, as the provider says now, have no card details sent (created,
     * or its card page opened): their card can no longer be taken, so a new payment may start. A
     * payment with card details sent, or one the provider cannot be asked about, stands. Each one
     * cancelled is recorded. True if any was.
     */
    public boolean releaseAbandoned(String payingFor, String payerRef, ClientOrigin origin) {
        Instant startedBefore = clock.instant().minus(ABANDONED_AFTER);
        boolean released = false;
        for (PaymentRow row : store.forWhatIsPaid(payingFor)) {
            if (row.residentRef().equals(payerRef) || row.state().finished() || row.createdAt().isAfter(startedBefore)) {
                continue;
            }
            released |= locks.holding(row.ref(), () -> cancelIfNoCardSent(row.ref(), payerRef, origin));
        }
        return released;
    }

    private boolean cancelIfNoCardSent(String ref, String payerRef, ClientOrigin origin) {
        Optional<PaymentRow> now = payments.settledRow(ref, Settling.FOR_THE_RESIDENT);
        if (now.isEmpty() || (now.get().state() != PaymentState.CREATED && now.get().state() != PaymentState.STARTED)) {
            return false;
        }
        try {
            provider.cancel(now.get().providerId());
        } catch (PaymentProvider.Unavailable e) {
            log.warn("Could not cancel abandoned payment {}: {}", now.get().reference(), e.getMessage());
            return false;
        }
        // The provider's own answer is what is recorded: the card may have got there first.
        PaymentRow after = payments.settledRow(ref, Settling.FOR_THE_RESIDENT).orElse(now.get());
        boolean gone = after.state().finished() && after.state() != PaymentState.SUCCESS;
        if (gone) {
            audit.record(AuditEntry.of(AuditAction.PAYMENT_ABANDONED_CANCELLED, AuditOutcome.SUCCESS, Actor.residentOrAnonymous(payerRef))
                    .about(after.residentRef()).on(after.reference())
                    .because("no card details sent since " + after.createdAt() + "; " + after.payingFor() + " paid by someone else"), origin);
        }
        return gone;
    }

    /**
     * The receipt's "Continue to payment": the resident's own payment, for the same amount, on a
     * card page that works. Where it cannot be continued (it was paid, is with the bank, or has
     * finished), its receipt. Empty if the payment is not theirs; the attempt is recorded.
     *
     * @param idempotencyKey from the receipt's form, so a double click starts one payment
     * @throws PaymentsUnavailable if the provider could not be asked; nothing changed that matters
     * @throws WouldOverpay        if payments started since would leave no room for it; it was cancelled
     */
    public Optional<StartedPayment> continueAnew(String ref, String residentRef, String idempotencyKey, ClientOrigin origin) {
        return continueAnew(ref, residentRef == null ? List.of() : List.of(residentRef), idempotencyKey, origin);
    }

    /** As {@link #continueAnew(String, String, String, ClientOrigin)}, for a payment of any of these payers (a resident and their browser's guest payer). */
    public Optional<StartedPayment> continueAnew(String ref, Collection<String> payerRefs, String idempotencyKey, ClientOrigin origin) {
        Optional<PaymentRow> mine = ref == null || ref.length() > 64 ? Optional.empty()
                : store.byRef(ref).filter(row -> payerRefs.contains(row.residentRef()));
        if (mine.isEmpty()) {
            payments.refused(ref, payerRefs.stream().findFirst().orElse(null), "continuing a payment not this resident's");
            return Optional.empty();
        }
        if (!Payments.isIdempotencyKey(idempotencyKey)) {
            throw new IllegalArgumentException("Continuing a payment needs an idempotency key");
        }
        PaymentRow row = mine.get();
        PaymentRequest again = new PaymentRequest(idempotencyKey, row.residentRef(), row.purpose(), row.payingFor(),
                row.description(), row.amountPence(), row.creditAccount(), row.returnPath(), PaymentGuard.ceilingOf(row));
        return Optional.of(carryingOn(ref, again, origin, () -> {
            PaymentRow now = settled(ref);
            // Only what the provider has just said may offer the card page again: paid, with the
            // bank or finished, the receipt says so and offers nothing.
            return payments.canContinue(now) ? instead(now, again, origin) : receipt(now);
        }));
    }

    /**
     * Starts {@code request} in place of the same resident's earlier payment for the same thing,
     * still with the provider (a second tab's pay button): the earlier one's card page if nobody has
     * opened it, else the earlier one cancelled and {@code request} started; its receipt if it was
     * paid or is with the bank.
     */
    public StartedPayment replace(String earlierRef, PaymentRequest request, ClientOrigin origin) {
        PaymentRow earlier = store.byRef(earlierRef).filter(row -> row.residentRef().equals(request.residentRef())
                        && row.payingFor().equals(request.payingFor()))
                .orElseThrow(() -> new IllegalArgumentException("Only the same resident's payment for the same thing is replaced"));
        return carryingOn(earlier.ref(), request, origin, () -> {
            PaymentRow now = settled(earlier.ref());
            PaymentState state = now.state();
            if (state == PaymentState.SUCCESS || state == PaymentState.SUBMITTED) {
                return receipt(now);
            }
            return state.finished() ? payments.start(request, origin) : instead(now, request, origin);
        });
    }

    /** One request at a time per earlier payment; a repeat of the request (a double click) gets what the first started. */
    private StartedPayment carryingOn(String earlierRef, PaymentRequest request, ClientOrigin origin, Supplier<StartedPayment> work) {
        return locks.holding(earlierRef, () -> store.byIdempotencyKey(request.idempotencyKey()).isPresent()
                ? payments.start(request, origin) : work.get());
    }

    /** {@code now}: created or started, as the provider has just said. */
    private StartedPayment instead(PaymentRow now, PaymentRequest request, ClientOrigin origin) {
        if (now.state() == PaymentState.CREATED) {
            // Nobody has opened its card page, so its one-time address still works.
            return new StartedPayment(now.ref(), now.nextUrl(), PaymentState.CREATED);
        }
        try {
            if (!provider.cancel(now.providerId())) {
                log.info("Payment {} could not be cancelled to continue it; asking how it went", now.reference());
            }
        } catch (PaymentProvider.Unavailable e) {
            log.warn("Could not cancel payment {} with the provider to continue it: {}", now.reference(), e.getMessage());
            throw new PaymentsUnavailable(e);
        }
        // Asked, never told: whether the cancel took or the resident's card got there first, the
        // provider's own answer is what is recorded.
        PaymentRow after = settled(now.ref());
        PaymentState state = after.state();
        return state.finished() && state != PaymentState.SUCCESS ? payments.start(request, origin) : receipt(after);
    }

    private PaymentRow settled(String ref) {
        return payments.settledRow(ref, Settling.FOR_THE_RESIDENT).orElseThrow(
                () -> new PaymentsUnavailable(new PaymentProvider.Unavailable("The provider could not be asked about " + ref, null)));
    }

    private static StartedPayment receipt(PaymentRow row) {
        return new StartedPayment(row.ref(), Payments.receiptPath(row.ref()), row.state());
    }
}
