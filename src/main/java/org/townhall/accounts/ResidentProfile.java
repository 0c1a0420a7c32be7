package org.townhall.accounts;

import java.time.Instant;

/** A resident's own details, as their account page shows them. */
public record ResidentProfile(String ref, String fullName, String email, Instant createdAt, boolean demo) {
}
