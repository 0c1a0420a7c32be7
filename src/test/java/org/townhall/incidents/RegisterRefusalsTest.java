package org.townhall.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/** What the register refuses an analyst, a stale token or a revised breach, and that each refusal is on record. */
@TownhallTest
class RegisterRefusalsTest {

    @LocalServerPort
    int port;
    @Autowired
    AccountFixtures fixtures;
    @Autowired
    IncidentRegister register;
    @Autowired
    IncidentDetails details;
    @Autowired
    ObservableActions observables;
    @Autowired
    Breaches breaches;
    @Autowired
    BreachNotices notices;
    @Autowired
    ApiTokens tokens;
    @Autowired
    JdbcClient jdbc;

    private AccountFixtures.Staff analyst() {
        return fixtures.aStaffMember().withRole(StaffRole.SECURITY_ANALYST).enrolled().build();
    }

    private String incident(String analystRef) {
        return register.report(new IncidentRegister.Report("Letter in the wrong envelope", "A council tax letter went to a neighbour",
                IncidentKind.MISDIRECTED_DATA), analystRef).ref();
    }

    private String observable(String ref, String value, String analystRef) {
        assertThat(details.addObservable(ref, ObservableKind.ADDRESS, value, analystRef).done()).isTrue();
        String normal = ObservableKind.ADDRESS.normalise(value).orElseThrow();
        return register.open(ref, analystRef).orElseThrow().observables().stream().filter(o -> o.value().equals(normal))
                .findFirst().orElseThrow().ref();
    }

    @Test
    void aTokenOfAStaffMemberMadeInactiveIsRefusedAndTheAttemptAudited() throws Exception {
        AccountFixtures.Staff analyst = analyst();
        String token = tokens.issue(analyst.ref(), "triage tool").orElseThrow().secret();
        jdbc.sql("update staff_member set active = false where public_ref = :ref").param("ref", analyst.ref()).update();
        AuditRows audit = new AuditRows(jdbc);
        long before = audit.lastId();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/incidents")).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(audit.actionsSince(before)).containsExactly("API_TOKEN_REFUSED");
        assertThat(audit.detailsSince(before, "API_TOKEN_REFUSED")).singleElement().asString().contains("owner no longer allowed");
    }

    @Test
    void blockingEveryAddressFromAnIncidentIsRefusedAndAudited() {
        AccountFixtures.Staff analyst = analyst();
        String ref = incident(analyst.ref());
        AuditRows audit = new AuditRows(jdbc);
        long before = audit.lastId();
        long rules = jdbc.sql("select count(*) from shield_rule").query(Long.class).single();

        for (String everyone : new String[] {"0.0.0.0/0", "::/0", "10.0.0.0/8", "2001:db8::/16"}) {
            IncidentOutcome outcome = observables.block(ref, observable(ref, everyone, analyst.ref()), 24, "attack", analyst.ref());
            assertThat(outcome.done()).as(everyone).isFalse();
            assertThat(outcome.message()).as(everyone).contains("at most a /");
        }

        assertThat(jdbc.sql("select count(*) from shield_rule").query(Long.class).single()).isEqualTo(rules);
        assertThat(audit.detailsSince(before, "INCIDENT_ACT_REFUSED")).hasSize(4);
    }

    @Test
    void blockingLoopbackFromAnIncidentIsRefused() {
        AccountFixtures.Staff analyst = analyst();
        String ref = incident(analyst.ref());

        for (String loopback : new String[] {"127.0.0.1", "127.0.0.0/16", "::1", "::ffff:127.0.0.1", "0:0:0:0:0:0:0:1/128"}) {
            IncidentOutcome outcome = observables.block(ref, observable(ref, loopback, analyst.ref()), 24, "attack", analyst.ref());
            assertThat(outcome.done()).as(loopback).isFalse();
            assertThat(outcome.message()).as(loopback).contains("loopback");
        }
    }

    @Test
    void anAnalystCannotBlockTheRangeTheyAreUsing() {
        AccountFixtures.Staff analyst = analyst();
        String ref = incident(analyst.ref());

        IncidentOutcome outcome = observables.block(ref, observable(ref, "203.0.113.0/24", analyst.ref()), 24, "attack",
                analyst.ref(), "203.0.113.77");

        assertThat(outcome.done()).isFalse();
        assertThat(outcome.message()).contains("lock you out");
    }

