package org.townhall.billing;

import java.util.Optional;
import org.townhall.billing.store.BillingStore.CouncilTaxRow;
import org.townhall.billing.store.BillingStore.RentRow;
import org.townhall.notifications.PostalAddress;

/**
 * A council tax or rent account as linking sees it: what it is called, and where its activation
 * code is posted (empty when the council holds no postcode for it, so no letter can be sent).
 */
record HeldAccount(AccountKind kind, long id, String ref, String reference, Optional<PostalAddress> postTo) {

    static HeldAccount of(CouncilTaxRow row) {
        return new HeldAccount(AccountKind.COUNCIL_TAX, row.id(), row.ref(), row.accountNumber(),
                address("The council tax payer", row.propertyAddress(), row.postcode()));
    }

    static HeldAccount of(RentRow row) {
        return new HeldAccount(AccountKind.RENT, row.id(), row.ref(), row.tenancyRef(),
                address("The tenant", row.correspondenceAddress(), row.correspondencePostcode()));
    }

    /** "council tax account 40012345": the council's own words and reference, nothing a resident typed. */
    String describe() {
        return kind.noun() + " " + reference;
    }

    String path() {
        return kind.path() + ref;
    }

    private static Optional<PostalAddress> address(String addressee, String address, String postcode) {
        if (postcode == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(PostalAddress.of(addressee, address, postcode));
        } catch (IllegalArgumentException notPostable) {
            return Optional.empty();
        }
    }
}
