package org.townhall.payments;

/**
 * Who is asking the provider how a payment went, which decides how a busy row is met and who the
 * audit trail names.
 */
enum Settling {
    /** A resident's return, a receipt page or the provider's notification: waits for the row, acts for the resident. */
    FOR_THE_RESIDENT,
    /** The reconciliation job: passes over a row another instance holds, acts as the system. */
    RECONCILING
}
