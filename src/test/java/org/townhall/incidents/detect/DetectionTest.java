package org.townhall.incidents.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.townhall.platform.database.EmbeddedServer;
import org.townhall.support.AsRole;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.incidents.IncidentFile;
import org.townhall.incidents.IncidentRegister;
import org.townhall.incidents.ObservableKind;
import org.townhall.incidents.TimelineEntry;
import org.townhall.mail.PhishingCampaignReported;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.PublicReferences;
import org.townhall.support.Outbox;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;

/** Detection opening incidents by itself: one per episode, capped, carrying the facts and the blast radius. */
@TownhallTest
class DetectionTest {

    private static final String DUTY = "duty.analyst@example.com";
    /**
     * Each test runs years in the past, days after the last test, so no test's rows fall in
     * another's window, and none is "recent" to a test that counts the last minutes by the
     * database's clock.
     */
    private static final AtomicInteger DAYS = new AtomicInteger();

    @Autowired AuditTrailWatch watch;
    @Autowired EpisodeOpener opener;
    @Autowired AuditTrail audit;
    @Autowired IncidentRegister register;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired TestClock clock;
    @Autowired Outbox outbox;
    @Autowired ApplicationEventPublisher events;
    @Autowired EmbeddedServer server;

    @BeforeEach
    void quietStart() {
        clock.advance(Duration.ofDays(-1000 + DAYS.addAndGet(3)));
        // Earlier episodes are over: nothing running, nothing counted against this hour's cap.
        jdbc.sql("update detection_episode set opened_at = '2000-01-01', last_signal_at = '2000-01-01'").update();
        watch.scan();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private int dutyEmails() {
        return (int) outbox.templatesSentTo(DUTY).stream().filter("INCIDENT_OPENED"::equals).count();
    }

    private void recordInOne(Runnable rows) {
        transactions.executeWithoutResult(status -> rows.run());
    }

    private IncidentFile incident(String handled) {
        String reference = handled.substring(handled.lastIndexOf(' ') + 1);
        String ref = jdbc.sql("select public_ref from incident where reference = :r").param("r", reference).query(String.class).single();
        return register.open(ref, "staff-test").orElseThrow();
    }

    @Test
    void aFloodOfSignalsOpensOneIncidentAndSendsOneEmail() {
        int emailsBefore = dutyEmails();
        List<String> handled = new java.util.ArrayList<>();
        for (int minute = 0; minute < 30; minute++) {
            recordInOne(() -> audit.record(AuditEntry.of(AuditAction.FLOOD_DETECTED, AuditOutcome.DENIED, Actor.system())
                    .because("1500 refusals this minute (BULK), 900 clients, busiest 198.51.100.7 with 80"),
                    new ClientOrigin("198.51.100.7", "flood-" + PublicReferences.next(), null)));
            handled.addAll(watch.scan());
            clock.advance(Duration.ofMinutes(1));
        }
        List<String> floods = handled.stream().filter(h -> h.startsWith("FLOOD")).toList();
        assertThat(floods).hasSize(30);
        assertThat(floods.stream().filter(h -> h.contains(" opened ")).count()).isEqualTo(1);
        assertThat(dutyEmails()).isEqualTo(emailsBefore + 1);
        IncidentFile file = incident(floods.get(0));
        assertThat(file.timeline().get(0).kind()).isEqualTo(TimelineEntry.Kind.OPENED_BY_DETECTION);
        assertThat(file.timeline().get(0).body()).contains("1500 refusals this minute");
        assertThat(file.observables()).extracting(IncidentFile.Observable::value).containsExactly("198.51.100.7/32");
        // Thirty signals, but the timeline notes a continuing flood only every 15 minutes.
        assertThat(file.timeline().stream().filter(e -> e.kind() == TimelineEntry.Kind.SIGNAL).count()).isBetween(1L, 2L);
    }

    @Test
    void readingTheDocumentsOfManyResidentsOpensAnIncidentWithTheBlastRadiusFirst() {
        String insider = PublicReferences.next();
        List<String> residents = java.util.stream.IntStream.range(0, 71).mapToObj(i -> PublicReferences.next()).toList();
        // The TicketViewer signature: 119 documents of 71 people from 36 addresses, here within minutes.
        recordInOne(() -> {
            for (int read = 0; read < 119; read++) {
                audit.record(AuditEntry.of(AuditAction.EVIDENCE_VIEWED, AuditOutcome.SUCCESS, Actor.staff(insider))
                        .about(residents.get(read % 71)).on("DOC-" + read).because("reading"),
                        new ClientOrigin("192.0.2." + (read % 36 + 1), "r-" + read, null));
            }
        });
        List<String> handled = watch.scan();
        String opened = handled.stream().filter(h -> h.startsWith("EVIDENCE_OVER_READING opened")).findFirst().orElseThrow();
        IncidentFile file = incident(opened);
        assertThat(file.timeline().get(0).body()).contains("account " + insider + " read 119 documents of 71 residents 119 times from 36 addresses");
        assertThat(file.timeline().get(1).kind()).isEqualTo(TimelineEntry.Kind.BLAST_RADIUS);
        assertThat(file.timeline().get(1).body()).contains("119 documents of 71 people were read 119 times from 36 addresses");
        assertThat(file.affectedResidents()).isEqualTo(71);
        assertThat(file.observables()).anySatisfy(o -> {
            assertThat(o.kind()).isEqualTo(ObservableKind.ACCOUNT);
            assertThat(o.value()).isEqualTo(insider);
        });
    }

    @Test
    void aFewDocumentsOfAFewResidentsOpenNothing() {
        String officer = PublicReferences.next();
        recordInOne(() -> {
            for (int read = 0; read < 9; read++) {
                audit.record(AuditEntry.of(AuditAction.EVIDENCE_VIEWED, AuditOutcome.SUCCESS, Actor.staff(officer))
                        .about(PublicReferences.next()).on("DOC-" + read), new ClientOrigin("192.0.2.200", "q-" + read, null));
            }
        });
        assertThat(watch.scan()).noneMatch(h -> h.startsWith("EVIDENCE_OVER_READING"));
    }

    @Test
    void manyRefusedEvidenceRequestsFromOneClientOpenAnIncident() {
        recordInOne(() -> {
            for (int attempt = 0; attempt < 25; attempt++) {
                audit.record(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, Actor.resident(PublicReferences.next()))
                        .about(PublicReferences.next()).on("DOC-" + attempt).because("evidence of case CASE-" + attempt),
                        new ClientOrigin("203.0.113.66", "g-" + attempt, null));
            }
        });
        assertThat(watch.scan()).anyMatch(h -> h.startsWith("EVIDENCE_REFUSALS opened"));
    }

