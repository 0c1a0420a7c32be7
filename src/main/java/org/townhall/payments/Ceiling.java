package org.townhall.payments;

/**
 * The most that may be with the payment provider at once for one thing (an account, a parking
 * fine), this payment included. Payments started, not yet finished, are counted against it under a
 * lock on the thing paid, so two tabs cannot both pass (ADR 0016).
 */
public sealed interface Ceiling {

    /**
     * What is owed on this ledger account (debit-positive, a sum of its lines): council tax, where
     * paying more than the account owes is an overpayment to refund.
     */
    record Owed(String ledgerAccount) implements Ceiling {
        public Owed {
            if (ledgerAccount == null || !ledgerAccount.matches("[a-z-]+:[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("Owed on a ledger account such as council-tax:REF");
            }
        }
    }

    /** A fixed amount: rent (credit allowed, up to the online limit at once) or a fine (one payment at a time). */
    record AtOnce(long pence) implements Ceiling {
        public AtOnce {
            if (pence <= 0) {
                throw new IllegalArgumentException("A ceiling is more than nothing");
            }
        }
    }

    static Ceiling owedOn(String ledgerAccount) {
        return new Owed(ledgerAccount);
    }

    static Ceiling atMost(long pence) {
        return new AtOnce(pence);
    }

    /** Nothing else may be with the provider while this payment is. */
    static Ceiling oneAtATime(long amountPence) {
        return new AtOnce(amountPence);
    }
}
