package org.townhall.billing;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;

/**
 * The one rule for reaching a billing account by its reference: only a resident who holds it does,
 * after entering the code posted to its address (a resident still waiting for one does not). A
 * reference that names nothing, or an account the resident does not hold, gets the same empty
 * answer, and the attempt is recorded.
 */
final class OwnedAccounts {

    private OwnedAccounts() {
    }

    /**
     * @param find    the account with this reference, if any
     * @param holding whether the resident is an active holder of that account
     * @param what    what it is, for the audit record ("council tax account")
     */
    static <T> Optional<T> ofResident(String ref, String residentRef, Function<String, Optional<T>> find,
                                      Predicate<T> holding, String what, AuditTrail audit) {
        Optional<T> row = ref == null || ref.length() > 64 || residentRef == null ? Optional.empty()
                : find.apply(ref).filter(holding);
        if (row.isEmpty()) {
            audit.record(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, Actor.residentOrAnonymous(residentRef))
                    .onNamed(ref).because(what + " not this resident's"));
        }
        return row;
    }
}
