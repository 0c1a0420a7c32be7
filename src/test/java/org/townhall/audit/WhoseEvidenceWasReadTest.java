package org.townhall.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.evidence.CheckedFiles;
import org.townhall.evidence.DocumentSummary;
import org.townhall.evidence.EvidenceVault;
import org.townhall.evidence.IncomingFile;
import org.townhall.evidence.Reader;
import org.townhall.evidence.Samples;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.PublicReferences;
import org.townhall.shield.Cidr;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * "Whose evidence was read" answers every question its form can ask, on the page and as CSV. The
 * answers are checked against the trail itself, read row by row here, so a filter that drops or
 * adds rows shows up as well as one that fails.
 */
@TownhallTest
class WhoseEvidenceWasReadTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** The scenario is written in a morning long before anything else in the trail. */
    private static final LocalDateTime MORNING = LocalDateTime.of(2001, 3, 4, 9, 0);

    @LocalServerPort int port;
    @Autowired EvidenceVault vault;
    @Autowired AuditTrail trail;
    @Autowired AccountFixtures accounts;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    Visitor analyst;

    @BeforeEach
    void signInAsAnalyst() {
        accounts.clearSignInThrottles();
        analyst = new Visitor(port);
        SignIns.asStaff(analyst, accounts.aStaffMember().withRole(StaffRole.SECURITY_ANALYST).enrolled().build());
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void at(LocalDateTime london) {
        clock.reset();
        clock.advance(Duration.between(Instant.now(), london.atZone(LONDON).toInstant()));
    }

    private DocumentSummary documentOf(String owner) {
        CheckedFiles checked = vault.check(List.of(new IncomingFile("cheque.png", Samples.png(40, 20))), owner);
        return vault.store(checked, owner, "CASE-" + PublicReferences.next()).get(0);
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void everyCombinationOfTheFormIsAnsweredOnThePageAndAsCsv() {
        String prefix = "198.19." + ThreadLocalRandom.current().nextInt(250) + ".";
        String alice = PublicReferences.next();
        String bob = PublicReferences.next();
        String prowler = PublicReferences.next();
        at(MORNING);
        DocumentSummary aliceCheque = documentOf(alice);
        DocumentSummary aliceLetter = documentOf(alice);
        DocumentSummary bobRecord = documentOf(bob);
        at(MORNING.plusMinutes(5));
        vault.read(aliceCheque.ref(), Reader.resident(alice, "own"), new ClientOrigin(prefix + "10", "w1", null));
        at(MORNING.plusMinutes(10));
        vault.read(aliceCheque.ref(), Reader.resident(alice, "own"), new ClientOrigin(prefix + "10", "w2", null));
        at(MORNING.plusMinutes(40));
        vault.read(aliceLetter.ref(), Reader.resident(alice, "own"), new ClientOrigin("203.0.113.77", "w3", null));
        at(MORNING.plusMinutes(70));
        vault.read(bobRecord.ref(), Reader.resident(bob, "own"), new ClientOrigin(prefix + "11", "w4", null));
        at(MORNING.plusMinutes(30));
        for (DocumentSummary target : List.of(aliceCheque, aliceLetter, bobRecord)) {
            vault.read(target.ref(), Reader.resident(prowler, "guessing"), new ClientOrigin(prefix + "66", "w5", null));
        }
        vault.read(PublicReferences.next(), Reader.resident(prowler, "guessing"), new ClientOrigin(prefix + "66", "w6", null));
        // Refused, but not a request for evidence: not counted.
        trail.record(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, Actor.resident(prowler)).about(alice)
                .on("CASE-X").because("parking case of another resident or none"), new ClientOrigin(prefix + "66", "w7", null));
        clock.reset();

        Map<String, String> values = new LinkedHashMap<>();
        values.put("clientAddress", prefix + "0/24");
        values.put("actor", alice);
        values.put("subject", alice);
        values.put("from", MORNING.plusMinutes(20).toString());
        values.put("to", MORNING.plusMinutes(60).toString());
        List<String> fields = new ArrayList<>(values.keySet());
        List<String> failures = new ArrayList<>();
        for (int mask = 1; mask < 1 << fields.size(); mask++) {
            Map<String, String> asked = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    asked.put(fields.get(i), values.get(fields.get(i)));
                }
            }
            String query = asked.entrySet().stream().map(e -> e.getKey() + "=" + q(e.getValue())).collect(Collectors.joining("&"));
            Expected expected = expected(asked);
            Visitor.Page page = analyst.get("/staff/audit/blast-radius?" + query);
            if (page.status() != 200 || !page.body().contains(expected.summary())) {
                failures.add(asked.keySet() + " page: " + page.status() + " "
                        + page.body().replaceAll("(?s).*id=\"blast-radius-summary\"[^>]*>([^<]*)<.*", "$1").trim()
                        + " instead of " + expected.summary());
            }
            Visitor.Page csv = analyst.get("/staff/audit/blast-radius/export.csv?" + query);
            if (csv.status() != 200 || !sameLines(csv.body(), expected.csv()) || !mostReadFirst(csv.body())) {
                failures.add(asked.keySet() + " csv: " + csv.status());
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theSameQuestionByAccountAndWindowNamesTheResidentsAffected() {
        String alice = PublicReferences.next();
        at(MORNING.plusDays(1));
        DocumentSummary cheque = documentOf(alice);
        vault.read(cheque.ref(), Reader.resident(alice, "own"), new ClientOrigin("192.0.2.44", "w8", null));
        clock.reset();
        String window = "&from=" + q(MORNING.plusDays(1).minusHours(1).toString()) + "&to=" + q(MORNING.plusDays(1).plusHours(1).toString());
        Visitor.Page page = analyst.get("/staff/audit/blast-radius?actor=" + q(alice) + window);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("1 documents of 1 people were read 1 times from 1 addresses; 0 attempts were refused")
                .contains(alice);
        assertThat(analyst.get("/staff/audit/blast-radius/export.csv?actor=" + q(alice) + window).body())
                .contains(alice + ",1,1,");
    }

    @Test
    void evidenceRequestsRefusedBeforeTheVaultIsReachedAreCountedAgainstWhoMadeThem() {
        String owner = PublicReferences.next();
        DocumentSummary cheque = documentOf(owner);
        String evidence = "/staff/parking/cases/CASE-" + PublicReferences.next() + "/evidence/" + cheque.ref();
        AccountFixtures.Staff financeOfficer = accounts.aStaffMember().withRole(StaffRole.FINANCE_OFFICER).enrolled().build();
        Visitor finance = new Visitor(port);
        SignIns.asStaff(finance, financeOfficer);
        for (int i = 0; i < 28; i++) {
            assertThat(finance.get(evidence).status()).isEqualTo(403);
        }
        assertThat(analyst.get("/staff/audit/blast-radius?actor=" + q(financeOfficer.email())).body())
                .contains("0 documents of 0 people were read 0 times from 0 addresses; 28 attempts were refused");

        AccountFixtures.Resident resident = accounts.aResident().build();
        Visitor residentBrowser = new Visitor(port);
        SignIns.asResident(residentBrowser, resident);
        assertThat(residentBrowser.get(evidence).status()).isEqualTo(403);
        assertThat(residentBrowser.get("/parking/cases/CASE-X/evidence/" + cheque.ref()).status()).isEqualTo(404);
        assertThat(analyst.get("/staff/audit/blast-radius?actor=" + q(resident.email())).body())
                .as("one refused by the staff door, one by the vault").contains("; 2 attempts were refused");
    }

    @Test
    void anAnonymousRequestForEvidenceIsCountedFromItsAddress() {
        String since = LocalDateTime.now(LONDON).minusMinutes(1).withNano(0).toString();
        String question = "/staff/audit/blast-radius?clientAddress=" + q("127.0.0.1") + "&from=" + q(since);
        long before = refusedIn(analyst.get(question).body());
        Visitor anonymous = new Visitor(port);
        assertThat(anonymous.get("/staff/parking/cases/CASE-X/evidence/DOC-Y").status()).isEqualTo(302);
        assertThat(anonymous.get("/parking/cases/CASE-X/evidence/DOC-Y").status()).isEqualTo(302);
        // Not a request for evidence: not counted.
        assertThat(anonymous.get("/staff/parking").status()).isEqualTo(302);
        assertThat(refusedIn(analyst.get(question).body()) - before).isEqualTo(2);
    }

    @Test
    void aRequestForEvidenceSpeltWithAnEscapedLetterIsCountedAsOne() {
        AccountFixtures.Staff financeOfficer = accounts.aStaffMember().withRole(StaffRole.FINANCE_OFFICER).enrolled().build();
        Visitor finance = new Visitor(port);
        SignIns.asStaff(finance, financeOfficer);
        assertThat(finance.get("/staff/parking/cases/CASE-X/%65vidence/DOC-Y").status()).isEqualTo(403);
        assertThat(finance.get("/staff/parking/cases/CASE-X").status()).as("not evidence").isEqualTo(403);
        assertThat(analyst.get("/staff/audit/blast-radius?actor=" + q(financeOfficer.email())).body())
                .contains("; 1 attempts were refused");
    }

    @Test
    void everyEndpointThatHandsOverEvidenceIsMarkedSoRefusalsInFrontOfItAreCounted(
            @Autowired @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
            org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings) {
        List<String> unmarked = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> info.getPatternValues().stream()
                .filter(pattern -> pattern.contains("/evidence/{"))
                .filter(pattern -> !handler.hasMethodAnnotation(OpensEvidence.class))
                .forEach(unmarked::add));
        assertThat(unmarked).isEmpty();
    }

    private static long refusedIn(String page) {
        java.util.regex.Matcher refused = java.util.regex.Pattern.compile("; (\\d+) attempts were refused").matcher(page);
        assertThat(refused.find()).as("the answer is on the page").isTrue();
        return Long.parseLong(refused.group(1));
    }

    /** What the trail says, worked out here from its rows rather than by the query under test. */
    private record Expected(String summary, String csv) {
    }

    private record Row(String action, String actor, String subject, String object, String client, Instant at, String detail) {
    }

    private Expected expected(Map<String, String> asked) {
        List<Row> rows = jdbc.sql("""
                select action, actor_ref, subject_ref, object_ref, host(client_address) as client, occurred_at, detail
                from audit_event where action in ('EVIDENCE_VIEWED', 'ACCESS_DENIED')""")
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant(), rs.getString(7))).list();
        Predicate<Row> matches = row -> true;
        if (asked.containsKey("actor")) {
            matches = matches.and(row -> asked.get("actor").equals(row.actor()));
        }
        if (asked.containsKey("subject")) {
            matches = matches.and(row -> asked.get("subject").equals(row.subject()));
        }
        if (asked.containsKey("clientAddress")) {
            Cidr range = Cidr.parse(asked.get("clientAddress")).orElseThrow();
            matches = matches.and(row -> row.client() != null && range.contains(row.client()));
        }
        if (asked.containsKey("from")) {
            Instant from = LocalDateTime.parse(asked.get("from")).atZone(LONDON).toInstant();
            matches = matches.and(row -> !row.at().isBefore(from));
        }
        if (asked.containsKey("to")) {
            Instant to = LocalDateTime.parse(asked.get("to")).atZone(LONDON).toInstant();
            matches = matches.and(row -> row.at().isBefore(to));
        }
        List<Row> asked2 = rows.stream().filter(matches).toList();
        List<Row> reads = asked2.stream().filter(r -> r.action().equals("EVIDENCE_VIEWED")).toList();
        long refused = asked2.stream().filter(r -> r.action().equals("ACCESS_DENIED") && r.detail() != null
                && (r.detail().startsWith("evidence ") || r.detail().equals("no such document"))).count();
        String summary = distinct(reads, Row::object) + " documents of " + distinct(reads, Row::subject) + " people were read "
                + reads.size() + " times from " + distinct(reads, Row::client) + " addresses; " + refused + " attempts were refused";
        Map<String, List<Row>> bySubject = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        reads.forEach(r -> bySubject.computeIfAbsent(r.subject(), s -> new ArrayList<>()).add(r));
        StringBuilder csv = new StringBuilder("resident_ref,documents_read,reads,first_read,last_read\r\n");
        bySubject.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, List<Row>>>comparingInt(e -> -e.getValue().size()))
                .forEach(e -> csv.append(Csv.line(e.getKey(), Long.toString(distinct(e.getValue(), Row::object)),
                        Integer.toString(e.getValue().size()),
                        e.getValue().stream().map(Row::at).min(Comparator.naturalOrder()).orElseThrow().toString(),
                        e.getValue().stream().map(Row::at).max(Comparator.naturalOrder()).orElseThrow().toString())));
        return new Expected(summary, csv.toString());
    }

    /** The same header and the same lines; ties in reads may come in either order. */
    private static boolean sameLines(String actual, String expected) {
        List<String> got = List.of(actual.split("\r\n"));
        List<String> wanted = List.of(expected.split("\r\n"));
        return !got.isEmpty() && got.get(0).equals(wanted.get(0))
                && got.stream().sorted().toList().equals(wanted.stream().sorted().toList());
    }

    private static boolean mostReadFirst(String csv) {
        List<Integer> reads = csv.lines().skip(1).map(line -> Integer.parseInt(line.split(",")[2])).toList();
        return reads.equals(reads.stream().sorted(Comparator.reverseOrder()).toList());
    }

    private static long distinct(List<Row> rows, java.util.function.Function<Row, String> part) {
        Set<String> values = rows.stream().map(part).filter(Objects::nonNull).collect(Collectors.toSet());
        return values.size();
    }
}
