package org.townhall.payments;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.payments.store.PaymentStore;
import org.townhall.payments.store.PaymentStore.PaymentRow;

/**
 * Keeps what is with the provider for one thing within its {@link Ceiling} (ADR 0016): at the start,
 * payments started and not finished plus this one; at success, what a payment took beyond what its
 * account owed, recorded to refund. Both under the lock on what is paid, so two tabs, or two
 * instances, cannot both pass, and two successes cannot each see the other's money as still owed.
 */
@Component
class PaymentGuard {

    private final PaymentStore store;

    PaymentGuard(PaymentStore store) {
        this.store = store;
    }

    /**
     * Refuses a payment that would pass its ceiling. Without the lock it only spares the provider a
     * payment that will be refused; {@link #admit} decides.
     *
     * @throws WouldOverpay if it would
     */
    void check(PaymentRequest request) {
        check(request.payingFor(), request.ceiling(), request.amountPence());
    }

    /** As {@link #check}, under the lock on what is paid, held until the payment row commits. */
    @Transactional(propagation = Propagation.MANDATORY)
    void admit(PaymentRequest request) {
        store.lockWhatIsPaid(request.payingFor());
        check(request);
    }

    private void check(String payingFor, Ceiling ceiling, long amountPence) {
        String owedAccount = ceiling instanceof Ceiling.Owed owed ? owed.ledgerAccount() : null;
        PaymentStore.Headroom headroom = store.headroom(payingFor, owedAccount);
        long most = owedAccount != null ? headroom.owedPence() : ((Ceiling.AtOnce) ceiling).pence();
        if (headroom.inFlightPence() + amountPence > most) {
            throw new WouldOverpay(most, headroom.inFlightPence());
        }
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
        store.lockWhatIsPaid(row.payingFor());
        long owedBefore = store.headroom(row.payingFor(), owed.ledgerAccount()).owedPence();
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
