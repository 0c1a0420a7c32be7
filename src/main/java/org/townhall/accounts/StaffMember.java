package org.townhall.accounts;

import java.util.Set;

/** A member of staff as the administrators' pages show them. */
public record StaffMember(String ref, String fullName, String email, Set<StaffRole> roles,
                          boolean passwordSet, boolean authenticatorSetUp, boolean demo) {
}
