package org.townhall.mail.web;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The quarantine search; every part optional. Dates stay text until read, so a bad one is an error on the page. */
record MailSearchForm(
        @Size(max = 254, message = "Sender must be 254 characters or fewer") String sender,
        @Size(max = 253, message = "Domain must be 253 characters or fewer")
        @Pattern(regexp = "[\\p{L}\\p{N}.\\-]*", message = "Domain must be a domain name, like example.com") String domain,
        @Size(max = 254, message = "Recipient must be 254 characters or fewer") String recipient,
        @Pattern(regexp = "|DELIVER|WARN|QUARANTINE|REFUSE", message = "Choose a verdict from the list") String verdict,
        @Size(max = 25) String from,
        @Size(max = 25) String to) {

    static MailSearchForm empty() {
        return new MailSearchForm("", "", "", "", "", "");
    }
}
