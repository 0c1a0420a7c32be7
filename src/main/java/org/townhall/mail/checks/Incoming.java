package org.townhall.mail.checks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.townhall.mail.message.ParsedMail;

/**
 * A message being screened: the SMTP envelope (what the connecting server said), the message as
 * it arrived, what it says, and what earlier checks learnt that later ones use (the sender
 * authentication result, every link found, the domains of the council's lookalikes).
 */
public final class Incoming {

    private final Envelope envelope;
    private final byte[] raw;
    private final ParsedMail mail;
    private final List<Link> links = new ArrayList<>();
    private final Set<String> attachmentHashes = new LinkedHashSet<>();
    private boolean authenticated;
    private boolean firstFromDomain;
    private String authenticationResults = "";

    /** The envelope: the client's address and HELO name, MAIL FROM (empty for bounces), RCPT TO. */
    public record Envelope(String clientAddress, String helo, String mailFrom, List<String> recipients) {
        public String mailFromDomain() {
            int at = mailFrom == null ? -1 : mailFrom.lastIndexOf('@');
            return at < 0 ? "" : mailFrom.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Incoming(Envelope envelope, byte[] raw, ParsedMail mail) {
        this.envelope = envelope;
        this.raw = raw;
        this.mail = mail;
    }

    public Envelope envelope() {
        return envelope;
    }

    public byte[] raw() {
        return raw;
    }

    public ParsedMail mail() {
        return mail;
    }

    public List<Link> links() {
        return links;
    }

    public void addLink(Link link) {
        if (links.size() < 2000) {
            links.add(link);
        }
    }

    public Set<String> attachmentHashes() {
        return attachmentHashes;
    }

    /** True once DMARC passed for the From domain: the author's domain is who it says. */
    public boolean authenticated() {
        return authenticated;
    }

    void authenticated(boolean value, String results) {
        this.authenticated = value;
        this.authenticationResults = results;
    }

    /** The council has never had mail from the sender's domain before this message. */
    public boolean isFirstFromDomain() {
        return firstFromDomain;
    }

    void firstFromDomain() {
        this.firstFromDomain = true;
    }

    /** The RFC 8601 Authentication-Results value for the downstream server. */
    public String authenticationResults() {
        return authenticationResults;
    }

    /** The author's domain from the From field, or empty. */
    public String fromDomain() {
        return mail.author().map(ParsedMail.Sender::domain).orElse("");
    }
}
