package org.townhall.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.accounts.StaffAccounts;
import org.townhall.accounts.StaffMember;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditFigures;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.audit.Csv;
import org.townhall.continuity.DowntimeFigures;
import org.townhall.incidents.IncidentFigures;
import org.townhall.incidents.IncidentKind;
import org.townhall.incidents.Severity;
import org.townhall.platform.ClockConfiguration;
import org.townhall.reports.store.RefusalStore;

/**
 * Builds the audit committee's report for a period from each module's figures, and writes it as
 * CSV. Generating it is audited: it names the staff who read residents' evidence.
 */
@Service
public class CommitteeReports {

    private final IncidentFigures incidents;
    private final AuditFigures trail;
    private final DowntimeFigures downtime;
    private final RefusalStore refusals;
    private final StaffAccounts staff;
    private final AuditTrail audit;
    private final Clock clock;

    CommitteeReports(IncidentFigures incidents, AuditFigures trail, DowntimeFigures downtime, RefusalStore refusals,
                     StaffAccounts staff, AuditTrail audit, Clock clock) {
        this.incidents = incidents;
        this.trail = trail;
        this.downtime = downtime;
        this.refusals = refusals;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public CommitteeReport generate(ReportPeriod period, String staffRef, String format) {
        audit.record(AuditEntry.of(AuditAction.COMMITTEE_REPORT_GENERATED, AuditOutcome.SUCCESS, Actor.staff(staffRef))
                .on(period.code()).because(format));
        return figures(period);
    }

    /** The figures alone, for the charts of a report already generated (not audited again). */
    @Transactional(readOnly = true)
    public CommitteeReport figures(ReportPeriod period) {
        Map<String, String> names = staff.all().stream().collect(Collectors.toMap(StaffMember::ref, StaffMember::fullName, (a, b) -> a));
        return new CommitteeReport(period, clock.instant().atZone(ClockConfiguration.LONDON),
                incidents.period(period.from(), period.to()), trail.period(period.from(), period.to()),
                refusals.byClassAndReason(period.from(), period.to()), downtime.period(period.from(), period.to()), names);
    }

    /** One line per figure: section, figure, value. Cells that look like formulas are defused. */
    public void csv(CommitteeReport report, Writer out) {
        try {
            out.write(Csv.line("period", "section", "figure", "value"));
            String p = report.period().code();
            IncidentFigures.Figures i = report.incidents();
            line(out, p, "incidents", "opened", i.opened());
            line(out, p, "incidents", "opened by detection", i.openedByDetection());
            for (IncidentKind kind : IncidentKind.values()) {
                line(out, p, "incidents by kind", kind.title(), i.byKind().get(kind));
            }
            i.byCategory().forEach((category, n) -> line(out, p, "incidents by NCSC category",
                    category == 0 ? "not categorised" : "category " + category, n));
            for (Severity severity : Severity.values()) {
                line(out, p, "incidents by severity", severity.title(), i.bySeverity().get(severity));
            }
            line(out, p, "breaches", "personal data breaches", i.breaches());
            line(out, p, "breaches", "to notify to the ICO", i.breachesToNotify());
            line(out, p, "breaches", "notified within 72 hours", i.notifiedWithin72Hours());
            line(out, p, "containment", "incidents contained", i.contained());
            out.write(Csv.line(p, "containment", "median hours to contain", i.medianHoursToContain() == null ? "" : String.format("%.1f", i.medianHoursToContain())));
            AuditFigures.PeriodFigures t = report.trail();
            report.shieldRefusals().forEach((what, n) -> line(out, p, "shield refusals", what, n));
            line(out, p, "attacks refused", "flood minutes", t.floodMinutes());
            line(out, p, "attacks refused", "throttled sign-ins", t.throttledSignIns());
            line(out, p, "attacks refused", "addresses blocked", t.addressesBlocked());
            line(out, p, "attacks refused", "malware or dangerous files refused", t.filesRefused());
            line(out, p, "attacks refused", "evidence requests refused", t.evidenceRequestsRefused());
            report.downtime().forEach((service, d) -> {
                line(out, p, "downtime minutes", service.title(), d.minutes());
                line(out, p, "planned maintenance minutes", service.title(), d.plannedMinutes());
            });
            line(out, p, "deadlines", "deadlines moved", t.deadlinesMoved());
            line(out, p, "deadlines", "residents told", t.residentsToldOfMovedDeadlines());
            line(out, p, "evidence", "reads", t.evidenceReads());
            line(out, p, "evidence", "reads by their owners", t.evidenceReadsByOwners());
            line(out, p, "evidence", "reads by staff", t.evidenceReadsByStaff());
            for (AuditFigures.StaffReads reader : t.staffReaders()) {
                line(out, p, "evidence reads by staff member", report.staffName(reader.staffRef()), reader.reads());
            }
            line(out, p, "audit verification", "intact", t.verificationsIntact());
            line(out, p, "audit verification", "failed", t.verificationsFailed());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(Writer out, String period, String section, String figure, Long value) {
        try {
            out.write(Csv.line(period, section, figure, value == null ? "0" : Long.toString(value)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
