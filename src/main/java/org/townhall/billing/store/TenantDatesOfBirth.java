package org.townhall.billing.store;

import java.time.LocalDate;
import org.springframework.stereotype.Component;
import org.townhall.platform.SecretBox;

/** A tenant's date of birth, sealed to its rent account: the only form in which it is stored. */
@Component
public class TenantDatesOfBirth {

    private final SecretBox box;

    TenantDatesOfBirth(SecretBox box) {
        this.box = box;
    }

    String seal(LocalDate bornOn, String rentAccountRef) {
        return box.seal(bornOn.toString(), context(rentAccountRef));
    }

    /** Whether the date typed is the tenant's. Opening a value moved from another account fails loudly. */
    public boolean matches(BillingStore.RentRow account, LocalDate typed) {
        return typed != null && LocalDate.parse(box.open(account.sealedBornOn(), context(account.ref()))).equals(typed);
    }

    private static String context(String rentAccountRef) {
        return "tenant born on, rent account " + rentAccountRef;
    }
}
