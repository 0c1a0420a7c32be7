package org.townhall.parking;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
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
import org.townhall.parking.store.PcnStore.PcnRow;
import org.townhall.parking.store.PcnStore;
import org.townhall.payments.GuestPayers;
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
    private final GuestPayers guests;
    private final AuditTrail audit;

    ParkingPayments(ParkingFines fines, PcnStore pcns, Payments payments, UnfinishedPayments unfinished, GuestPayers guests,
                    AuditTrail audit) {
        this.fines = fines;
        this.pcns = pcns;
        this.payments = payments;
        this.unfinished = unfinished;
        this.guests = guests;
        this.audit = audit;
    }

    /**
     * Starts paying the PCN the signed-in resident can see (looked up or on their account). Empty
     * if they cannot see it or there is nothing to pay; the refusal is recorded.
     *
     * @throws WouldOverpay if someone else's payment for it is with the provider; nothing was charged
     */
    public Optional<StartedPayment> pay(String pcnRef, PcnViewer viewer, String idempotencyKey, ClientOrigin origin) {
        if (!viewer.signedIn()) {
            refused(pcnRef, null, origin);
            return Optional.empty();
        }
        return pay(pcnRef, viewer, idempotencyKey, origin, new Payer(viewer.residentRef(),
                request -> payments.start(request, origin), (earlier, request) -> unfinished.replace(earlier, request, origin)));
    }

    /**
     * Starts paying, without an account, a PCN this browser session has looked up with its number
     * and registration (ADR 0028): the look-up's throttles and audit are the only way in, the amount
     * is the timeline's, the payer is the session ({@code guestRef}) and the receipt goes to
     * {@code email}. Everything else is the resident's path: one payment at a time for a fine, a
     * payment already taken or still with the provider is where the payer goes, never a second.
     */
    public Optional<StartedPayment> payAsGuest(String pcnRef, PcnViewer viewer, String guestRef, String email,
                                               String idempotencyKey, ClientOrigin origin) {
        if (viewer.signedIn() || !GuestPayers.isGuest(guestRef)) {
            throw new IllegalArgumentException("A guest pays as the browser session, never as a resident");
        }
        return pay(pcnRef, viewer, idempotencyKey, origin, new Payer(guestRef,
                request -> guests.start(request, email, origin), (earlier, request) -> guests.replace(earlier, request, email, origin)));
    }

    /** Who pays, and how a payment is started or carried on for them. */
    private record Payer(String ref, Function<PaymentRequest, StartedPayment> start,
                         BiFunction<String, PaymentRequest, StartedPayment> replace) {
    }

    private Optional<StartedPayment> pay(String pcnRef, PcnViewer viewer, String idempotencyKey, ClientOrigin origin, Payer payer) {
        Optional<PcnDetails> pcn = fines.details(pcnRef, viewer);
        if (pcn.isEmpty() || pcn.get().settled() || pcn.get().today().amountDuePence() <= 0) {
            refused(pcnRef, payer.ref(), origin);
            return Optional.empty();
        }
        PcnDetails p = pcn.get();
        // One payment at a time for a fine: nothing else may be with the provider while this one is.
        PaymentRequest request = new PaymentRequest(idempotencyKey, payer.ref(), Purpose.PCN, p.ref(),
                "Parking fine " + p.number() + (p.today().discounted() ? " (reduced amount)" : ""), p.today().amountDuePence(),
                Ledger.PARKING_INCOME, "/parking/pcn/" + p.ref());
        // A fine is paid once: a payment taken but not yet marked on the PCN is where the payer
        // goes; one of theirs still with the provider (a second tab, a back button) is carried on,
        // never by sending them to its spent card page address.
        for (PaymentView earlier : payments.forWhatIsPaid(p.ref())) {
            if (earlier.taken()) {
                return Optional.of(new StartedPayment(earlier.ref(), Payments.receiptPath(earlier.ref()), earlier.state()));
            }
            if (earlier.checking() && earlier.residentRef().equals(payer.ref())) {
                return Optional.of(payer.replace().apply(earlier.ref(), request));
            }
        }
        try {
            return Optional.of(startOrTakeAbandonedPlace(p.ref(), payer, request, origin));
        } catch (WouldOverpay e) {
            // Another tab of theirs started one at the same moment: that one's receipt offers to carry on.
            return payments.forWhatIsPaid(p.ref()).stream()
                    .filter(earlier -> earlier.checking() && earlier.residentRef().equals(payer.ref())).findFirst()
                    .map(earlier -> new StartedPayment(earlier.ref(), Payments.receiptPath(earlier.ref()), earlier.state()))
                    .map(Optional::of).orElseThrow(() -> e);
        }
    }

    /**
     * Starts the payment; if someone else's is with the provider, and has sat there with no card
     * details for a quarter of an hour, it is cancelled and this one starts in its place (anyone who
     * has read the windscreen notice could otherwise hold the keeper off past the discount date).
     */
    private StartedPayment startOrTakeAbandonedPlace(String pcnRef, Payer payer, PaymentRequest request, ClientOrigin origin) {
        try {
            return payer.start().apply(request);
        } catch (WouldOverpay e) {
            if (!unfinished.releaseAbandoned(pcnRef, payer.ref(), origin)) {
                throw e;
            }
            return payer.start().apply(request);
        }
    }

    private void refused(String pcnRef, String payerRef, ClientOrigin origin) {
        audit.record(AuditEntry.of(AuditAction.PAYMENT_REFUSED, AuditOutcome.DENIED, Actor.residentOrAnonymous(payerRef))
                .onNamed(pcnRef)
                .because("pcn not visible, settled or nothing due"), origin);
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
