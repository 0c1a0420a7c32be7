package org.townhall.incidents.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.incidents.Incident;
import org.townhall.incidents.IncidentKind;
import org.townhall.incidents.IncidentStatus;
import org.townhall.incidents.Severity;
import org.townhall.platform.PublicReferences;
import org.townhall.support.TownhallTest;

/** The register's filter asked every way it can be asked: exactly the incidents that match, newest first. */
@TownhallTest
class IncidentListFiltersTest {

    @Autowired IncidentStore incidents;
    @Autowired JdbcClient jdbc;

    private record Made(String title, IncidentStatus status, IncidentKind kind, Severity severity) {
    }

    @Test
    void everyCombinationOfStatusKindSeverityAndOpenOnlyFindsExactlyTheMatchingIncidents() {
        String run = PublicReferences.next().substring(0, 8);
        List<Made> made = new ArrayList<>();
        // Dated after anything else in the register, so the grid is the top of every answer.
        Instant opened = Instant.parse("2199-01-01T00:00:00Z");
        for (IncidentStatus status : IncidentStatus.values()) {
            for (IncidentKind kind : List.of(IncidentKind.PHISHING, IncidentKind.MALWARE)) {
                for (Severity severity : List.of(Severity.LOW, Severity.HIGH)) {
                    Made m = new Made("grid " + run + " " + made.size(), status, kind, severity);
                    opened = opened.plusSeconds(60);
                    jdbc.sql("""
                            insert into incident (public_ref, reference, title, description, kind, severity, status, opened_at, updated_at)
                            values (:ref, :reference, :title, '', :kind, :severity, :status, :at, :at)""")
                            .param("ref", PublicReferences.next()).param("reference", String.format("INC-%08X", java.util.concurrent.ThreadLocalRandom.current().nextInt()))
                            .param("title", m.title()).param("kind", kind.name()).param("severity", severity.name())
                            .param("status", status.name()).param("at", Timestamp.from(opened)).update();
                    made.add(m);
                }
            }
        }
        List<IncidentStatus> statuses = new ArrayList<>(Arrays.asList(IncidentStatus.values()));
        statuses.add(null);
        int asked = 0;
        for (IncidentStatus status : statuses) {
            for (IncidentKind kind : Arrays.asList(null, IncidentKind.PHISHING, IncidentKind.MALWARE, IncidentKind.LOST_DEVICE)) {
                for (Severity severity : Arrays.asList(null, Severity.LOW, Severity.HIGH, Severity.CRITICAL)) {
                    for (boolean openOnly : new boolean[] {false, true}) {
                        List<String> expected = made.stream()
                                .filter(m -> status == null || m.status() == status)
                                .filter(m -> !openOnly || m.status() != IncidentStatus.CLOSED)
                                .filter(m -> kind == null || m.kind() == kind)
                                .filter(m -> severity == null || m.severity() == severity)
                                .map(Made::title).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
                        java.util.Collections.reverse(expected);
                        List<String> found = incidents.list(new IncidentStore.Filter(status, kind, severity, openOnly), 1000).stream()
                                .map(Incident::title).filter(t -> t.startsWith("grid " + run + " ")).toList();
                        assertThat(found).as(status + " " + kind + " " + severity + " open only " + openOnly).isEqualTo(expected);
                        asked++;
                    }
                }
            }
        }
        assertThat(asked).isEqualTo(6 * 4 * 4 * 2);
    }
}
