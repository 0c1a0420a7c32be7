package org.townhall.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.evidence.Samples;
import org.townhall.platform.PublicReferences;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * Every parking and evidence endpoint, found from the application's own request mappings, tried
 * as each kind of caller. Only the expected ones succeed; every refusal is audited. A new endpoint
 * with no row in the table fails the test until someone decides who may use it.
 */
@TownhallTest
class ParkingAuthorisationMatrixTest {

    enum Who { ANONYMOUS, OWNER, OTHER_RESIDENT, UNASSIGNED_OFFICER, ASSIGNED_OFFICER, FINANCE_OFFICER }

    /** What a caller should get: a status, and whether it is a refusal (which must be audited). */
    record Expect(int status, boolean refused) {
    }

    private static final Expect OK = new Expect(200, false);
    private static final Expect DONE = new Expect(302, false);
    /** Allowed, and the empty form the matrix posts is shown again with its errors. */
    private static final Expect FORM_ERRORS = new Expect(422, false);
    private static final Expect SIGN_IN = new Expect(302, true);
    private static final Expect FORBIDDEN = new Expect(403, true);
    private static final Expect NOTHING = new Expect(404, true);

    private static Map<Who, Expect> expect(Expect anonymous, Expect owner, Expect other, Expect unassigned, Expect assigned, Expect finance) {
        Map<Who, Expect> row = new LinkedHashMap<>();
        row.put(Who.ANONYMOUS, anonymous);
        row.put(Who.OWNER, owner);
        row.put(Who.OTHER_RESIDENT, other);
        row.put(Who.UNASSIGNED_OFFICER, unassigned);
        row.put(Who.ASSIGNED_OFFICER, assigned);
        row.put(Who.FINANCE_OFFICER, finance);
        return row;
    }

    private static final Map<String, Map<Who, Expect>> MATRIX = new LinkedHashMap<>();

