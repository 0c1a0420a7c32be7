package org.townhall.billing;

import java.util.Optional;
import java.util.function.Function;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;

/**
 * The one rule for reaching a billing account by its reference: only its own resident does. A
 * reference that names nothing, or someone else's account, gets the same empty answer, and the
 * attempt is recorded.
 */
final class OwnedAccounts {

    private OwnedAccounts() {
    }

    /**
     * @param find       the account with this reference, if any
     * @param residentOf who the account is linked to (null if nobody)
     * @param what       what it is, for the audit record ("council tax account")
     */
    static <T> Optional<T> ofResident(String ref, String residentRef, Function<String, Optional<T>> find,
                                      Function<T, String> residentOf, String what, AuditTrail audit) {
        Optional<T> row = ref == null || ref.length() > 64 ? Optional.empty()
                : find.apply(ref).filter(a -> residentRef != null && residentRef.equals(residentOf.apply(a)));
        if (row.isEmpty()) {
            audit.record(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, Actor.residentOrAnonymous(residentRef))
                    .onNamed(ref).because(what + " not this resident's"));
        }
        return row;
    }
}
