package org.townhall.accounts;

import java.io.Serial;
import java.io.Serializable;
import java.security.Principal;
import java.util.Set;

/**
 * Who a session belongs to. Kept in the session (in PostgreSQL), so it holds only what every page
 * needs: no password hash, no secrets. Its name is the public reference, which is what the audit
 * trail records and what "sign out everywhere" looks sessions up by.
 */
public record SignedInUser(Kind kind, String ref, String fullName, String email, Set<StaffRole> roles)
        implements Principal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public enum Kind { RESIDENT, STAFF }

    @Override
    public String getName() {
        return ref;
    }

    public boolean isStaff() {
        return kind == Kind.STAFF;
    }

    /** True when the request is signed in as a member of staff (false when anonymous or a resident). */
    public static boolean isStaff(org.springframework.security.core.Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof SignedInUser user && user.isStaff();
    }

    /** For pages deciding which links to show; access itself is decided by the security rules. */
    public boolean hasRole(String role) {
        return roles.stream().anyMatch(r -> r.name().equals(role));
    }
}
