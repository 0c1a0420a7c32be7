package org.townhall.mail;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.mail.smtp.Delivery;
import org.townhall.mail.store.DeliveryQueue;
import org.townhall.mail.store.Domains;
import org.townhall.mail.store.Figures;
import org.townhall.mail.store.MessageStore;
import org.townhall.mail.store.MessageStore.MessageRow;
import org.townhall.platform.PublicReferences;

/**
 * What security analysts do with screened mail: search it, read it safely, release what was
 * wrongly held, delete, and declare a message phishing, which blocks its sender's domain and
 * gathers its whole campaign. Every act is audited against the analyst.
 */
@Service
public class Quarantine {

    /** A search page shows at most this many messages. */
    public static final int PAGE_LIMIT = 200;
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final MessageStore messages;
    private final DeliveryQueue queue;
    private final Domains domains;
    private final Figures figures;
    private final Delivery delivery;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Quarantine(MessageStore messages, DeliveryQueue queue, Domains domains, Figures figures, Delivery delivery, AuditTrail audit,
               ApplicationEventPublisher events, Clock clock) {
        this.messages = messages;
        this.queue = queue;
        this.domains = domains;
        this.figures = figures;
        this.delivery = delivery;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The quarantine (when no criteria are given) or whatever the criteria find, newest first. */
    @Transactional
    public List<ScreenedMail.Summary> search(ScreenedMail.Search search, String analystRef) {
        boolean any = search.any();
        List<MessageRow> rows = messages.search(new MessageStore.Criteria(search.sender(), search.domain(), search.recipient(),
                search.verdict(), any ? null : "QUARANTINED", search.from(), search.to()), PAGE_LIMIT);
        if (any) {
            audit.record(AuditEntry.of(AuditAction.MAIL_SEARCHED, AuditOutcome.SUCCESS, Actor.staff(analystRef))
                    .because(describe(search)));
        }
        return rows.stream().map(Quarantine::summary).toList();
    }

    /** Messages accepted and still on their way to the mail server: waiting or retrying. */
    @Transactional(readOnly = true)
    public List<ScreenedMail.Summary> undelivered() {
        return messages.search(new MessageStore.Criteria(null, null, null, null, "QUEUED", null, null), PAGE_LIMIT).stream()
                .filter(r -> "WAITING".equals(r.deliveryState()) || "SENDING".equals(r.deliveryState())
                        || "ENDING".equals(r.deliveryState())).map(Quarantine::summary).toList();
    }

    /**
     * The analysts' queue of deliveries the relay will not settle alone: uncertain after a crash
     * (the mail server may already hold the message, so sending it again could deliver it twice)
     * and failed. Each waits here, oldest first, until an analyst releases it (sends it again,
     * having checked the mail server) or deletes it.
     */
    @Transactional(readOnly = true)
    public List<ScreenedMail.Summary> awaitingDecision() {
        return messages.awaitingDecision(PAGE_LIMIT).stream().map(Quarantine::summary).toList();
    }

    @Transactional
    public Optional<ScreenedMail.SafeView> view(String ref, String analystRef) {
        Optional<MessageRow> found = messages.find(ref);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MessageRow row = found.get();
        audit.record(AuditEntry.of(AuditAction.MAIL_VIEWED, AuditOutcome.SUCCESS, Actor.staff(analystRef)).on(ref));
        List<ScreenedMail.Finding> findings = messages.findings(row.id()).stream()
                .map(f -> new ScreenedMail.Finding(f.check(), f.score(), f.reason())).toList();
        Optional<byte[]> raw = messages.content(row.id());
        SafeViews.Read read = raw.map(SafeViews::read).orElse(new SafeViews.Read("", List.of(), List.of(), List.of()));
        return Optional.of(new ScreenedMail.SafeView(summary(row), row.clientAddress(), row.envelopeFrom(),
                row.authenticationResults(), findings, read.headers(), read.text(), read.links(), read.attachments(),
                raw.isPresent(), row.releasedBy()));
    }

    /**
     * Sends a held message on to its recipients (never a reported copy: that went to the analysts
     * only), or sends again one whose delivery failed or is uncertain after a crash, once the
     * analyst has checked that the mail server does not have it.
     */
    @Transactional
    public boolean release(String ref, String analystRef) {
        Optional<MessageRow> found = messages.lock(ref);
        if (found.isEmpty() || !releasable(found.get()) || messages.content(found.get().id()).isEmpty()) {
            audit.record(AuditEntry.of(AuditAction.MAIL_RELEASED, AuditOutcome.DENIED, Actor.staff(analystRef)).on(ref)
                    .because("not a held message"));
            return false;
        }
        String was = found.get().deliveryState();
        messages.released(found.get().id(), analystRef, clock.instant());
        queue.enqueue(found.get().id(), PublicReferences.next(), clock.instant());
        audit.record(AuditEntry.of(AuditAction.MAIL_RELEASED, AuditOutcome.SUCCESS, Actor.staff(analystRef)).on(ref)
                .because("UNCERTAIN".equals(was) ? "sent again after an uncertain delivery, the mail server checked"
                        : "FAILED".equals(was) ? "sent again after a failed delivery" : "released from quarantine"));
        delivery.wake();
        return true;
    }

    /** Held and not a reported copy, or accepted but not known to be delivered. */
    public static boolean releasable(ScreenedMail.Summary m) {
        return m.state().equals("QUARANTINED") && !m.reported()
                || ("QUEUED".equals(m.state()) || "FAILED".equals(m.state()))
                && ("UNCERTAIN".equals(m.deliveryState()) || "FAILED".equals(m.deliveryState()));
    }

    private static boolean releasable(MessageRow row) {
        return releasable(summary(row));
    }

    @Transactional
    public boolean delete(String ref, String analystRef) {
        Optional<MessageRow> found = messages.lock(ref);
        if (found.isEmpty() || found.get().state().equals("DELETED")) {
            return false;
        }
        String was = found.get().deliveryState();
        queue.cancel(found.get().id());
        messages.deleted(found.get().id(), analystRef, clock.instant());
        audit.record(AuditEntry.of(AuditAction.MAIL_DELETED, AuditOutcome.SUCCESS, Actor.staff(analystRef)).on(ref)
                .because("UNCERTAIN".equals(was) || "FAILED".equals(was) ? "delivery " + was.toLowerCase(java.util.Locale.ROOT)
                        + ", not to be sent again" : "deleted"));
        return true;
    }

    /**
     * "This is phishing": blocks the sender's domain, then finds every message of the same
     * campaign (same sender domain, a link to the same domain, or the same attachment) for every
     * recipient. Those still waiting are held; those delivered are taken back where the mail
     * server allows it, and listed otherwise. The incident register hears of it by event.
     */
    @Transactional
    public Optional<ScreenedMail.Campaign> reportPhishing(String ref, String analystRef) {
        Optional<MessageRow> found = messages.lock(ref);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MessageRow row = found.get();
        Instant now = clock.instant();
        String domain = row.fromDomain();
        if (domain != null && !domain.isBlank() && domains.block(domain, "phishing (message " + ref + ")", analystRef, now)) {
            audit.record(AuditEntry.of(AuditAction.MAIL_DOMAIN_BLOCKED, AuditOutcome.SUCCESS, Actor.staff(analystRef))
                    .on(domain).because("message " + ref));
        }
        List<ScreenedMail.Summary> held = new ArrayList<>();
        List<ScreenedMail.Summary> listed = new ArrayList<>();
        hold(row, held, listed);
        for (MessageRow other : messages.campaign(row.id(), domain, row.linkDomains(), row.attachmentHashes(), 1000)) {
            hold(other, held, listed);
        }
        List<String> refs = new ArrayList<>();
        refs.add(ref);
        held.forEach(s -> refs.add(s.ref()));
        listed.forEach(s -> refs.add(s.ref()));
        int recipients = row.recipients().size() + held.stream().mapToInt(s -> s.recipients().size()).sum()
                + listed.stream().mapToInt(s -> s.recipients().size()).sum();
        audit.record(AuditEntry.of(AuditAction.MAIL_PHISHING_REPORTED, AuditOutcome.SUCCESS, Actor.staff(analystRef)).on(ref)
                .because(held.size() + " held or recalled, " + listed.size() + " delivered and not recalled"));
        events.publishEvent(new PhishingCampaignReported(ref, domain, row.linkDomains(), List.copyOf(refs.stream().distinct().toList()),
                recipients, analystRef, now));
        return Optional.of(new ScreenedMail.Campaign(domain, held, listed));
    }

    private void hold(MessageRow row, List<ScreenedMail.Summary> held, List<ScreenedMail.Summary> listed) {
        switch (row.state()) {
            case "QUEUED", "FAILED" -> {
                queue.cancel(row.id());
                messages.setState(row.id(), "QUARANTINED");
                held.add(summary(row));
            }
            case "DELIVERED" -> {
                String key = messages.deliveryKey(row.id()).orElse(null);
                if (key != null && delivery.pullBack(key)) {
                    messages.pulledBack(row.id());
                    held.add(summary(row));
                } else {
                    listed.add(summary(row));
                }
            }
            default -> {
            }
        }
    }

    /** The last {@code days} London days, newest first, with every check that found something. */
    @Transactional(readOnly = true)
    public List<ScreenedMail.DailyFigures> dailyFigures(int days) {
        LocalDate today = LocalDate.now(clock.withZone(LONDON));
        Instant from = today.minusDays(days - 1L).atStartOfDay(LONDON).toInstant();
        Instant to = today.plusDays(1).atStartOfDay(LONDON).toInstant();
        Map<LocalDate, long[]> counts = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (Figures.VerdictCount c : figures.verdicts(from, to)) {
            long[] day = counts.computeIfAbsent(c.day(), d -> new long[5]);
            day[0] += c.messages();
            day[switch (c.verdict()) {
                case "DELIVER" -> 1;
                case "WARN" -> 2;
                case "QUARANTINE" -> 3;
                default -> 4;
            }] += c.messages();
        }
        List<Figures.ReasonCount> reasons = figures.reasons(from, to);
        return counts.entrySet().stream().map(e -> new ScreenedMail.DailyFigures(e.getKey(), e.getValue()[0], e.getValue()[1],
                e.getValue()[2], e.getValue()[3], e.getValue()[4], reasons.stream().filter(r -> r.day().equals(e.getKey()))
                .map(r -> new ScreenedMail.ReasonCount(r.check(), r.messages())).toList())).toList();
    }

    static ScreenedMail.Summary summary(MessageRow r) {
        return new ScreenedMail.Summary(r.ref(), r.receivedAt(), r.fromHeader() == null ? r.envelopeFrom() : r.fromHeader(),
                r.subject(), r.recipients(), r.score(), r.verdict(), r.state(), r.reported(), r.deliveryState(), r.attempts(),
                r.nextAttemptAt(), r.lastError());
    }

    private static String describe(ScreenedMail.Search s) {
        String text = "sender=" + s.sender() + " domain=" + s.domain() + " recipient=" + s.recipient() + " verdict=" + s.verdict();
        return text.length() > 300 ? text.substring(0, 300) : text;
    }
}
