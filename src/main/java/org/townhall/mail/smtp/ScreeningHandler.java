package org.townhall.mail.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.townhall.mail.MailSettings;
import org.townhall.mail.Verdict;
import org.townhall.mail.checks.Finding;
import org.townhall.mail.checks.Incoming;
import org.townhall.mail.checks.PublicSuffixes;
import org.townhall.mail.checks.Screener;
import org.townhall.mail.checks.Screening;
import org.townhall.mail.message.RawHeaders;
import org.townhall.mail.store.Domains;

/**
 * One SMTP mail transaction: who it is from (a blocked domain is refused at once), who it is
 * for (only the council's own domains: never an open relay), then the message itself: read
 * within SIZE, refused if it smuggles, stripped of any screening header the sender forged,
 * screened, and refused, or written down before "250" is said.
 */
final class ScreeningHandler implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(ScreeningHandler.class);
    /** A header section larger than this is no mail client's: 256 KB (Postfix stops at 100 KB). */
    static final int MAX_HEADER_BYTES = 256 * 1024;
    static final int MAX_RECIPIENTS = 100;
    /** local@domain in RFC 5321 dot-atom form, nothing else: no quotes, routes, %, ! or second @. */
    static final java.util.regex.Pattern PLAIN_MAILBOX = java.util.regex.Pattern.compile(
            "[a-z0-9#$&'*+/=?^_`{|}~-]+(\\.[a-z0-9#$&'*+/=?^_`{|}~-]+)*@[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

    private final MessageContext context;
    private final MailSettings settings;
    private final Screener screener;
    private final Intake intake;
    private final Domains domains;
    private final Runnable accepted;
    private String from = "";
    private final List<String> recipients = new ArrayList<>();

    ScreeningHandler(MessageContext context, MailSettings settings, Screener screener, Intake intake, Domains domains,
                     Runnable accepted) {
        this.accepted = accepted;
        this.context = context;
        this.settings = settings;
        this.screener = screener;
        this.intake = intake;
        this.domains = domains;
    }

    @Override
    public void from(String address) throws RejectException {
        this.from = address == null ? "" : address.strip();
        String domain = domainOf(from);
        if (!domain.isEmpty()) {
            var reason = domains.blockReason(PublicSuffixes.bundled().organisationalDomain(domain));
            if (reason.isPresent()) {
                throw new RejectException(550, "5.7.1 Mail from " + domain + " is refused: the council has blocked it as phishing");
            }
        }
    }

    @Override
    public void recipient(String address) throws RejectException {
        String recipient = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
        if (recipient.equals("postmaster") && !settings.domains().isEmpty()) {
            // "Postmaster" with no domain must be accepted by every SMTP server (RFC 5321 4.5.1):
            // it is how another server's operator reaches ours. It goes to the council's own.
            recipient = "postmaster@" + settings.domains().get(0).toLowerCase(Locale.ROOT);
        }
        if (!PLAIN_MAILBOX.matcher(recipient).matches()) {
            // A source route ("@elsewhere:you@council"), a percent hack ("you%elsewhere@council"), a
            // bang path, a quoted local part or a list in one address: the council's own
            // addresses need none of them, and a mail server behind the relay may still honour
            // one and send the message on to somewhere outside (RFC 5321 3.6.1, 4.1.1.3, C).
            throw new RejectException(550, "5.7.1 Relaying denied: only a plain address at the council's own domains is accepted");
        }
        if (!settings.isCouncilDomain(domainOf(recipient))) {
            throw new RejectException(550, "5.7.1 Relaying denied: this server accepts mail only for the council's own addresses");
        }
        if (recipients.size() >= MAX_RECIPIENTS) {
            throw new RejectException(452, "4.5.3 Too many recipients");
        }
        recipients.add(recipient);
    }

    @Override
    public String data(InputStream stream) throws RejectException, IOException {
        int max = settings.relay().maxMessageBytes();
        long start = System.nanoTime();
        DataReader.Data data = DataReader.read(stream, max);
        screener.times().add("receive DATA", System.nanoTime() - start);
        if (data.tooLarge()) {
            throw new RejectException(552, "5.3.4 Message too big: the limit is " + max + " bytes");
        }
        if (data.smuggling()) {
            throw new RejectException(554, "5.6.0 Bare LF or CR line endings around a lone dot are refused (only CRLF.CRLF ends a message)");
        }
        RawHeaders headers;
        try {
            headers = RawHeaders.parse(data.bytes(), MAX_HEADER_BYTES);
        } catch (RawHeaders.TooLarge e) {
            throw new RejectException(552, "5.3.4 Message header section too large: the limit is " + MAX_HEADER_BYTES + " bytes");
        }
        byte[] raw = data.bytes();
        boolean forged = headers.count(settings.resultHeader()) > 0;
        if (forged) {
            raw = headers.without(raw, Set.of(settings.resultHeader()));
            headers = reparse(raw);
        }
        Incoming.Envelope envelope = new Incoming.Envelope(clientAddress(), context.getHelo().orElse(""), from, List.copyOf(recipients));
        Screening screening = screener.screen(envelope, headers, raw);
        if (forged) {
            screening = withFinding(screening, Finding.of("forged header", 2, "the sender wrote its own " + settings.resultHeader()
                    + " header, which was removed"));
        }
        List<String> reported = recipients.stream().filter(r -> r.equals(settings.reportAddress())).toList();
        List<String> others = recipients.stream().filter(r -> !r.equals(settings.reportAddress())).toList();
        try {
            if (screening.verdict() == Verdict.REFUSE && others.size() > 0) {
                intake.refused(envelope, raw.length, screening);
                Finding why = screening.leading();
                throw new RejectException(550, "5.7.1 Message refused: " + refusal(why));
            }
            String ref = null;
            long storing = System.nanoTime();
            if (!reported.isEmpty()) {
                ref = intake.accept(envelope, reported, raw, screening, true);
            }
            if (!others.isEmpty()) {
                ref = intake.accept(envelope, others, raw, screening, false);
            }
            screener.times().add("store before 250", System.nanoTime() - storing);
            accepted.run();
            return "2.0.0 Ok: queued as " + ref;
        } catch (RejectException refusal) {
            throw refusal;
        } catch (RuntimeException storeFailed) {
            log.error("Mail could not be stored; the sender was told to try again: {}", storeFailed.toString());
            throw new RejectException(451, "4.3.0 Temporary failure, please try again later");
        }
    }

    @Override
    public void done() {
    }

    /** What the sender's server is told: the check, never the analysts' full detail. */
    private static String refusal(Finding finding) {
        return switch (finding.check()) {
            case "malware" -> "it carries malware";
            case "DMARC" -> "the sender's domain policy (DMARC) says to reject it";
            case "structure" -> "its structure is nested too deeply to be read";
            default -> finding.check();
        };
    }

    private static RawHeaders reparse(byte[] raw) {
        try {
            return RawHeaders.parse(raw, MAX_HEADER_BYTES);
        } catch (RawHeaders.TooLarge impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Screening withFinding(Screening s, Finding extra) {
        List<Finding> all = new ArrayList<>(s.findings());
        all.add(extra);
        return new Screening(s.mail(), List.copyOf(all), s.score() + extra.score(), s.verdict(), s.linkDomains(),
                s.attachmentHashes(), s.authenticationResults());
    }

    private String clientAddress() {
        return context.getRemoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : "unknown";
    }

    static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
        return domain.endsWith(">") ? domain.substring(0, domain.length() - 1) : domain;
    }
}
