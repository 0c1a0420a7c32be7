package org.townhall.continuity;

import java.util.Arrays;
import java.util.Optional;

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

    /**
     * The service stored under this name, if it still exists. Switches, outages and maintenance
     * windows outlive the services they name: a service taken out of this list leaves rows that
     * must be passed over, not break the status page or the maintenance job.
     */
    public static Optional<ResidentService> named(String name) {
        return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst();
    }
}
