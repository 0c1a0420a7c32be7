package org.townhall.mail.message;

import java.util.List;
import java.util.Optional;

/**
 * What a message says, read leniently and within limits: its header fields, the sender as the
 * From field names them, its text (plain and HTML, every text part together, and the HTML's
 * visible text, read once), its attachments,
 * and what was wrong with its structure. Nothing here is trusted: it is what the sender wrote.
 */
public record ParsedMail(RawHeaders headers, List<Sender> from, List<Sender> replyTo, String subject, String text,
                         String html, String htmlText, List<Attachment> attachments, List<String> problems, boolean nestedTooDeep) {

    /** A mailbox as written: display name (may be empty) and address, with its domain in lower case. */
    public record Sender(String displayName, String address, String domain) {
    }

    /** The From field's one mailbox; empty when there is none or more than one (RFC 7489 6.6.1). */
    public Optional<Sender> author() {
        return from.size() == 1 ? Optional.of(from.get(0)) : Optional.empty();
    }

    /** Plain text and the HTML's visible text together, for checks that read words. */
    public String allText() {
        return text + "\n" + htmlText;
    }
}
