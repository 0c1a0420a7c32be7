package org.townhall.mail;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.townhall.mail.checks.AttachmentCheck;
import org.townhall.mail.checks.BlockedDomainCheck;
import org.townhall.mail.checks.CouncilServiceCheck;
import org.townhall.mail.checks.ImpersonationCheck;
import org.townhall.mail.checks.Incoming;
import org.townhall.mail.checks.LanguageCheck;
import org.townhall.mail.checks.LinkCheck;
import org.townhall.mail.checks.LocalDns;
import org.townhall.mail.checks.Lookalikes;
import org.townhall.mail.checks.MalwareCheck;
import org.townhall.mail.checks.PublicSuffixes;
import org.townhall.mail.checks.Screener;
import org.townhall.mail.checks.Screening;
import org.townhall.mail.checks.SenderAuthenticationCheck;
import org.townhall.mail.checks.ThreatFeeds;
import org.townhall.mail.language.LanguageModel;
import org.townhall.mail.message.RawHeaders;

/**
 * The screener as the relay builds it, without the application: DNS from the bundled local
 * zone, one member of staff (Sarah Whitfield), every domain seen for the first time, the
 * council's supplier Northgate on the protected list, the built-in malware scanner's EICAR rule
 * and the shipped language model.
 */
public final class Screeners {

    private static final LanguageModel LANGUAGE = new LanguageModel();
    public static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    private Screeners() {
    }

    public static MailSettings settings() {
        List<String> protectedDomains = new java.util.ArrayList<>(new MailSettings(null, null, null, null, null, null, null, null,
                null, null, null).impersonation().protectedDomains());
        protectedDomains.add("northgate-supplies.example");
        return new MailSettings(null, null, null, null, null, null,
                new MailSettings.Impersonation(protectedDomains, null, null), null, null, null, null);
    }

    public static LocalDns dns() {
        return new LocalDns().load(Screeners.class.getResourceAsStream("/mail/local-dns.txt"));
    }

    public static Screener screener(LocalDns dns, ThreatFeeds feeds) {
        MailSettings settings = settings();
        PublicSuffixes suffixes = PublicSuffixes.bundled();
        Lookalikes lookalikes = new Lookalikes(settings.domains(), settings.impersonation().protectedDomains(),
                settings.impersonation().councilNames(), List.of(), suffixes);
        return new Screener(List.of(
                new SenderAuthenticationCheck(dns, suffixes, settings),
                new BlockedDomainCheck(d -> Optional.empty(), suffixes),
                new ImpersonationCheck(settings, lookalikes, () -> Set.of(ImpersonationCheck.staffKey("Sarah Whitfield")), d -> false, suffixes),
                new LinkCheck(settings, lookalikes, feeds, d -> false, suffixes),
                new AttachmentCheck(),
                new MalwareCheck(bytes -> new String(bytes, StandardCharsets.ISO_8859_1).contains(EICAR)
                        ? Optional.of("EICAR test signature") : Optional.empty()),
                new LanguageCheck(LANGUAGE::spamProbability),
                new CouncilServiceCheck(lookalikes)), settings, suffixes);
    }

    /** Screens a message file; "X-Test-Envelope-From" and "X-Test-Client" lines at its top set the envelope. */
    public static Screening screen(Screener screener, InputStream in) throws Exception {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        String envelopeFrom = null;
        String client = "203.0.113.50";
        while (text.startsWith("X-Test-")) {
            int end = text.indexOf("\r\n");
            String line = text.substring(0, end);
            if (line.startsWith("X-Test-Envelope-From: ")) {
                envelopeFrom = line.substring(22).strip();
            } else if (line.startsWith("X-Test-Client: ")) {
                client = line.substring(15).strip();
            }
            text = text.substring(end + 2);
        }
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        RawHeaders headers = RawHeaders.parse(raw, 256 * 1024);
        if (envelopeFrom == null) {
            String from = headers.first("From").orElse("");
            envelopeFrom = from.contains("<") ? from.substring(from.indexOf('<') + 1, from.indexOf('>')) : from.strip();
        }
        return screener.screen(new Incoming.Envelope(client, "mail.example.net", envelopeFrom, List.of("someone@eastbridge.example")),
                headers, raw);
    }
}
