package org.townhall.accounts;

/** What a member of staff may do. Each staff page names the roles it admits; nothing else gets in. */
public enum StaffRole {
    PARKING_OFFICER("Parking officer"),
    FINANCE_OFFICER("Finance officer"),
    SERVICE_MANAGER("Service manager"),
    SECURITY_ANALYST("Security analyst"),
    AUDITOR("Auditor"),
    ADMIN("Administrator");

    private final String title;

    StaffRole(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** The Spring Security authority, as {@code hasRole('...')} expects it. */
    public String authority() {
        return "ROLE_" + name();
    }
}
