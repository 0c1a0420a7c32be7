package org.townhall.continuity;

/** On; degraded (residents can look but not change anything); off. */
public enum ServiceState {
    ON("Working normally"),
    DEGRADED("Read only"),
    OFF("Unavailable");

    private final String description;

    ServiceState(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
