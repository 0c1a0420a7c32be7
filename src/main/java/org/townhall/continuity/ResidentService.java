package org.townhall.continuity;

/** The resident services a service manager can switch, in the words residents use. */
public enum ResidentService {
    SIGN_IN("Signing in and creating accounts"),
    PCN_VIEWER("Looking up parking fines"),
    CHALLENGES("Challenging parking fines"),
    COUNCIL_TAX_PAYMENTS("Paying council tax"),
    RENT_PAYMENTS("Paying rent"),
    PCN_PAYMENTS("Paying parking fines");

    private final String title;

    ResidentService(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** Residents pay through it, so it can have a GOV.UK Pay payment link for when Townhall is down. */
    public boolean takesPayments() {
        return this == COUNCIL_TAX_PAYMENTS || this == RENT_PAYMENTS || this == PCN_PAYMENTS;
    }
}
