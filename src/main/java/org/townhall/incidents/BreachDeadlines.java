package org.townhall.incidents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.accounts.StaffAccounts;
import org.townhall.accounts.StaffMember;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.incidents.detect.DetectionSettings;
import org.townhall.incidents.store.BreachStore;
import org.townhall.incidents.store.TimelineStore;
import org.townhall.notifications.Notifier;
import org.townhall.notifications.StaffEmail;

/**
 * Warns the duty analyst and the incident's owner when a breach's 72-hour clock has 24 hours
 * left, then 6, then when it has run out; each warning once. Every five minutes, on one instance
 * (an advisory lock): a warning is never more than five minutes late, or sent twice.
 */
@Component
public class BreachDeadlines {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm");

    private final BreachStore breaches;
    private final TimelineStore timeline;
    private final StaffAccounts staff;
    private final Notifier notifier;
    private final AuditTrail audit;
    private final DetectionSettings settings;
    private final Clock clock;
    private final String baseUrl;

    BreachDeadlines(BreachStore breaches, TimelineStore timeline, StaffAccounts staff, Notifier notifier, AuditTrail audit,
                    DetectionSettings settings, Clock clock, @Value("${townhall.base-url}") String baseUrl) {
        this.breaches = breaches;
        this.timeline = timeline;
        this.staff = staff;
        this.notifier = notifier;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT2M")
    void everyFiveMinutes() {
        if (settings.scheduled()) {
            warn();
        }
    }

    /** Sends the warnings now due; returns how many. */
    @Transactional
    public int warn() {
        if (!breaches.tryDeadlineLock()) {
            return 0;
        }
        Instant now = clock.instant();
        int sent = 0;
        for (BreachStore.Clocked breach : breaches.awaitingNotification()) {
            BreachClock breachClock = new BreachClock(breach.awareAt(), null, now);
            Duration left = breachClock.left();
            String warning = left.isNegative() || left.isZero() ? "OVERDUE"
                    : left.compareTo(Duration.ofHours(6)) <= 0 ? "HOURS_6" : left.compareTo(Duration.ofHours(24)) <= 0 ? "HOURS_24" : null;
            if (warning == null || !breaches.warn(breach.incidentId(), warning, now)) {
                continue;
            }
            // A later warning stands for the earlier ones it overtook: they are not sent late.
            if (!warning.equals("HOURS_24")) {
                breaches.warn(breach.incidentId(), "HOURS_24", now);
            }
            if (warning.equals("OVERDUE")) {
                breaches.warn(breach.incidentId(), "HOURS_6", now);
            }
            for (String email : recipients(breach)) {
                notifier.sendEmail(new StaffEmail.BreachDeadline(breach.reference(), breachClock.describe().toLowerCase(),
                        WHEN.format(breachClock.deadlineLondon()), baseUrl + "/staff/incidents/" + breach.ref()), email);
            }
            timeline.append(breach.incidentId(), now, null, TimelineEntry.Kind.CLOCK_WARNING, "72-hour clock: "
                    + breachClock.describe() + "; deadline " + WHEN.format(breachClock.deadlineLondon()) + " (London time). Warning emailed.");
            audit.record(AuditEntry.of(AuditAction.BREACH_CLOCK_WARNING, AuditOutcome.SUCCESS, Actor.system())
                    .on(breach.reference()).because(warning));
            sent++;
        }
        return sent;
    }

    private Set<String> recipients(BreachStore.Clocked breach) {
        Set<String> emails = new LinkedHashSet<>();
        if (settings.dutyAnalystEmail() != null && !settings.dutyAnalystEmail().isBlank()) {
            emails.add(settings.dutyAnalystEmail().trim());
        }
        if (breach.ownerRef() != null) {
            staff.find(breach.ownerRef()).map(StaffMember::email).ifPresent(emails::add);
        }
        return emails;
    }
}
