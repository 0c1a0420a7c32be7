package org.townhall.billing;

/** Why a finance officer removed a resident from an account: recorded in the audit trail by its name. */
public enum RemovalReason {
    NOT_LIABLE("No longer liable for the account, or no longer a tenant"),
    ASKED_BY_HOLDER("A holder of the account asked for it"),
    NOT_ENTITLED("Not entitled to see the account");

    private final String description;

    RemovalReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
