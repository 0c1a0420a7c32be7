package org.townhall.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.platform.ClientOrigin;
import org.townhall.platform.PublicReferences;
import org.townhall.shield.Cidr;
import org.townhall.support.TestClock;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * The audit search answers every combination of its form, on the page and as CSV, and each
 * answer holds exactly the rows that match: checked on rows written for the purpose, in a
 * morning long before anything else in the trail.
 */
@TownhallTest
class AuditSearchQuestionsTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDateTime MORNING = LocalDateTime.of(2001, 5, 6, 9, 0);

    @LocalServerPort int port;
    @Autowired AuditTrail trail;
    @Autowired JdbcClient jdbc;
    @Autowired AccountFixtures accounts;
    @Autowired TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private record Written(long id, AuditAction action, String actor, String subject, String client, LocalDateTime at) {
    }

    private Written write(AuditAction action, Actor actor, String subject, String client, int minutes) {
        LocalDateTime at = MORNING.plusMinutes(minutes);
        clock.reset();
        clock.advance(Duration.between(Instant.now(), at.atZone(LONDON).toInstant()));
        String requestId = "question-" + PublicReferences.next();
        trail.record(new AuditEntry(action, AuditOutcome.SUCCESS, actor, subject, null, "written for a question"),
                new ClientOrigin(client, requestId, null));
        clock.reset();
        long id = jdbc.sql("select id from audit_event where request_id = :r").param("r", requestId).query(Long.class).single();
        return new Written(id, action, actor.ref(), subject, client, at);
    }

    @Test
    void everyCombinationOfTheSearchFormIsAnsweredOnThePageAndAsCsv() {
        accounts.clearSignInThrottles();
        Visitor analyst = new Visitor(port);
        SignIns.asStaff(analyst, accounts.aStaffMember().withRole(StaffRole.AUDITOR).enrolled().build());
        String prefix = "198.20." + ThreadLocalRandom.current().nextInt(250) + ".";
        String sam = PublicReferences.next();
        String other = PublicReferences.next();
        List<Written> rows = List.of(
                write(AuditAction.SIGN_IN_FAILED, Actor.anonymous(), sam, prefix + "10", 5),
                write(AuditAction.SIGN_IN_SUCCEEDED, Actor.resident(sam), sam, prefix + "10", 10),
                write(AuditAction.SIGN_IN_FAILED, Actor.resident(sam), sam, prefix + "11", 20),
                write(AuditAction.ACCESS_DENIED, Actor.resident(sam), other, "203.0.113.5", 30),
                write(AuditAction.SIGN_IN_FAILED, Actor.anonymous(), other, prefix + "66", 70));
        Set<Long> ours = rows.stream().map(Written::id).collect(Collectors.toSet());

        Map<String, String> values = new LinkedHashMap<>();
        values.put("actor", sam);
        values.put("subject", sam);
        values.put("clientAddress", prefix + "0/24");
        values.put("action", AuditAction.SIGN_IN_FAILED.code());
        values.put("from", MORNING.plusMinutes(8).toString());
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
            String query = asked.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            Set<Long> expected = rows.stream().filter(row -> matches(row, asked)).map(Written::id)
                    .collect(Collectors.toCollection(TreeSet::new));

            Visitor.Page page = analyst.get("/staff/audit?" + query);
            if (page.status() != 200 || !page.body().contains("govuk-table")) {
                failures.add(asked.keySet() + " page: " + page.status());
            }
            Visitor.Page csv = analyst.get("/staff/audit/export.csv?" + query);
            Set<Long> found = csv.body().lines().skip(1).map(line -> Long.parseLong(line.substring(0, line.indexOf(','))))
                    .filter(ours::contains).collect(Collectors.toCollection(TreeSet::new));
            if (csv.status() != 200 || !found.equals(expected)) {
                failures.add(asked.keySet() + " csv: " + csv.status() + " found " + found + " instead of " + expected);
            }
        }
        assertThat(failures).isEmpty();
    }

    private static boolean matches(Written row, Map<String, String> asked) {
        return (!asked.containsKey("actor") || asked.get("actor").equals(row.actor()))
                && (!asked.containsKey("subject") || asked.get("subject").equals(row.subject()))
                && (!asked.containsKey("clientAddress") || Cidr.parse(asked.get("clientAddress")).orElseThrow().contains(row.client()))
                && (!asked.containsKey("action") || asked.get("action").equals(row.action().code()))
                && (!asked.containsKey("from") || !row.at().isBefore(LocalDateTime.parse(asked.get("from"))))
                && (!asked.containsKey("to") || row.at().isBefore(LocalDateTime.parse(asked.get("to"))));
    }
}
