package org.townhall.accounts;

/**
 * A staff member lost a role. Published inside the transaction that removed it, so work that
 * needed the role (parking cases assigned to an officer) is handed back in the same commit, never
 * left with someone who can no longer do it.
 */
public record StaffRoleRevoked(String staffRef, StaffRole role, String revokedBy) {
}