    @Test
    void aStatusMoveOutsideTheTableIsRefusedAndAudited() {
        AccountFixtures.Staff analyst = analyst();
        String ref = incident(analyst.ref());
        AuditRows audit = new AuditRows(jdbc);
        long before = audit.lastId();

        IncidentOutcome outcome = register.change(ref, new IncidentEdit(0, null, null, null, null, IncidentStatus.RECOVERED, null, null),
                analyst.ref());

        assertThat(outcome.done()).isFalse();
        assertThat(register.open(ref, analyst.ref()).orElseThrow().incident().status()).isEqualTo(IncidentStatus.TRIAGE);
        assertThat(audit.detailsSince(before, "INCIDENT_ACT_REFUSED")).singleElement().asString().contains("cannot move to recovered");
    }

    @Test
    void aClosedIncidentIsNotChangedUntilReopened() {
        AccountFixtures.Staff analyst = analyst();
        String ref = incident(analyst.ref());
        assertThat(register.change(ref, new IncidentEdit(0, null, null, null, null, IncidentStatus.CLOSED, null, "not an incident"),
                analyst.ref()).done()).isTrue();

        IncidentOutcome quietly = register.change(ref, new IncidentEdit(1, "Something else", null, null, Severity.CRITICAL,
                IncidentStatus.CLOSED, null, null), analyst.ref());

        assertThat(quietly.done()).isFalse();
        Incident kept = register.open(ref, analyst.ref()).orElseThrow().incident();
        assertThat(kept.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(kept.title()).isEqualTo("Letter in the wrong envelope");
        assertThat(register.change(ref, new IncidentEdit(1, null, null, null, Severity.CRITICAL, IncidentStatus.TRIAGE, null, "it was"),
                analyst.ref()).done()).isTrue();
    }

    @Test
    void residentsAreNotToldOnceTheBreachIsNoLongerAssessedHighRisk() {
        AccountFixtures.Staff analyst = analyst();
        String ref = incident(analyst.ref());
        AccountFixtures.Resident resident = fixtures.aResident().build();
        jdbc.sql("""
                insert into incident_affected_resident (incident_id, resident_ref, documents, reads, found_at)
                select id, :resident, 1, 1, now() from incident where public_ref = :ref""")
                .param("resident", resident.ref()).param("ref", ref).update();
        assertThat(breaches.assess(ref, new BreachAssessment(true, null, "A letter to the wrong address", null, 1L, null, 1L, null,
                null, null, BreachRisk.HIGH, true, null, null, null), analyst.ref()).done()).isTrue();
        assertThat(notices.approve(ref, "We sent your letter to the wrong address.", analyst.ref()).done()).isTrue();
        assertThat(breaches.assess(ref, new BreachAssessment(false, null, "The letter was returned unopened", null, null, null, null,
                null, null, null, null, false, "Returned unopened by Royal Mail", null, null), analyst.ref()).done()).isTrue();
        AuditRows audit = new AuditRows(jdbc);
        long before = audit.lastId();

        int told = notices.tell(ref, analyst.ref());

        assertThat(told).isZero();
        assertThat(audit.actionsSince(before)).doesNotContain("BREACH_RESIDENT_TOLD").contains("INCIDENT_ACT_REFUSED");
    }

    @Test
    void anUnreadableAwarenessTimeIsRefusedRatherThanTakenAsTheOpeningTime() {
        AccountFixtures.Staff analyst = analyst();
        String ref = incident(analyst.ref());
        Visitor visitor = new Visitor(port);
        SignIns.asStaff(visitor, analyst);
        visitor.get("/staff/incidents/" + ref);

        Visitor.Page page = visitor.post("/staff/incidents/" + ref + "/breach", "personalDataBreach", "yes", "awareAt", "yesterday 3pm",
                "nature", "A letter to the wrong address", "risk", "RISK", "notifyIco", "yes");

        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("Enter when the council became aware");
        assertThat(breaches.file(ref)).isEmpty();
    }
}
