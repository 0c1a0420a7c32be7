package org.townhall.payments;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.payments.store.HeadroomStore;
import org.townhall.payments.store.PaymentStore.PaymentRow;

/**
 * Keeps what is with the provider for one thing within its {@link Ceiling} (ADR 0016): at the start,
 * payments started and not finished plus this one; at success, what a payment took beyond what its
 * account owed, recorded to refund. Both under the lock on what is paid, so two tabs, or two
 * instances, cannot both pass, and two successes cannot each see the other's money as still owed.
 */
@Component
class PaymentGuard {

    private final HeadroomStore store;

    PaymentGuard(HeadroomStore store) {
        this.store = store;
    }

    /** How a start fared under the lock on what is paid. */
    enum Admission {
        /** Within its ceiling: record it. */
        ADMITTED,
        /** Its idempotency key names a payment already (another instance's, made meanwhile): that one stands. */
        ALREADY_STARTED
    }

    /**
     * The payment already started with the request's idempotency key, and otherwise the headroom
     * for a new one, in one read: what a start needs before it asks the provider anything.
     */
    HeadroomStore.BeforeStart before(PaymentRequest request) {
        return store.beforeStart(request.idempotencyKey(), request.payingFor(), owedAccount(request.ceiling()));
    }

    /**
     * Refuses a payment that would pass its ceiling, given the headroom read {@link #before} it.
     * Without the lock it only spares the provider a payment that will be refused; {@link #admit} decides.
     *
     * @throws WouldOverpay if it would
     */
    void check(PaymentRequest request, HeadroomStore.Headroom headroom) {
        long most = request.ceiling() instanceof Ceiling.AtOnce fixed ? fixed.pence() : headroom.owedPence();
        if (headroom.inFlightPence() + request.amountPence() > most) {
            throw new WouldOverpay(most, headroom.inFlightPence());
        }
    }

    /**
     * As {@link #check}, under the lock on what is paid, held until the payment row commits; a key
     * that names a payment by now is not checked again, as that payment is the answer.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Admission admit(PaymentRequest request) {
        HeadroomStore.Locked locked = store.lockWhatIsPaid(request.payingFor(), owedAccount(request.ceiling()), request.idempotencyKey());
        if (locked.keyTaken()) {
            return Admission.ALREADY_STARTED;
        }
        check(request, locked.headroom());
        return Admission.ADMITTED;
    }

    private static String owedAccount(Ceiling ceiling) {
        return ceiling instanceof Ceiling.Owed owed ? owed.ledgerAccount() : null;
    }

    /**
     * What this payment, about to be recorded as taken, pays beyond what its account owes: the
     * whole of it if the account is already paid. Only a payment owed on an account can overpay;
     * rent is allowed to go into credit and a fine paid twice is found by its PCN
     * ({@code PaymentStore.finesPaidAgain}). Its ledger entry must not be posted yet.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    long overpaidBy(PaymentRow row) {
        Ceiling ceiling = ceilingOf(row);
        if (!(ceiling instanceof Ceiling.Owed owed)) {
            return 0;
        }
        long owedBefore = store.lockWhatIsPaid(row.payingFor(), owed.ledgerAccount(), null).headroom().owedPence();
        return Math.min(row.amountPence(), Math.max(0, row.amountPence() - Math.max(0, owedBefore)));
    }

    /**
     * The rule the payment was started under. A row with none was written by a release before
     * ceilings (an instance not yet replaced during a deploy): read as the migration that brought
     * them read the rows already there, council tax owed on its account, anything else one payment
     * at a time.
     */
    static Ceiling ceilingOf(PaymentRow row) {
        if (row.ceilingAccount() != null) {
            return Ceiling.owedOn(row.ceilingAccount());
        }
        if (row.ceilingPence() != null) {
            return Ceiling.atMost(row.ceilingPence());
        }
        return row.purpose() == Purpose.COUNCIL_TAX ? Ceiling.owedOn(row.creditAccount()) : Ceiling.oneAtATime(row.amountPence());
    }
}
