package org.townhall.payments;

/** What a payment is for; each has its own income account in the ledger. */
public enum Purpose {
    COUNCIL_TAX("Council tax"), RENT("Rent"), PCN("Parking fine");

    private final String label;

    Purpose(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
