package org.townhall.backup;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditAnchor;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditQuery;
import org.townhall.audit.AuditTrail;
import org.townhall.notifications.Notifier;
import org.townhall.notifications.StaffEmail;
import org.townhall.platform.ClockConfiguration;

/**
 * Once a day the audit chains are anchored afresh and that signed checkpoint is emailed to the
 * auditors (ADR 0022). The backup store keeps anchors where the database's roles cannot reach
 * them; the auditors' mailboxes are a second place, outside the council's systems altogether, that
 * whoever took the servers cannot rewrite either. Sent through the outbox, so a checkpoint is
 * never lost between the decision to send it and GOV.UK Notify.
 */
@Component
class AuditCheckpointEmails {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpointEmails.class);
    /** One instance sends the day's checkpoint; the others find it sent (a transaction-level advisory lock). */
    private static final long LOCK = 0x7A0D17L << 12 | 0xACE;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm:ss");

    private final AuditAnchors anchors;
    private final AuditTrail audit;
    private final Notifier notifier;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final List<String> auditors;

    AuditCheckpointEmails(AuditAnchors anchors, AuditTrail audit, Notifier notifier, TransactionTemplate transactions,
                          JdbcClient jdbc, Clock clock, @Value("${townhall.backup.auditor-emails:}") String auditors) {
        this.anchors = anchors;
        this.audit = audit;
        this.notifier = notifier;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
        this.auditors = Arrays.stream(auditors.split(",")).map(String::trim).filter(a -> !a.isEmpty()).toList();
    }

    /** Every morning (06:30 London time), unless today's was already sent. */
    @Scheduled(cron = "${townhall.backup.checkpoint-email-cron:0 30 6 * * *}", zone = "Europe/London")
    void emailDaily() {
        try {
            emailToday();
        } catch (RuntimeException e) {
            log.error("Could not email the audit checkpoint to the auditors: {}", e.getMessage());
        }
    }

    /**
     * Anchors the chains now and queues that signed checkpoint to every auditor, once a day across
     * all instances; returns the anchor sent, or empty when today's was already sent or there is
     * nobody to send it to.
     */
    Optional<AuditAnchor> emailToday() {
        if (auditors.isEmpty()) {
            log.warn("No auditors to email the audit checkpoint to: set TOWNHALL_AUDITOR_EMAILS");
            return Optional.empty();
        }
        return transactions.execute(status -> {
            boolean mine = Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:lock)").param("lock", LOCK)
                    .query(Boolean.class).single());
            if (!mine || sentToday()) {
                return Optional.<AuditAnchor>empty();
            }
            AuditAnchors.Signed latest = anchors.anchorSigned();
            AuditAnchor anchor = latest.anchor();
            StaffEmail.AuditCheckpoint message = new StaffEmail.AuditCheckpoint(anchor.name(),
                    WHEN.format(anchor.takenAt().atZone(ClockConfiguration.LONDON)), heads(anchor), latest.text());
            for (String auditor : auditors) {
                notifier.sendEmail(message, auditor);
            }
            audit.record(AuditEntry.of(AuditAction.AUDIT_CHECKPOINT_EMAILED, AuditOutcome.SUCCESS, Actor.system())
                    .on(anchor.name()).because("to " + auditors.size() + " auditor" + (auditors.size() == 1 ? "" : "s")));
            return Optional.of(anchor);
        });
    }

    private boolean sentToday() {
        LocalDate today = LocalDate.now(clock.withZone(ClockConfiguration.LONDON));
        return !audit.search(new AuditQuery(null, null, null, AuditAction.AUDIT_CHECKPOINT_EMAILED,
                today.atStartOfDay(ClockConfiguration.LONDON).toInstant(),
                today.plusDays(1).atStartOfDay(ClockConfiguration.LONDON).toInstant())).isEmpty();
    }

    private static String heads(AuditAnchor anchor) {
        return anchor.heads().stream()
                .map(h -> "Chain " + h.chain() + ": record " + h.id() + ", hash " + h.rowHash())
                .collect(Collectors.joining("\n"));
    }
}
