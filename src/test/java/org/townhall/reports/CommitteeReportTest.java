package org.townhall.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.incidents.BreachAssessment;
import org.townhall.incidents.BreachRisk;
import org.townhall.incidents.Breaches;
import org.townhall.incidents.IcoNotification;
import org.townhall.incidents.IncidentEdit;
import org.townhall.incidents.IncidentKind;
import org.townhall.incidents.IncidentRegister;
import org.townhall.incidents.IncidentStatus;
import org.townhall.incidents.NcscCategory;
import org.townhall.incidents.Severity;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.PublicReferences;
import org.townhall.shield.AddressRules;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * A month long before any other test's data (March 2019), filled with known events, and every
 * figure of the committee's report checked against them: in the CSV, on the page and in the PDF.
 */
@TownhallTest
class CommitteeReportTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @LocalServerPort int port;
    @Autowired TestClock clock;
    @Autowired IncidentRegister register;
    @Autowired Breaches breaches;
    @Autowired AuditTrail audit;
    @Autowired AddressRules rules;
    @Autowired AccountFixtures accounts;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void clockAt(String londonTime) {
        clock.reset();
        clock.advance(Duration.between(Instant.now(), LocalDateTime.parse(londonTime).atZone(LONDON).toInstant()));
    }

    private static Timestamp at(String londonTime) {
        return Timestamp.from(LocalDateTime.parse(londonTime).atZone(LONDON).toInstant());
    }

    private void record(int times, AuditEntry entry) {
        transactions.executeWithoutResult(s -> {
            for (int i = 0; i < times; i++) {
                audit.record(entry, new ClientOrigin("192.0.2.9", "report-" + PublicReferences.next(), null));
            }
        });
    }

    private BreachAssessment breach(BreachRisk risk, boolean notify, String reason) {
        return new BreachAssessment(risk != null, null, "nature", null, null, null, null, null, null, null,
                risk == null ? BreachRisk.NONE : risk, notify, reason, null, null);
    }

    private void buildMarch2019() {
        clockAt("2019-03-10T12:00");
        String phishing = register.report(new IncidentRegister.Report("Phish", "d", IncidentKind.PHISHING), "staff-r").ref();
        String letter = register.report(new IncidentRegister.Report("Letter", "d", IncidentKind.MISDIRECTED_DATA), "staff-r").ref();
        String email = register.report(new IncidentRegister.Report("Email", "d", IncidentKind.MISDIRECTED_DATA), "staff-r").ref();
        register.change(phishing, new IncidentEdit(0, null, null, NcscCategory.SUBSTANTIAL, Severity.HIGH, null, null, null), "staff-a");
        breaches.assess(letter, breach(BreachRisk.RISK, true, null), "staff-a");
        breaches.assess(email, breach(BreachRisk.RISK, true, null), "staff-a");
        breaches.assess(phishing, breach(null, false, "No personal data"), "staff-a");
        clock.advance(Duration.ofHours(5));
        register.change(letter, new IncidentEdit(0, null, null, null, null, IncidentStatus.CONTAINED, null, null), "staff-a");
        breaches.notifyIco(letter, IcoNotification.Phase.INITIAL, clock.instant(), "IC-1", "initial", null, "staff-a");
        clock.advance(Duration.ofHours(10));
        register.change(email, new IncidentEdit(0, null, null, null, null, IncidentStatus.CONTAINED, null, null), "staff-a");

        AccountFixtures.Staff reader = accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).build();
        jdbc.sql("update staff_member set full_name = '=HYPERLINK(\"http://evil.example\")' where public_ref = :r").param("r", reader.ref()).update();
        String owner = PublicReferences.next();
        record(1, AuditEntry.of(AuditAction.FLOOD_DETECTED, AuditOutcome.DENIED, Actor.system()).because("flood"));
        record(4, AuditEntry.of(AuditAction.SIGN_IN_THROTTLED, AuditOutcome.DENIED, Actor.anonymous()));
        rules.add(AddressRules.Kind.BLOCK, "198.51.100.0/24", "attack", Duration.ofHours(1), "staff-a");
        rules.add(AddressRules.Kind.BLOCK, "198.51.101.7", "attack", Duration.ofHours(1), "staff-a");
        rules.add(AddressRules.Kind.ALLOW, "10.1.0.0/16", "office", Duration.ofHours(1), "staff-a");
        record(3, AuditEntry.of(AuditAction.EVIDENCE_REFUSED, AuditOutcome.DENIED, Actor.resident(owner)).because("x.exe: not allowed"));
        record(5, AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, Actor.resident("prowler")).because("evidence of case C-1"));
        record(2, AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, Actor.anonymous()).because("sign-in required"));
        for (int i = 0; i < 6; i++) {
            record(1, AuditEntry.of(AuditAction.EVIDENCE_VIEWED, AuditOutcome.SUCCESS, Actor.staff(reader.ref())).about("R" + (i % 4)).on("D" + i));
        }
        record(2, AuditEntry.of(AuditAction.EVIDENCE_VIEWED, AuditOutcome.SUCCESS, Actor.staff("staff-b")).about("R9").on("D9"));
        record(3, AuditEntry.of(AuditAction.EVIDENCE_VIEWED, AuditOutcome.SUCCESS, Actor.resident(owner)).about(owner).on("D0"));
        record(2, AuditEntry.of(AuditAction.AUDIT_VERIFIED, AuditOutcome.SUCCESS, Actor.staff("staff-a")));
        record(1, AuditEntry.of(AuditAction.AUDIT_VERIFIED, AuditOutcome.FAILURE, Actor.staff("staff-a")));
        record(2, AuditEntry.of(AuditAction.DEADLINE_EXTENDED, AuditOutcome.SUCCESS, Actor.system()).about("R1"));
        record(1, AuditEntry.of(AuditAction.DEADLINE_EXTENDED, AuditOutcome.SUCCESS, Actor.system()).about("R2"));

        jdbc.sql("""
                insert into shield_refusal_tally (minute, instance, request_class, reason, refusals) values
                    (:m1, 'a', 'BULK', 'rate', 100), (:m1, 'b', 'BULK', 'rate', 20), (:m2, 'a', 'NORMAL', 'shed', 7), (:out, 'a', 'BULK', 'rate', 999)
                on conflict do nothing""")
                .param("m1", at("2019-03-05T10:00")).param("m2", at("2019-03-31T23:59")).param("out", at("2019-04-01T00:00")).update();
        jdbc.sql("""
                insert into service_outage (public_ref, service, started_at, ended_at) values
                    (:a, 'PCN_PAYMENTS', :a1, :a2), (:b, 'CHALLENGES', :b1, :b2)""")
                .param("a", PublicReferences.next()).param("a1", at("2019-03-05T10:00")).param("a2", at("2019-03-05T12:00"))
                .param("b", PublicReferences.next()).param("b1", at("2019-02-28T23:00")).param("b2", at("2019-03-01T01:00")).update();
        jdbc.sql("""
                insert into maintenance_window (public_ref, service, starts_at, ends_at, announced_by, started, ended)
                values (:r, 'PCN_PAYMENTS', :s, :e, 'staff-m', true, true)""")
                .param("r", PublicReferences.next()).param("s", at("2019-03-05T10:30")).param("e", at("2019-03-05T11:00")).update();
    }

    @Test
    void everyFigureOfAMonthWithKnownEventsIsOnTheReport() throws IOException {
        buildMarch2019();
        clock.reset();
        Visitor auditor = new Visitor(port);
        accounts.clearSignInThrottles();
        SignIns.asStaff(auditor, accounts.aStaffMember().withRole(StaffRole.AUDITOR).enrolled().build());

        String csv = auditor.get("/staff/reports/2019-03.csv").body();
        List<String> expected = List.of(
                "2019-03,incidents,opened,3", "2019-03,incidents,opened by detection,0",
                "2019-03,incidents by kind,Phishing,1", "2019-03,incidents by kind,Personal data sent to the wrong person,2",
                "2019-03,incidents by kind,Malware or ransomware,0",
                "2019-03,incidents by NCSC category,category 4,1", "2019-03,incidents by NCSC category,not categorised,2",
                "2019-03,incidents by severity,High,1", "2019-03,incidents by severity,Medium,2",
                "2019-03,breaches,personal data breaches,2", "2019-03,breaches,to notify to the ICO,2",
                "2019-03,breaches,notified within 72 hours,1", "2019-03,containment,incidents contained,2",
                "2019-03,containment,median hours to contain,10.0",
                "2019-03,shield refusals,BULK rate,120", "2019-03,shield refusals,NORMAL shed,7",
                "2019-03,attacks refused,flood minutes,1", "2019-03,attacks refused,throttled sign-ins,4",
                "2019-03,attacks refused,addresses blocked,2", "2019-03,attacks refused,malware or dangerous files refused,3",
                "2019-03,attacks refused,evidence requests refused,5",
                "2019-03,downtime minutes,Paying parking fines,120", "2019-03,planned maintenance minutes,Paying parking fines,30",
                "2019-03,downtime minutes,Challenging parking fines,60", "2019-03,downtime minutes,Paying rent,0",
                "2019-03,deadlines,deadlines moved,3", "2019-03,deadlines,residents told,2",
                "2019-03,evidence,reads,11", "2019-03,evidence,reads by their owners,3", "2019-03,evidence,reads by staff,8",
                "2019-03,evidence reads by staff member,staff-b,2",
                "2019-03,audit verification,intact,2", "2019-03,audit verification,failed,1");
        assertThat(csv.lines().toList()).containsAll(expected);
        // A staff name that a spreadsheet would run as a formula is shown as text.
        assertThat(csv).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\")\",6").doesNotContain(",=HYPERLINK");

        String page = auditor.get("/staff/reports?period=2019-03").body();
        assertThat(page).contains("March 2019").contains("3 (0 by automatic detection)").contains("1 (50%)")
                .contains("10.0 hours").contains("15.0 hours").contains("11 (3 by their owners, 8 by staff)").contains("2 intact, 1 failed")
                .contains("src=\"/staff/reports/2019-03/charts/incidents-by-kind.png\"").contains("alt=\"Bar chart: Incidents opened, by kind, 3 in all");
        byte[] chart = auditor.getBytes("/staff/reports/2019-03/charts/attacks-refused.png");
        assertThat(chart).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});

        try (PDDocument pdf = Loader.loadPDF(auditor.getBytes("/staff/reports/2019-03.pdf"))) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Audit committee report: March 2019").contains("Notified within 72 hours").contains("1 (50%)")
                    .contains("2 intact, 1 failed").contains("=HYPERLINK");
            assertThat(pdf.getDocumentCatalog().getStructureTreeRoot()).isNotNull();
            org.townhall.support.TaggedPdfChecks.assertTagged(pdf, "Audit committee report: March 2019");
        }
    }

    @Test
    void aPeriodThatIsNotAMonthQuarterOrYearIsRefusedClearly() {
        Visitor analyst = new Visitor(port);
        accounts.clearSignInThrottles();
        SignIns.asStaff(analyst, accounts.aStaffMember().withRole(StaffRole.SECURITY_ANALYST).enrolled().build());
        Visitor.Page page = analyst.get("/staff/reports?period=2019-13");
        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("Enter a month like 2026-07");
        assertThat(analyst.get("/staff/reports/2019-Q5.csv").status()).isEqualTo(404);
    }

    @Test
    void quartersAndYearsRunFromLondonMidnightAcrossClockChanges() {
        ReportPeriod q1 = ReportPeriod.parse("2027-q1").orElseThrow();
        assertThat(q1.from()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        ReportPeriod q2 = ReportPeriod.parse("2027-Q2").orElseThrow();
        assertThat(q2.from()).isEqualTo(Instant.parse("2027-03-31T23:00:00Z"));
        assertThat(q1.to()).isEqualTo(q2.from());
        assertThat(ReportPeriod.parse("2026").orElseThrow().to()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }
}
