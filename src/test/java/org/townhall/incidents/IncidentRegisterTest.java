package org.townhall.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;

/** The register's rules, asked of the services and the database directly. */
@TownhallTest
class IncidentRegisterTest {

    @Autowired IncidentRegister register;
    @Autowired IncidentDetails details;
    @Autowired JdbcClient jdbc;
    @Autowired AuditRows audit;

    private String anIncident() {
        return register.report(new IncidentRegister.Report("Letter in the wrong envelope", "Mrs A's bill went to Mr B.",
                IncidentKind.MISDIRECTED_DATA), "staff-reporter").ref();
    }

    private Incident current(String ref) {
        return register.open(ref, "staff-analyst").orElseThrow().incident();
    }

    private IncidentEdit moveTo(int version, IncidentStatus status) {
        return new IncidentEdit(version, null, null, null, null, status, null, null);
    }

    @Test
    void statusMovesOnlyAlongTheTable() {
        String ref = anIncident();
        IncidentOutcome skipped = register.change(ref, moveTo(0, IncidentStatus.RECOVERED), "staff-analyst");
        assertThat(skipped.status()).isEqualTo(IncidentOutcome.Status.REFUSED);
        assertThat(skipped.message()).contains("cannot move to recovered");
        for (IncidentStatus next : List.of(IncidentStatus.CONTAINED, IncidentStatus.ERADICATED, IncidentStatus.RECOVERED,
                IncidentStatus.CLOSED)) {
            assertThat(register.change(ref, moveTo(current(ref).version(), next), "staff-analyst").done()).isTrue();
        }
        Incident closed = current(ref);
        assertThat(closed.status()).isEqualTo(IncidentStatus.CLOSED);
        assertThat(closed.containedAt()).isNotNull();
        assertThat(closed.closedAt()).isNotNull();
    }

    @Test
    void theDatabaseRefusesAMoveOutsideTheTable() {
        String ref = anIncident();
        assertThatThrownBy(() -> jdbc.sql("update incident set status = 'RECOVERED' where public_ref = :r").param("r", ref).update())
                .hasStackTraceContaining("an incident cannot move from TRIAGE to RECOVERED");
        jdbc.sql("update incident set status = 'CONTAINED' where public_ref = :r").param("r", ref).update();
        assertThatThrownBy(() -> jdbc.sql("update incident set status = 'TRIAGE' where public_ref = :r").param("r", ref).update())
                .hasStackTraceContaining("an incident cannot move from CONTAINED to TRIAGE");
    }

    @Test
    void theTimelineCannotBeChangedOrRemoved() {
        String ref = anIncident();
        register.addNote(ref, "Called the recipient; letter returned unopened.", "staff-analyst");
        assertThatThrownBy(() -> jdbc.sql("update incident_timeline set body = 'nothing happened' where incident_id = "
                + "(select id from incident where public_ref = :r)").param("r", ref).update())
                .hasStackTraceContaining("incident_timeline is kept");
        assertThatThrownBy(() -> jdbc.sql("delete from incident_timeline where incident_id = "
                + "(select id from incident where public_ref = :r)").param("r", ref).update())
                .hasStackTraceContaining("incident_timeline is kept");
        assertThatThrownBy(() -> jdbc.sql("delete from incident where public_ref = :r").param("r", ref).update())
                .hasStackTraceContaining("incident is kept");
    }

    @Test
    void twoAnalystsChangingOneIncidentAtOnceLoseNoUpdateAndBothAreAudited() throws Exception {
        String ref = anIncident();
        long before = audit.lastId();
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<IncidentOutcome> first = CompletableFuture.supplyAsync(() -> {
            await(start);
            return register.change(ref, new IncidentEdit(0, null, null, null, Severity.HIGH, null, null, "Bills of 40 people"), "staff-one");
        });
        CompletableFuture<IncidentOutcome> second = CompletableFuture.supplyAsync(() -> {
            await(start);
            return register.change(ref, new IncidentEdit(0, null, null, NcscCategory.LOCALISED, null, null, null, null), "staff-two");
        });
        start.countDown();
        List<IncidentOutcome.Status> outcomes = List.of(first.get().status(), second.get().status());
        assertThat(outcomes).containsExactlyInAnyOrder(IncidentOutcome.Status.DONE, IncidentOutcome.Status.CONFLICT);
        Incident after = current(ref);
        assertThat(after.version()).isEqualTo(1);
        // Whichever won, the loser's change is absent rather than half-applied over the winner's.
        assertThat(after.severity() == Severity.HIGH ^ after.category() == NcscCategory.LOCALISED).isTrue();
        assertThat(audit.actionsSince(before)).contains("INCIDENT_CHANGED", "INCIDENT_EDIT_CONFLICT");
    }

