package org.townhall.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
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
import org.townhall.platform.ClientOrigin;
import org.townhall.support.Outbox;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/** Personal data breaches: the Art 33 decision and clock, the ICO draft, and telling residents (Art 34). */
@TownhallTest
class BreachTest {

    @LocalServerPort int port;
    @Autowired IncidentRegister register;
    @Autowired IncidentDetails details;
    @Autowired ObservableActions observables;
    @Autowired Breaches breaches;
    @Autowired BreachNotices notices;
    @Autowired BreachDeadlines deadlines;
    @Autowired AuditTrail audit;
    @Autowired AccountFixtures accounts;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired TestClock clock;
    @Autowired Outbox outbox;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String anIncident() {
        return register.report(new IncidentRegister.Report("Appeal evidence readable by others", "Found by a member of the public.",
                IncidentKind.UNAUTHORISED_ACCESS), "staff-reporter").ref();
    }

    private static BreachAssessment breach(BreachRisk risk, boolean notify, String reason, Instant aware) {
        return new BreachAssessment(true, aware, "Appellants' evidence could be read by editing a URL", "Parking appellants", 71L,
                "Photographs, letters, bank statements", 119L, "Identity fraud; distress", "Access fixed; logs reviewed",
                "dpo@eastbridge.example", risk, notify, reason, null, null);
    }

    @Test
    void aBreachLikelyToHarmPeopleMustBeNotifiedAndNotNotifyingNeedsReasons() {
        String ref = anIncident();
        IncidentOutcome unreported = breaches.assess(ref, breach(BreachRisk.RISK, false, "we would rather not", null), "staff-a");
        assertThat(unreported.message()).contains("must be notified to the ICO");
        IncidentOutcome noReason = breaches.assess(ref, breach(BreachRisk.NONE, false, "", null), "staff-a");
        assertThat(noReason.message()).contains("Article 33(5)");
        assertThat(breaches.file(ref)).isEmpty();
        assertThat(breaches.assess(ref, breach(BreachRisk.NONE, false, "Encrypted laptop; key not lost", null), "staff-a").done()).isTrue();
        assertThat(breaches.file(ref).orElseThrow().clockRuns()).isFalse();
    }

    @Test
    void aLateInitialNotificationNeedsTheReasonsForTheDelay() {
        String ref = anIncident();
        Instant aware = clock.instant().minus(Duration.ofHours(80));
        assertThat(breaches.assess(ref, breach(BreachRisk.RISK, true, null, aware), "staff-a").done()).isTrue();
        assertThat(breaches.file(ref).orElseThrow().clock().overdue()).isTrue();
        Instant sent = clock.instant().minus(Duration.ofHours(1));
        IncidentOutcome refused = breaches.notifyIco(ref, IcoNotification.Phase.INITIAL, sent, "IC-1", "Initial report", null, "staff-a");
        assertThat(refused.field()).isEqualTo("lateReasons");
        assertThat(breaches.notifyIco(ref, IcoNotification.Phase.INITIAL, sent, "IC-1", "Initial report",
                "The leak was reported to a switchboard that was closed for the bank holiday", "staff-a").done()).isTrue();
        assertThat(breaches.notifyIco(ref, IcoNotification.Phase.FOLLOW_UP, clock.instant(), null, "Numbers confirmed", null, "staff-a")
                .done()).isTrue();
        BreachFile file = breaches.file(ref).orElseThrow();
        assertThat(file.notifications()).extracting(IcoNotification::phase)
                .containsExactly(IcoNotification.Phase.INITIAL, IcoNotification.Phase.FOLLOW_UP);
        assertThat(file.clock().notifiedLate()).isTrue();
    }

    @Test
    void warningsGoOutAt24And6HoursLeftAndWhenOverdueEachOnce() {
        String ref = anIncident();
        breaches.assess(ref, breach(BreachRisk.RISK, true, null, clock.instant()), "staff-a");
        deadlines.warn();
        int before = warnings();
        clock.advance(Duration.ofHours(49));
        assertThat(deadlines.warn()).isGreaterThanOrEqualTo(1);
        deadlines.warn();
        clock.advance(Duration.ofHours(18));
        deadlines.warn();
        clock.advance(Duration.ofHours(6));
        deadlines.warn();
        deadlines.warn();
        assertThat(warnings() - before).isEqualTo(3);
        assertThat(jdbc.sql("select warning from breach_clock_warning w join incident i on i.id = w.incident_id where i.public_ref = :r order by sent_at, warning")
                .param("r", ref).query(String.class).list()).containsExactlyInAnyOrder("HOURS_24", "HOURS_6", "OVERDUE");
    }

    private int warnings() {
        return (int) outbox.templatesSentTo("duty.analyst@example.com").stream().filter("BREACH_DEADLINE"::equals).count();
    }

