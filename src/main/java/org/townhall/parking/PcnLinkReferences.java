package org.townhall.parking;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.townhall.parking.store.PcnStore;
import org.townhall.payments.Ledger;
import org.townhall.payments.LinkReferences;
import org.townhall.payments.Purpose;

/**
 * PCN numbers, as printed on the notice. A fine is paid once: one no longer open (paid online,
 * by an earlier payment through the link, or cancelled) matches but is not payable, so the
 * payment is listed for a finance officer to refund.
 */
@Component
class PcnLinkReferences implements LinkReferences {

    private final PcnStore pcns;
    private final ParkingFines fines;

    PcnLinkReferences(PcnStore pcns, ParkingFines fines) {
        this.pcns = pcns;
        this.fines = fines;
    }

    @Override
    public Optional<Payee> payeeFor(String reference) {
        return pcns.findByNumber(reference).map(p -> new Payee(Purpose.PCN, p.ref(), Ledger.PARKING_INCOME,
                "Parking fine " + p.number(), p.status() == PcnStatus.OPEN));
    }

    /** What the timeline said was due on the London day the money was taken: the reduced amount while it lasted. */
    @Override
    public boolean paysInFull(Payee payee, long amountPence, java.time.Instant takenAt) {
        return pcns.findByRef(payee.payingFor()).map(pcn -> amountPence >= Timeline.on(fines.facts(pcn),
                takenAt.atZone(org.townhall.platform.ClockConfiguration.LONDON).toLocalDate()).amountDuePence()).orElse(false);
    }
}
