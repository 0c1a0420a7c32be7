package org.townhall.mail.smtp;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.mail.Verdict;
import org.townhall.mail.checks.Finding;
import org.townhall.mail.checks.Incoming;
import org.townhall.mail.checks.PublicSuffixes;
import org.townhall.mail.checks.Screening;
import org.townhall.mail.store.DeliveryQueue;
import org.townhall.mail.store.Domains;
import org.townhall.mail.store.MessageStore;
import org.townhall.platform.PublicReferences;

/**
 * Writes a screened message down before the relay answers: content, findings and (when it is to
 * be delivered) its place in the delivery queue, in one transaction. Only after it commits does
 * the sender hear 250, so a crash at any moment either loses nothing or leaves the sender to try
 * again. Refused messages are recorded too, without their content, for the daily figures.
 */
@Component
public class Intake {

    private final MessageStore messages;
    private final DeliveryQueue queue;
    private final Domains domains;
    private final Clock clock;

    Intake(MessageStore messages, DeliveryQueue queue, Domains domains, Clock clock) {
        this.messages = messages;
        this.queue = queue;
        this.domains = domains;
        this.clock = clock;
    }

    /** Accepts a message for these recipients; reported copies wait for analysts and are never delivered. */
    @Transactional
    public String accept(Incoming.Envelope envelope, List<String> recipients, byte[] raw, Screening screening, boolean reported) {
        Instant now = clock.instant();
        String ref = PublicReferences.next();
        Verdict verdict = screening.verdict() == Verdict.REFUSE ? Verdict.QUARANTINE : screening.verdict();
        String state = reported || verdict == Verdict.QUARANTINE ? "QUARANTINED" : "QUEUED";
        long id = messages.insert(row(ref, now, envelope, recipients, raw.length, screening, verdict, state, reported),
                findings(screening, reported), raw);
        if (state.equals("QUEUED")) {
            queue.enqueue(id, PublicReferences.next(), now);
        }
        if (!reported) {
            domains.remember(Optional.ofNullable(authorDomain(screening)).stream().toList(), "SENDER", now);
            domains.remember(screening.linkDomains(), "LINK", now);
        }
        return ref;
    }

    /** Records a refusal (no content is kept: the sender's server still has the message). */
    @Transactional
    public String refused(Incoming.Envelope envelope, int size, Screening screening) {
        String ref = PublicReferences.next();
        messages.insert(row(ref, clock.instant(), envelope, envelope.recipients(), size, screening, Verdict.REFUSE, "REFUSED", false),
                findings(screening, false), null);
        return ref;
    }

    private MessageStore.NewMessage row(String ref, Instant now, Incoming.Envelope envelope, List<String> recipients, int size,
                                        Screening screening, Verdict verdict, String state, boolean reported) {
        String fromHeader = screening.mail() == null ? null : screening.mail().headers().first("From").orElse(null);
        String subject = screening.mail() == null ? null : screening.mail().subject();
        return new MessageStore.NewMessage(ref, now, envelope.clientAddress(), MessageStoreText.clean(envelope.helo(), 255),
                envelope.mailFrom(), recipients, fromHeader, MessageStoreText.clean(authorDomain(screening), 255), subject, size,
                screening.score(), verdict, state, reported, cleaned(screening.linkDomains()), List.copyOf(screening.attachmentHashes()),
                screening.authenticationResults());
    }

    private static List<MessageStore.FindingRow> findings(Screening screening, boolean reported) {
        List<MessageStore.FindingRow> rows = new ArrayList<>();
        if (reported) {
            rows.add(new MessageStore.FindingRow("reported", 0, "forwarded by staff to the report address as suspicious"));
        }
        for (Finding f : screening.findings()) {
            rows.add(new MessageStore.FindingRow(f.check(), f.score(), MessageStoreText.clean(f.reason(), 500)));
        }
        return rows;
    }

    private static String authorDomain(Screening screening) {
        if (screening.mail() == null) {
            return null;
        }
        return screening.mail().author().map(s -> PublicSuffixes.bundled().organisationalDomain(s.domain())).orElse(null);
    }

    private static List<String> cleaned(java.util.Collection<String> values) {
        return values.stream().map(v -> MessageStoreText.clean(v, 255)).filter(v -> v != null && !v.isBlank()).limit(200).toList();
    }

    /** Text bound for the database: no control characters (PostgreSQL refuses NUL), bounded length. */
    static final class MessageStoreText {
        static String clean(String s, int max) {
            if (s == null) {
                return null;
            }
            String c = s.replaceAll("[\\p{Cntrl}]", " ");
            return c.length() > max ? c.substring(0, max) : c;
        }
    }
}