    @Test
    void aHighRiskBreachTellsEachAffectedResidentOnceAndTheySeeItInTheirHistory() {
        List<AccountFixtures.Resident> people = List.of(accounts.aResident().build(), accounts.aResident().build(), accounts.aResident().build());
        String address = "198.18.77." + (int) (Math.random() * 200 + 1);
        transactions.executeWithoutResult(s -> people.forEach(p -> audit.record(AuditEntry.of(AuditAction.EVIDENCE_VIEWED,
                AuditOutcome.SUCCESS, Actor.resident("prowler")).about(p.ref()).on("DOC-" + p.ref()), new ClientOrigin(address, "x", null))));
        String ref = anIncident();
        details.addObservable(ref, ObservableKind.ADDRESS, address, "staff-a");
        String observable = register.open(ref, "staff-a").orElseThrow().observables().get(0).ref();
        assertThat(observables.investigate(ref, observable, "staff-a").done()).isTrue();
        assertThat(register.open(ref, "staff-a").orElseThrow().affectedResidents()).isEqualTo(3);

        assertThat(notices.approve(ref, "Your parking appeal evidence could be read.", "staff-a").field()).isEqualTo("wording");
        breaches.assess(ref, breach(BreachRisk.HIGH, true, null, null), "staff-a");
        assertThat(notices.approve(ref, "Your parking appeal evidence could be read by others. ((link))", "staff-a").done()).isTrue();
        assertThat(notices.approve(ref, "Second thoughts", "staff-a").message()).contains("reviewed once");
        assertThat(notices.tell(ref, "staff-a")).isEqualTo(3);
        assertThat(notices.tell(ref, "staff-a")).isZero();
        for (AccountFixtures.Resident person : people) {
            assertThat(outbox.templatesSentTo(person.email())).containsOnlyOnce("BREACH_NOTICE");
            assertThat(audit.eventsAbout(person.ref(), 10)).anySatisfy(e -> assertThat(e.action()).isEqualTo(AuditAction.BREACH_RESIDENT_TOLD));
        }
        String body = jdbc.sql("select personalisation->>'body' from notification_outbox where recipient = :e and template = 'BREACH_NOTICE'")
                .param("e", people.get(0).email()).query(String.class).single();
        assertThat(body).doesNotContain("((link))");
    }

    /** The notice goes to every affected resident, but a name greets only an address its owner confirmed (ADR 0014). */
    @Test
    void anAffectedResidentWhoseAddressIsUnconfirmedIsGreetedWithHello() {
        AccountFixtures.Resident confirmed = accounts.aResident().named("Amara Okafor").build();
        AccountFixtures.Resident unconfirmed = accounts.aResident().named("Ben Unconfirmed").unverified().build();
        String address = "198.18.78." + (int) (Math.random() * 200 + 1);
        transactions.executeWithoutResult(s -> List.of(confirmed, unconfirmed).forEach(p -> audit.record(AuditEntry.of(
                AuditAction.EVIDENCE_VIEWED, AuditOutcome.SUCCESS, Actor.resident("prowler")).about(p.ref()).on("DOC-" + p.ref()),
                new ClientOrigin(address, "x", null))));
        String ref = anIncident();
        details.addObservable(ref, ObservableKind.ADDRESS, address, "staff-a");
        String observable = register.open(ref, "staff-a").orElseThrow().observables().get(0).ref();
        assertThat(observables.investigate(ref, observable, "staff-a").done()).isTrue();
        breaches.assess(ref, breach(BreachRisk.HIGH, true, null, null), "staff-a");
        assertThat(notices.approve(ref, "Your parking appeal evidence could be read by others.", "staff-a").done()).isTrue();

        assertThat(notices.tell(ref, "staff-a")).isEqualTo(2);
        assertThat(outbox.lastFields(confirmed.email(), "BREACH_NOTICE")).contains("\"greeting\": \"Dear Amara Okafor\"");
        assertThat(outbox.lastFields(unconfirmed.email(), "BREACH_NOTICE")).contains("\"greeting\": \"Hello\"")
                .doesNotContain("Ben").contains("could be read by others");
    }

    @Test
    void theIcoDraftIsATaggedPdfWithTheArticle33FactsAndTheTextAsTyped() throws IOException {
        String ref = anIncident();
        BreachAssessment hostile = new BreachAssessment(true, null, "Evidence exposed <script>alert(1)</script> & more", "Appellants",
                71L, null, null, null, null, "dpo@eastbridge.example", BreachRisk.HIGH, true, null, null, null);
        assertThat(breaches.assess(ref, hostile, "staff-a").done()).isTrue();
        Visitor analyst = new Visitor(port);
        accounts.clearSignInThrottles();
        SignIns.asStaff(analyst, accounts.aStaffMember().withRole(StaffRole.SECURITY_ANALYST).enrolled().build());
        byte[] pdf = analyst.getBytes("/staff/incidents/" + ref + "/breach/ico-draft.pdf");
        assertThat(pdf).isNotNull();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Evidence exposed <script>alert(1)</script> & more").contains("Approximate number of people")
                    .contains("71").contains("dpo@eastbridge.example").contains("72 hours from awareness");
            assertThat(document.getDocumentCatalog().getStructureTreeRoot()).as("tagged").isNotNull();
            assertThat(document.getDocumentCatalog().getMarkInfo().isMarked()).isTrue();
            assertThat(document.getDocumentCatalog().getLanguage()).startsWith("en");
            org.townhall.support.TaggedPdfChecks.assertTagged(document, "Personal data breach notification draft");
        }
        Visitor parking = new Visitor(port);
        SignIns.asStaff(parking, accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).enrolled().build());
        assertThat(parking.get("/staff/incidents/" + ref + "/breach/ico-draft.pdf").status()).isEqualTo(403);
    }
}
