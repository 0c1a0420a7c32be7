package org.townhall.audit.web;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.stream.Stream;

/** The audit search form; every part is optional. */
record AuditSearchForm(
        @Size(max = 254, message = "Actor must be 254 characters or fewer")
        @Pattern(regexp = "[\\p{Alnum}@._+\\-]*", message = "Actor must be an email address or a reference")
        String actor,
        @Size(max = 254, message = "Subject must be 254 characters or fewer")
        @Pattern(regexp = "[\\p{Alnum}@._+\\-]*", message = "Subject must be an email address or a reference")
        String subject,
        @Size(max = 49, message = "Client address must be an IP address or range")
        @Pattern(regexp = "[0-9a-fA-F.:/]*", message = "Client address must be an IP address or range, like 203.0.113.7 or 203.0.113.0/24")
        String clientAddress,
        @Size(max = 64) @Pattern(regexp = "[A-Z_]*", message = "Choose an action from the list")
        String action,
        // Dates stay text until the search reads them, so one that cannot be read is an error
        // message on the page rather than a form that could not be built.
        @Size(max = 25) String from,
        @Size(max = 25) String to) {

    /** Whether anything was asked: an empty form shows the form, not the whole trail. */
    boolean asked() {
        return Stream.of(actor, subject, clientAddress, action).anyMatch(v -> v != null && !v.isBlank())
                || (from != null && !from.isBlank()) || (to != null && !to.isBlank());
    }

    static AuditSearchForm empty() {
        return new AuditSearchForm("", "", "", "", "", "");
    }
}
