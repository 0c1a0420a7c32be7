package org.townhall.accounts;

/** What a member of staff may do. Each staff page names the roles it admits; nothing else gets in. */
public enum StaffRole {
    PARKING_OFFICER("Parking officer"),
    FINANCE_OFFICER("Finance officer"),
    SERVICE_MANAGER("Service manager"),
    SECURITY_ANALYST("Security analyst"),
    AUDITOR("Auditor"),
    ADMIN("Administrator"),
    /**
     * Passes parking cases between parking officers: work of someone away, or a case left with
     * someone who can no longer work it. A role of its own rather than a flag on parking officers,
     * so granting and removing it is the same audited act as any other role; it opens no case and
     * no evidence, so a team leader who also decides cases holds both roles.
     */
    PARKING_TEAM_LEAD("Parking team leader");

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