    @Test
    void anObservableSharedByTwoIncidentsIsFoundFromEitherInWhateverFormItWasTyped() {
        String first = anIncident();
        String second = anIncident();
        details.addObservable(first, ObservableKind.EMAIL_DOMAIN, "@Eastbridge-Council-Tax.example", "staff-analyst");
        details.addObservable(second, ObservableKind.EMAIL_DOMAIN, "eastbridge-council-tax.example ", "staff-analyst");
        IncidentFile file = register.open(first, "staff-analyst").orElseThrow();
        assertThat(file.observables()).singleElement().satisfies(o -> {
            assertThat(o.value()).isEqualTo("eastbridge-council-tax.example");
            assertThat(o.sharedWith()).containsExactly(current(second).reference());
        });
        assertThat(details.incidentsSharing(ObservableKind.EMAIL_DOMAIN, "EASTBRIDGE-council-tax.example")).contains(first, second);
    }

    @Test
    void aValueThatIsNotOfItsKindIsRefusedAndNothingIsAdded() {
        String ref = anIncident();
        IncidentOutcome outcome = details.addObservable(ref, ObservableKind.ADDRESS, "203.0.113.999", "staff-analyst");
        assertThat(outcome.status()).isEqualTo(IncidentOutcome.Status.REFUSED);
        assertThat(outcome.message()).contains("203.0.113.0/24");
        assertThat(details.addObservable(ref, ObservableKind.FILE_HASH, "abc", "staff-analyst").done()).isFalse();
        assertThat(details.addObservable(ref, ObservableKind.URL, "javascript:alert(1)", "staff-analyst").done()).isFalse();
        assertThat(register.open(ref, "staff-analyst").orElseThrow().observables()).isEmpty();
    }

    @Test
    void everyActOnTheRegisterIsAudited() {
        long before = audit.lastId();
        String ref = anIncident();
        register.addNote(ref, "note", "staff-analyst");
        details.addTask(ref, "Ask the printer for the batch log", java.time.LocalDate.now(org.townhall.platform.ClockConfiguration.LONDON).plusDays(2), "staff-analyst");
        details.addEvidenceLink(ref, "Scanned envelope", "SharePoint/Incidents/envelope.pdf", "staff-analyst");
        details.addExternalReference(ref, ExternalBody.ICO, "IC-123456-A1B2", java.time.LocalDate.now(org.townhall.platform.ClockConfiguration.LONDON), "staff-analyst");
        assertThat(audit.actionsSince(before)).contains("INCIDENT_REPORTED", "INCIDENT_NOTE_ADDED", "INCIDENT_TASK_CHANGED",
                "INCIDENT_EVIDENCE_LINKED", "INCIDENT_REFERENCE_ADDED");
        // Free text stays out of the audit trail: it may hold personal data.
        assertThat(jdbc.sql("select count(*) from audit_event where id > :id and (detail like '%Mrs A%' or detail like '%envelope%')")
                .param("id", before).query(Long.class).single()).isZero();
    }

    @Test
    void theStatusTableInTheDatabaseIsTheOneTheCodeKnows() {
        List<Map<String, Object>> rows = jdbc.sql("select from_status, to_status from incident_status_move").query().listOfRows();
        long known = IncidentStatus.moves().values().stream().mapToLong(java.util.Set::size).sum();
        assertThat(rows).hasSize((int) known);
        for (Map<String, Object> row : rows) {
            assertThat(IncidentStatus.valueOf((String) row.get("from_status")).mayMoveTo(IncidentStatus.valueOf((String) row.get("to_status"))))
                    .as(row.toString()).isTrue();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