    static {
        MATRIX.put("GET /parking", expect(OK, OK, OK, OK, OK, OK));
        MATRIX.put("POST /parking", expect(FORM_ERRORS, FORM_ERRORS, FORM_ERRORS, FORM_ERRORS, FORM_ERRORS, FORM_ERRORS));
        MATRIX.put("GET /parking/pcn/{ref}", expect(NOTHING, OK, NOTHING, NOTHING, NOTHING, NOTHING));
        MATRIX.put("GET /parking/pcn/{ref}/photos/{photo}", expect(NOTHING, OK, NOTHING, NOTHING, NOTHING, NOTHING));
        MATRIX.put("POST /parking/pcn/{ref}/add-to-account", expect(SIGN_IN, DONE, NOTHING, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        // Paying without an account is open to anyone who looked the fine up in this browser (ADR 0028): nobody here
        // looked it up, so only its owner (who saved it) sees it; a signed-in resident is sent to the PCN page to pay.
        MATRIX.put("GET /parking/pcn/{ref}/pay", expect(NOTHING, DONE, NOTHING, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        MATRIX.put("POST /parking/pcn/{ref}/pay", expect(NOTHING, new Expect(400, false), NOTHING, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        // The owner's challenge is already waiting: the page says so instead of offering the form.
        MATRIX.put("GET /parking/pcn/{ref}/challenge", expect(SIGN_IN, OK, NOTHING, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        MATRIX.put("POST /parking/pcn/{ref}/challenge", expect(SIGN_IN, new Expect(409, false), NOTHING, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        // No draft in the session: back to the form, which says what is waiting; nothing is sent.
        MATRIX.put("GET /parking/pcn/{ref}/challenge/check", expect(SIGN_IN, DONE, NOTHING, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        MATRIX.put("POST /parking/pcn/{ref}/challenge/check", expect(SIGN_IN, DONE, NOTHING, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        MATRIX.put("GET /parking/cases/{ref}", expect(SIGN_IN, OK, NOTHING, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        MATRIX.put("GET /parking/cases/{ref}/evidence/{document}", expect(SIGN_IN, OK, NOTHING, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        MATRIX.put("GET /parking/cases/{ref}/letters/{letter}", expect(SIGN_IN, OK, NOTHING, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        MATRIX.put("GET /parking/evidence-access", expect(SIGN_IN, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        MATRIX.put("GET /staff/parking", expect(SIGN_IN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN));
        MATRIX.put("POST /staff/parking/cases/{ref}/take", expect(SIGN_IN, FORBIDDEN, FORBIDDEN, NOTHING, NOTHING, FORBIDDEN));
        MATRIX.put("GET /staff/parking/cases/{ref}", expect(SIGN_IN, FORBIDDEN, FORBIDDEN, NOTHING, OK, FORBIDDEN));
        MATRIX.put("GET /staff/parking/cases/{ref}/photos/{photo}", expect(SIGN_IN, FORBIDDEN, FORBIDDEN, NOTHING, OK, FORBIDDEN));
        MATRIX.put("GET /staff/parking/cases/{ref}/evidence/{document}", expect(SIGN_IN, FORBIDDEN, FORBIDDEN, NOTHING, OK, FORBIDDEN));
        MATRIX.put("POST /staff/parking/cases/{ref}/evidence/{document}/original",
                expect(SIGN_IN, FORBIDDEN, FORBIDDEN, NOTHING, FORM_ERRORS, FORBIDDEN));
        MATRIX.put("POST /staff/parking/cases/{ref}/decision", expect(SIGN_IN, FORBIDDEN, FORBIDDEN, NOTHING, FORM_ERRORS, FORBIDDEN));
        // Only parking team leaders (ParkingTeamTest), and none of the callers here is one.
        MATRIX.put("GET /staff/parking/team", expect(SIGN_IN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        MATRIX.put("POST /staff/parking/team/cases/{ref}/officer", expect(SIGN_IN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN));
    }

    @LocalServerPort int port;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @Autowired ParkingFixtures parking;
    @Autowired AccountFixtures accounts;
    @Autowired AuditRows audit;
    @Autowired JdbcClient jdbc;

    private Set<String> parkingEndpoints() {
        Set<String> found = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/parking") || pattern.startsWith("/staff/parking") || pattern.contains("evidence")) {
                    for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                        found.add(method + " " + pattern);
                    }
                }
            }
        });
        return found;
    }

    @Test
    void everyParkingAndEvidenceEndpointHasARowInTheMatrix() {
        assertThat(MATRIX.keySet()).containsAll(parkingEndpoints());
        assertThat(parkingEndpoints()).containsAll(MATRIX.keySet());
    }

    @Test
    void onlyTheExpectedCallersSucceedAndEveryRefusalIsAudited() {
        accounts.clearSignInThrottles();
        parking.clearLookupCounts();
        AccountFixtures.Resident owner = accounts.aResident().build();
        AccountFixtures.Staff assigned = accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).enrolled().build();
        Map<Who, Visitor> callers = new LinkedHashMap<>();
        callers.put(Who.ANONYMOUS, new Visitor(port));
        callers.put(Who.OWNER, new Visitor(port));
        callers.put(Who.OTHER_RESIDENT, new Visitor(port));
        callers.put(Who.UNASSIGNED_OFFICER, new Visitor(port));
        callers.put(Who.ASSIGNED_OFFICER, new Visitor(port));
        callers.put(Who.FINANCE_OFFICER, new Visitor(port));
        SignIns.asResident(callers.get(Who.OWNER), owner);
        SignIns.asResident(callers.get(Who.OTHER_RESIDENT), accounts.aResident().build());
        SignIns.asStaff(callers.get(Who.UNASSIGNED_OFFICER), accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).enrolled().build());
        SignIns.asStaff(callers.get(Who.ASSIGNED_OFFICER), assigned);
        SignIns.asStaff(callers.get(Who.FINANCE_OFFICER), accounts.aStaffMember().withRole(StaffRole.FINANCE_OFFICER).enrolled().build());

        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).onAccountOf(owner.ref()).build();
        Visitor ownerBrowser = callers.get(Who.OWNER);
        ownerBrowser.get("/parking/pcn/" + pcn.ref() + "/challenge");
        String caseRef = Challenges.send(ownerBrowser, "/parking/pcn/" + pcn.ref() + "/challenge",
                Map.of("grounds", "Informal challenge", "statement", "Please cancel"),
                List.of(new Visitor.Upload("evidence", "letter.pdf", "application/pdf", Samples.pdf()))).location()
                .replaceAll(".*/parking/cases/([^?]+).*", "$1");
        jdbc.sql("update parking_case set assigned_officer = :o where public_ref = :c").param("o", assigned.ref()).param("c", caseRef).update();
        String document = first(Pattern.compile("/evidence/([A-Za-z0-9_-]+)\""), ownerBrowser.get("/parking/cases/" + caseRef).body());
        String photo = first(Pattern.compile("/photos/([A-Za-z0-9_-]+)\""), ownerBrowser.get("/parking/pcn/" + pcn.ref()).body());
        // A letter on the case, as a decision would send, without deciding it (the other rows need it open).
        String letter = PublicReferences.next();
        jdbc.sql("""
                insert into parking_letter (public_ref, pcn_id, case_id, kind, body, sent_on)
                select :letter, c.pcn_id, c.id, 'INFORMAL_REJECTION', 'Our reasons: none.', current_date from parking_case c
                where c.public_ref = :c""").param("letter", letter).param("c", caseRef).update();

        List<String> failures = new ArrayList<>();
        for (var row : MATRIX.entrySet()) {
            String[] parts = row.getKey().split(" ", 2);
            String path = parts[1].replace("{document}", document).replace("{photo}", photo).replace("{letter}", letter)
                    .replace("{ref}", parts[1].startsWith("/parking/pcn") ? pcn.ref() : caseRef);
            for (var expected : row.getValue().entrySet()) {
                Visitor caller = callers.get(expected.getKey());
                caller.get(parts[1].startsWith("/staff") && expected.getKey().name().endsWith("OFFICER") ? "/staff" : "/parking");
                long before = audit.lastId();
                Visitor.Page page = parts[0].equals("GET") ? caller.get(path) : caller.post(path, Map.of());
                String label = expected.getKey() + " " + row.getKey();
                if (page.status() != expected.getValue().status()) {
                    failures.add(label + ": expected " + expected.getValue().status() + " but got " + page.status());
                } else if (expected.getValue().refused() && !audit.actionsSince(before).contains("ACCESS_DENIED")) {
                    failures.add(label + ": refused but not audited");
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private static String first(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        assertThat(matcher.find()).as(pattern.pattern()).isTrue();
        return matcher.group(1);
    }
}
