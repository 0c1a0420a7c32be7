package org.townhall.payments;

/**
 * What a module asks payments to take. The module that knows what is owed (billing, parking)
 * decides the amount and what it pays for; nothing here comes from the browser except the
 * idempotency key the pay form carried.
 *
 * @param payingFor     the public reference of the account or PCN paid
 * @param creditAccount the ledger account the money is credited to (the resident's council tax
 *                      or rent account, or parking income)
 * @param returnPath    where the resident goes back to afterwards: a path on this site, never a URL
 */
public record PaymentRequest(String idempotencyKey, String residentRef, Purpose purpose, String payingFor,
                             String description, long amountPence, String creditAccount, String returnPath) {

    public PaymentRequest {
        if (amountPence <= 0) {
            throw new IllegalArgumentException("A payment must be for more than nothing");
        }
        if (returnPath == null || !returnPath.matches("/[A-Za-z0-9/_-]*")) {
            throw new IllegalArgumentException("A payment returns to a path on this site");
        }
    }

    String fingerprint() {
        return String.join("|", residentRef, purpose.name(), payingFor, Long.toString(amountPence), creditAccount);
    }
}