    @Test
    void credentialStuffingAgainstResidentSignInOpensAnIncident() {
        recordInOne(() -> {
            for (int attempt = 0; attempt < 300; attempt++) {
                audit.record(AuditEntry.of(AuditAction.SIGN_IN_FAILED, AuditOutcome.FAILURE, Actor.anonymous()).because("unknown account"),
                        new ClientOrigin("100.64." + attempt % 200 + ".9", "s-" + attempt, null));
            }
        });
        assertThat(watch.scan()).anyMatch(h -> h.startsWith("CREDENTIAL_STUFFING opened"));
    }

    @Test
    void anAuditTrailAlteredBehindTheTriggersBackOpensACriticalIncident() {
        recordInOne(() -> audit.record(AuditEntry.of(AuditAction.SIGN_IN_SUCCEEDED, AuditOutcome.SUCCESS, Actor.system())));
        long id = jdbc.sql("select max(id) from audit_event").query(Long.class).single();
        recordInOne(() -> audit.record(AuditEntry.of(AuditAction.SIGN_IN_SUCCEEDED, AuditOutcome.SUCCESS, Actor.system())));
        AsRole.tamperWithAuditRowThenPutItBack(server, id, () -> {
            String opened = watch.scan().stream().filter(h -> h.startsWith("AUDIT_CHAIN_BROKEN opened")).findFirst().orElseThrow();
            assertThat(incident(opened).incident().severity().name()).isEqualTo("CRITICAL");
            assertThat(incident(opened).timeline().get(0).body()).contains("breaks at row " + id);
        }, "update audit_event set outcome = 'FAILURE' where id = ?", id);
    }

    @Test
    void whoeverCanCauseSignalsCannotFillTheRegister() {
        int emailsBefore = dutyEmails();
        List<EpisodeOpener.Handled> handled = new java.util.ArrayList<>();
        for (SignalKind kind : SignalKind.values()) {
            handled.add(opener.signal(Signal.of(kind, "test signal " + kind)));
        }
        assertThat(handled.stream().filter(EpisodeOpener.Handled::opened).count()).isEqualTo(3);
        assertThat(dutyEmails()).isEqualTo(emailsBefore + 3);
        assertThat(handled.stream().filter(h -> !h.opened()).map(EpisodeOpener.Handled::reference).distinct()).hasSize(1);
    }

    @Test
    void theMailScreenersPhishingCampaignOpensAnIncidentWithTheSendersDomain() throws Exception {
        String campaign = "MSG-" + PublicReferences.next().substring(0, 8);
        transactions.executeWithoutResult(status -> events.publishEvent(new PhishingCampaignReported(campaign,
                "Eastbridge-Refunds.example", List.of("eastbridge-refunds.example", "pay-portal.example", "not a domain"),
                List.of(campaign, "MSG-2", "MSG-3"), 180, "staff-analyst", Instant.now())));
        String reference = null;
        for (int wait = 0; wait < 300 && reference == null; wait++) {
            reference = jdbc.sql("select reference from incident where description like :c").param("c", "%" + campaign + "%")
                    .query(String.class).optional().orElse(null);
            Thread.sleep(100);
        }
        assertThat(reference).as("incident for the campaign").isNotNull();
        IncidentFile file = incident("x " + reference);
        assertThat(file.incident().kind().name()).isEqualTo("PHISHING");
        assertThat(file.observables()).extracting(IncidentFile.Observable::value).containsExactlyInAnyOrder("eastbridge-refunds.example",
                "pay-portal.example");
    }

    @Test
    void aFailedOrMissedBackupOpensOneIncidentHoweverManyNightsFail() throws Exception {
        String problem = "store unreachable " + PublicReferences.next().substring(0, 8);
        for (int night = 0; night < 3; night++) {
            transactions.executeWithoutResult(status -> events.publishEvent(new org.townhall.incidents.BackupFailed(Instant.now(),
                    problem, Instant.parse("2026-11-01T01:00:00Z"))));
        }
        List<String> references = List.of();
        for (int wait = 0; wait < 300 && references.isEmpty(); wait++) {
            Thread.sleep(100);
            references = jdbc.sql("select reference from incident where description like :p").param("p", "%" + problem + "%")
                    .query(String.class).list();
        }
        assertThat(references).as("one incident for the episode").hasSize(1);
        IncidentFile file = incident("x " + references.get(0));
        assertThat(file.incident().title()).isEqualTo("Detected: a backup that failed or was missed");
        assertThat(file.incident().description()).contains("the last good backup was taken at 2026-11-01T01:00:00Z");
    }
}
