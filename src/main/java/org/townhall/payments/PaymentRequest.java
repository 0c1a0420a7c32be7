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
 * @param ceiling       the most that may be with the provider at once for what is paid, this
 *                      payment included (ADR 0016)
 */
public record PaymentRequest(String idempotencyKey, String residentRef, Purpose purpose, String payingFor,
                             String description, long amountPence, String creditAccount, String returnPath, Ceiling ceiling) {

    /** A payment for something paid one payment at a time (a parking fine). */
    public PaymentRequest(String idempotencyKey, String residentRef, Purpose purpose, String payingFor, String description,
                          long amountPence, String creditAccount, String returnPath) {
        this(idempotencyKey, residentRef, purpose, payingFor, description, amountPence, creditAccount, returnPath,
                amountPence > 0 ? Ceiling.oneAtATime(amountPence) : null);
    }

    public PaymentRequest {
        if (amountPence <= 0) {
            throw new IllegalArgumentException("A payment must be for more than nothing");
        }
        if (ceiling == null) {
            throw new IllegalArgumentException("A payment needs a ceiling");
        }
        if (returnPath == null || !returnPath.matches("/[A-Za-z0-9/_-]*")) {
            throw new IllegalArgumentException("A payment returns to a path on this site");
        }
    }

    /** The same payment with another idempotency key: what continuing it starts. */
    PaymentRequest withIdempotencyKey(String key) {
        return new PaymentRequest(key, residentRef, purpose, payingFor, description, amountPence, creditAccount, returnPath, ceiling);
    }

    String fingerprint() {
        return String.join("|", residentRef, purpose.name(), payingFor, Long.toString(amountPence), creditAccount);
    }
}
