package org.townhall.payments;

import java.util.Optional;

/**
 * What a reference typed on a GOV.UK Pay payment link pays: billing answers for council tax
 * account numbers and tenancy references, parking for PCN numbers. An edge between payments and
 * the modules that know what is owed, so it has one implementation per such module.
 */
public interface LinkReferences {

    /** The account {@code reference} (already trimmed, upper case, spaces taken out) names, if any. */
    Optional<Payee> payeeFor(String reference);

    /**
     * Whether {@code amountPence}, taken at {@code takenAt}, pays what {@code payee} owed then. An
     * account that takes part payments (council tax, rent) says yes; a fine is settled only by
     * what was due on the day, so a short payment is held for a finance officer, never applied.
     */
    default boolean paysInFull(Payee payee, long amountPence, java.time.Instant takenAt) {
        return true;
    }

    /**
     * @param payingFor     the account's ref, as a payment started in Townhall records it
     * @param creditAccount the ledger account credited
     * @param payableNow    false when it can be paid only once and already is (a settled parking fine)
     */
    record Payee(Purpose purpose, String payingFor, String creditAccount, String description, boolean payableNow) {
    }
}
