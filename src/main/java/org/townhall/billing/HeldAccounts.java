package org.townhall.billing;

import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.townhall.billing.store.BillingStore;

/** Finds a council tax or rent account for linking, by the reference in a URL or the one on a bill. */
@Component
class HeldAccounts {

    private final BillingStore store;

    HeldAccounts(BillingStore store) {
        this.store = store;
    }

    /** By the public reference in a URL; anything over 64 characters names nothing. */
    Optional<HeldAccount> byRef(AccountKind kind, String ref) {
        if (ref == null || ref.length() > 64) {
            return Optional.empty();
        }
        return kind == AccountKind.COUNCIL_TAX ? store.councilTaxByRef(ref).map(HeldAccount::of)
                : store.rentByRef(ref).map(HeldAccount::of);
    }

    Optional<HeldAccount> byId(AccountKind kind, long id) {
        return kind == AccountKind.COUNCIL_TAX ? store.councilTaxById(id).map(HeldAccount::of) : store.rentById(id).map(HeldAccount::of);
    }

    /** By the reference on a bill or tenancy agreement, as staff type it: an account number or a tenancy reference. */
    Optional<HeldAccount> byBillReference(String typed) {
        String reference = typed == null ? "" : typed.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        if (reference.isEmpty() || reference.length() > 20) {
            return Optional.empty();
        }
        return store.councilTaxByNumber(reference).map(HeldAccount::of).or(() -> store.rentByTenancy(reference).map(HeldAccount::of));
    }
}
