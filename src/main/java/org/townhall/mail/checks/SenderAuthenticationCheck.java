package org.townhall.mail.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.townhall.mail.MailSettings;

/**
 * Is the sender who the From field says? SPF for the envelope, DKIM for the signatures, DMARC for
 * the From domain's own policy on both. A DMARC failure under a reject policy refuses the message
 * during the conversation, as the domain's owner asked (RFC 7489 6.6.4, 10.3); mail claiming to
 * be from the council that the council's own DMARC does not pass is treated the same way.
 */
public final class SenderAuthenticationCheck implements Check {

    static final String NAME = "sender authentication";

    private final Spf spf;
    private final Dkim dkim;
    private final Dmarc dmarc;
    private final MailSettings settings;

    public SenderAuthenticationCheck(Dns dns, PublicSuffixes suffixes, MailSettings settings) {
        this.spf = new Spf(dns);
        this.dkim = new Dkim(dns);
        this.dmarc = new Dmarc(dns, suffixes);
        this.settings = settings;
    }

    @Override
    public List<Finding> check(Incoming mail) {
        Incoming.Envelope envelope = mail.envelope();
        List<Finding> findings = new ArrayList<>();
        Spf.Result spfResult = spf.check(envelope.clientAddress(), envelope.mailFrom(), envelope.helo());
        findings.add(Finding.of("SPF", switch (spfResult.result()) {
            case "fail" -> 3;
            case "softfail", "permerror" -> 1;
            default -> 0;
        }, "SPF " + spfResult.result() + " for " + spfResult.domain() + " from " + envelope.clientAddress()));

        // jDKIM builds a whole MIME tree (and looks its factory up on the classpath) for every
        // message it is given; unsigned mail, most of it, has nothing for it to verify.
        Dkim.Signatures signatures = mail.mail().headers().count("DKIM-Signature") == 0 ? Dkim.Signatures.NONE : dkim.verify(mail.raw());
        if (signatures.signed()) {
            findings.add(Finding.of("DKIM", signatures.passed().isEmpty() ? 1 : 0, signatures.passed().isEmpty()
                    ? "DKIM signature does not verify (" + String.join(", ", signatures.failed()) + ")"
                    : "DKIM signature verifies for " + String.join(", ", signatures.passed())));
        } else {
            findings.add(Finding.of("DKIM", 0, "not DKIM signed"));
        }

        String fromDomain = mail.fromDomain();
        Dmarc.Outcome outcome = dmarc.evaluate(fromDomain, spfResult, signatures);
        mail.authenticated(outcome.passed(), settings.relay().hostName() + "; spf=" + spfResult.result()
                + " smtp.mailfrom=" + token(spfResult.domain()) + "; dkim=" + (signatures.passed().isEmpty()
                ? (signatures.signed() ? "fail" : "none") : "pass header.d=" + token(signatures.passed().get(0)))
                + "; dmarc=" + outcome.result() + " header.from=" + (fromDomain.isEmpty() ? "unknown" : token(PublicSuffixes.ascii(fromDomain))));
        if (outcome.passed()) {
            findings.add(Finding.of("DMARC", -3, outcome.reason()));
        } else if (settings.isCouncilDomain(fromDomain)) {
            findings.add(Finding.refusing("DMARC", 20, "claims to be from the council (" + fromDomain
                    + ") but was not sent or signed by the council: " + outcome.reason()));
        } else if ("fail".equals(outcome.result())) {
            findings.add(switch (outcome.policy()) {
                case REJECT -> Finding.refusing("DMARC", 20, outcome.reason());
                case QUARANTINE -> Finding.of("DMARC", 8, outcome.reason());
                case NONE -> Finding.of("DMARC", fromDomain.isEmpty() ? 4 : 2, outcome.reason());
            });
        } else {
            // No policy at all is common (small organisations, residents' providers): it proves nothing either way.
            findings.add(Finding.of("DMARC", 0, outcome.reason()));
        }
        return findings;
    }

    /**
     * A domain as it may stand in the Authentication-Results the mail server reads (RFC 8601):
     * the sender wrote it, so anything but a domain's own characters ("evil.example; dkim=pass")
     * is not copied in where the mail server would read it as another result.
     */
    static String token(String domain) {
        return domain != null && domain.matches("[A-Za-z0-9._-]{1,253}") ? domain : "invalid";
    }

    static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
