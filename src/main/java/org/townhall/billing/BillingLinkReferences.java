package org.townhall.billing;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.townhall.billing.store.BillingStore;
import org.townhall.payments.LinkReferences;
import org.townhall.payments.Purpose;

/**
 * Council tax account numbers and tenancy references, as residents type them on the payment link.
 * Both may be paid any number of times (rent ahead into credit, ADR 0016; council tax overpaid is
 * credit on the account), so a match is always payable.
 */
@Component
class BillingLinkReferences implements LinkReferences {

    private final BillingStore store;

    BillingLinkReferences(BillingStore store) {
        this.store = store;
    }

    @Override
    public Optional<Payee> payeeFor(String reference) {
        return store.councilTaxByNumber(reference)
                .map(a -> new Payee(Purpose.COUNCIL_TAX, a.ref(), CouncilTax.ledgerAccount(a.ref()),
                        "Council tax, account " + a.accountNumber(), true))
                .or(() -> store.rentByTenancy(reference)
                        .map(a -> new Payee(Purpose.RENT, a.ref(), Rent.ledgerAccount(a.ref()), "Rent, tenancy " + a.tenancyRef(), true)));
    }
}
