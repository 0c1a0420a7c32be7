package org.townhall.audit;

import java.util.Optional;

/**
 * Turns the email address an analyst types into the public reference the trail stores. Accounts
 * supplies it: audit cannot call accounts directly, because accounts writes to audit.
 */
public interface PeopleDirectory {

    Optional<String> referenceForEmail(String email);
}
