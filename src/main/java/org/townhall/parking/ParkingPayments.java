package org.townhall.parking;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.parking.store.PcnStore;
import org.townhall.parking.store.PcnStore.PcnRow;
import org.townhall.payments.Ledger;
import org.townhall.payments.PaymentRequest;
import org.townhall.payments.PaymentSucceeded;
import org.townhall.payments.PaymentView;
import org.townhall.payments.Payments;
import org.townhall.payments.Purpose;
import org.townhall.payments.StartedPayment;
import org.townhall.payments.UnfinishedPayments;
import org.townhall.payments.WouldOverpay;
import org.townhall.platform.ClientOrigin;

/**
 * Paying a parking fine: the amount is what the timeline says is due today (the discount while it
 * lasts), never a number from the page, with no card surcharge (no surcharge may be added to a
 * penalty charge: Consumer Rights (Payment Surcharges) Regulations 2012 as amended in 2018).
 * When the payment succeeds, the PCN is marked paid.
 */
@Service
public class ParkingPayments {

    private static final Logger log = LoggerFactory.getLogger(ParkingPayments.class);

    private final ParkingFines fines;
    private final PcnStore pcns;
    private final Payments payments;
    private final UnfinishedPayments unfinished;
    private final AuditTrail audit;

    ParkingPayments(ParkingFines fines, PcnStore pcns, Payments payments, UnfinishedPayments unfinished, AuditTrail audit) {
        this.fines = fines;
        this.pcns = pcns;
        this.payments = payments;
        this.unfinished = unfinished;
        this.audit = audit;
    }

    /**
     * Starts paying the PCN the signed-in resident can see (looked up or on their account). Empty
     * if they cannot see it or there is nothing to pay; the refusal is recorded.
     *
     * @throws WouldOverpay if someone else's payment for it is with the provider; nothing was charged
     */
    public Optional<StartedPayment> pay(String pcnRef, PcnViewer viewer, String idempotencyKey, ClientOrigin origin) {
        Optional<PcnDetails> pcn = viewer.signedIn() ? fines.details(pcnRef, viewer) : Optional.empty();
        if (pcn.isEmpty() || pcn.get().settled() || pcn.get().today().amountDuePence() <= 0) {
            audit.record(AuditEntry.of(AuditAction.PAYMENT_REFUSED, AuditOutcome.DENIED,
                    Actor.residentOrAnonymous(viewer.residentRef()))
                    .onNamed(pcnRef)
                    .because("pcn not visible, settled or nothing due"), origin);
            return Optional.empty();
        }
        PcnDetails p = pcn.get();
        // One payment at a time for a fine: nothing else may be with the provider while this one is.
        PaymentRequest request = new PaymentRequest(idempotencyKey, viewer.residentRef(), Purpose.PCN, p.ref(),
                "Parking fine " + p.number() + (p.today().discounted() ? " (reduced amount)" : ""), p.today().amountDuePence(),
                Ledger.PARKING_INCOME, "/parking/pcn/" + p.ref());
        // A fine is paid once: a payment taken but not yet marked on the PCN is where the resident
        // goes; one of theirs still with the provider (a second tab, a back button) is carried on,
        // never by sending them to its spent card page address.
        for (PaymentView earlier : payments.forWhatIsPaid(p.ref())) {
            if (earlier.taken()) {
                return Optional.of(new StartedPayment(earlier.ref(), Payments.receiptPath(earlier.ref()), earlier.state()));
            }
            if (earlier.checking() && earlier.residentRef().equals(viewer.residentRef())) {
                return Optional.of(unfinished.replace(earlier.ref(), request, origin));
            }
        }
        try {
            return Optional.of(payments.start(request, origin));
        } catch (WouldOverpay e) {
            // Another tab of theirs started one at the same moment: that one's receipt offers to carry on.
            return payments.forWhatIsPaid(p.ref()).stream()
                    .filter(earlier -> earlier.checking() && earlier.residentRef().equals(viewer.residentRef())).findFirst()
                    .map(earlier -> new StartedPayment(earlier.ref(), Payments.receiptPath(earlier.ref()), earlier.state()))
                    .map(Optional::of).orElseThrow(() -> e);
        }
    }

    /**
     * Handled inside the payment's own transaction: the fine shows paid exactly when the payment
     * does, with no moment between them and nothing to retry after a crash.
     */
    @EventListener
    void on(PaymentSucceeded payment) {
        markPaid(payment);
    }

    @Transactional
    public void markPaid(PaymentSucceeded payment) {
        if (payment.purpose() != Purpose.PCN) {
            return;
        }
        Optional<PcnRow> pcn = pcns.findByRef(payment.payingFor()).flatMap(p -> pcns.lockById(p.id()));
        if (pcn.isEmpty()) {
            log.error("Payment {} was for PCN {}, which does not exist", payment.reference(), payment.payingFor());
            return;
        }
        if (pcn.get().status() != PcnStatus.OPEN) {
            // Paid twice (two tabs) or paid after cancellation: finance officers see it and refund.
            log.warn("Payment {} arrived for PCN {} which is already {}", payment.reference(), pcn.get().number(), pcn.get().status());
            return;
        }
        pcns.paid(pcn.get().id(), payment.amountPence());
    }
}
