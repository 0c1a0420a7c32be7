package org.townhall.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * Every incidents and reports endpoint, pages and API, found from the application's own request
 * mappings and tried as each kind of caller. Only the expected ones succeed; every refusal is
 * audited. A new endpoint with no row fails the test until someone decides who may use it.
 */
@TownhallTest
class IncidentsAuthorisationMatrixTest {

    enum Page { ANONYMOUS, RESIDENT, PARKING_OFFICER, FINANCE_OFFICER, SERVICE_MANAGER, ADMIN, SECURITY_ANALYST, AUDITOR }

    enum Api { NO_TOKEN, ANALYSTS_COOKIE_ONLY, ANALYST_TOKEN, AUDITOR_TOKEN, REVOKED_TOKEN, OTHERS_REVOKED_TOKEN_REPLAYED, DEMOTED_OWNERS_TOKEN }

    record Expect(int status, boolean refused) {
    }

    private static final Expect OK = new Expect(200, false);
    private static final Expect CREATED = new Expect(201, false);
    private static final Expect DONE = new Expect(302, false);
    private static final Expect BAD = new Expect(400, false);
    private static final Expect FORM = new Expect(422, false);
    private static final Expect NONE = new Expect(404, false);
    private static final Expect SIGN_IN = new Expect(302, true);
    private static final Expect NO = new Expect(403, true);
    private static final Expect WHO = new Expect(401, true);

    private static final Map<String, List<Expect>> PAGES = new LinkedHashMap<>();
    private static final Map<String, List<Expect>> API = new LinkedHashMap<>();

    /** Columns in the order of {@link Page}: anonymous, resident, then each staff role. */
    private static void page(String endpoint, Expect anyStaff, Expect analyst, Expect auditor) {
        PAGES.put(endpoint, List.of(SIGN_IN, NO, anyStaff, anyStaff, anyStaff, anyStaff, analyst, auditor));
    }

    static {
        page("GET /staff/incidents/report", OK, OK, OK);
        page("POST /staff/incidents/report", FORM, FORM, FORM);
        page("GET /staff/incidents/reported", OK, OK, OK);
        page("GET /staff/incidents", NO, OK, OK);
        page("GET /staff/incidents/{ref}", NO, OK, OK);
        page("POST /staff/incidents/{ref}", NO, BAD, NO);
        for (String action : List.of("notes", "tasks", "tasks/{task}/done", "observables", "observables/{observable}/investigate",
                "observables/{observable}/block", "links", "references", "breach", "breach/notifications", "breach/notice")) {
            page("POST /staff/incidents/{ref}/" + action, NO, FORM, NO);
        }
        page("POST /staff/incidents/{ref}/breach/notice/send", NO, DONE, NO);
        page("GET /staff/incidents/{ref}/breach/ico-draft.pdf", NO, NONE, NONE);
        page("GET /staff/reports", NO, OK, OK);
        page("GET /staff/reports/{period}.pdf", NO, OK, OK);
        page("GET /staff/reports/{period}.csv", NO, OK, OK);
        page("GET /staff/reports/{period}/charts/{chart}.png", NO, OK, OK);
        page("GET /staff/api-tokens", NO, OK, OK);
        page("POST /staff/api-tokens", NO, FORM, FORM);
        page("POST /staff/api-tokens/{ref}/revoke", NO, DONE, DONE);

        API.put("GET /api/incidents", List.of(WHO, WHO, OK, OK, WHO, WHO, WHO));
        API.put("GET /api/incidents/{ref}", List.of(WHO, WHO, OK, OK, WHO, WHO, WHO));
        API.put("POST /api/incidents", List.of(WHO, WHO, FORM, NO, WHO, WHO, WHO));
        API.put("POST /api/incidents/{ref}/observables", List.of(WHO, WHO, FORM, NO, WHO, WHO, WHO));
        API.put("POST /api/incidents/{ref}/timeline", List.of(WHO, WHO, CREATED, NO, WHO, WHO, WHO));
        API.put("GET /api/openapi", List.of(WHO, WHO, OK, OK, WHO, WHO, WHO));
        API.put("GET /api/openapi.yaml", List.of(WHO, WHO, OK, OK, WHO, WHO, WHO));
    }

    @LocalServerPort int port;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @Autowired AccountFixtures accounts;
    @Autowired IncidentRegister register;
    @Autowired ApiTokens tokens;
    @Autowired AuditRows audit;
    @Autowired JdbcClient jdbc;

    private Set<String> endpoints() {
        Set<String> found = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/staff/incidents") || pattern.startsWith("/staff/reports") || pattern.startsWith("/staff/api-tokens")
                        || pattern.startsWith("/api/")) {
                    for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                        found.add(method + " " + pattern);
                    }
                }
            }
        });
        return found;
    }

    @Test
    void everyIncidentsAndReportsEndpointHasARowInTheMatrix() {
        Set<String> rows = new TreeSet<>(PAGES.keySet());
        rows.addAll(API.keySet());
        assertThat(rows).containsAll(endpoints());
        assertThat(endpoints()).containsAll(rows);
    }

    @Test
    void onlyTheExpectedStaffSeeThePagesAndEveryRefusalIsAudited() {
        accounts.clearSignInThrottles();
        Map<Page, Visitor> callers = new LinkedHashMap<>();
        for (Page who : Page.values()) {
            Visitor visitor = new Visitor(port);
            if (who == Page.RESIDENT) {
                SignIns.asResident(visitor, accounts.aResident().build());
            } else if (who != Page.ANONYMOUS) {
                SignIns.asStaff(visitor, accounts.aStaffMember().withRole(StaffRole.valueOf(who.name())).enrolled().build());
            }
            callers.put(who, visitor);
        }
        String ref = register.report(new IncidentRegister.Report("Matrix", "d", IncidentKind.OTHER), "staff-m").ref();
        List<String> failures = new ArrayList<>();
        for (var row : PAGES.entrySet()) {
            String[] parts = row.getKey().split(" ", 2);
            String path = parts[1].replace("{ref}", ref).replace("{task}", "no-such-task").replace("{observable}", "no-such")
                    .replace("{period}", "2019-03").replace("{chart}", "downtime");
            for (Page who : Page.values()) {
                Expect expected = row.getValue().get(who.ordinal());
                Visitor caller = callers.get(who);
                caller.get(who == Page.ANONYMOUS ? "/staff/sign-in" : who == Page.RESIDENT ? "/account" : "/staff");
                String target = path.endsWith("/revoke") ? path.replace("{ref}", "no-such-token") : path;
                long before = audit.lastId();
                Visitor.Page answer = parts[0].equals("GET") ? caller.get(target) : caller.post(target, Map.of());
                List<String> recorded = audit.actionsSince(before);
                if (answer.status() != expected.status()) {
                    failures.add(who + " " + row.getKey() + ": expected " + expected.status() + " but got " + answer.status());
                } else if (expected.refused() && !recorded.contains("ACCESS_DENIED")) {
                    failures.add(who + " " + row.getKey() + ": refused but not audited");
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theApiAnswersOnlyLiveTokensOfAnalystsAndAuditorsAndAuditsEveryRefusal() throws Exception {
        accounts.clearSignInThrottles();
        AccountFixtures.Staff analyst = accounts.aStaffMember().withRole(StaffRole.SECURITY_ANALYST).enrolled().build();
        AccountFixtures.Staff auditor = accounts.aStaffMember().withRole(StaffRole.AUDITOR).build();
        AccountFixtures.Staff other = accounts.aStaffMember().withRole(StaffRole.SECURITY_ANALYST).build();
        AccountFixtures.Staff demoted = accounts.aStaffMember().withRole(StaffRole.SECURITY_ANALYST).build();
        Visitor browser = new Visitor(port);
        SignIns.asStaff(browser, analyst);
        Map<Api, String> bearer = new LinkedHashMap<>();
        bearer.put(Api.NO_TOKEN, null);
        bearer.put(Api.ANALYSTS_COOKIE_ONLY, null);
        bearer.put(Api.ANALYST_TOKEN, tokens.issue(analyst.ref(), "tool").orElseThrow().secret());
        bearer.put(Api.AUDITOR_TOKEN, tokens.issue(auditor.ref(), "tool").orElseThrow().secret());
        ApiTokens.Issued revoked = tokens.issue(analyst.ref(), "old tool").orElseThrow();
        tokens.revoke(revoked.ref(), analyst.ref());
        bearer.put(Api.REVOKED_TOKEN, revoked.secret());
        ApiTokens.Issued othersOld = tokens.issue(other.ref(), "laptop").orElseThrow();
        tokens.revoke(othersOld.ref(), other.ref());
        bearer.put(Api.OTHERS_REVOKED_TOKEN_REPLAYED, othersOld.secret());
        bearer.put(Api.DEMOTED_OWNERS_TOKEN, tokens.issue(demoted.ref(), "tool").orElseThrow().secret());
        jdbc.sql("delete from staff_role where staff_id = (select id from staff_member where public_ref = :r)").param("r", demoted.ref()).update();
        String ref = register.report(new IncidentRegister.Report("API matrix", "d", IncidentKind.OTHER), "staff-m").ref();

        HttpClient http = HttpClient.newHttpClient();
        List<String> failures = new ArrayList<>();
        for (var row : API.entrySet()) {
            String[] parts = row.getKey().split(" ", 2);
            String path = parts[1].replace("{ref}", ref);
            for (Api who : Api.values()) {
                Expect expected = row.getValue().get(who.ordinal());
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", "application/json, */*;q=0.1");
                if (bearer.get(who) != null) {
                    request.header("Authorization", "Bearer " + bearer.get(who));
                }
                if (who == Api.ANALYSTS_COOKIE_ONLY) {
                    request.header("Cookie", "TOWNHALL_SESSION=" + browser.cookie("TOWNHALL_SESSION"));
                }
                String body = path.endsWith("/timeline") ? "{\"note\":\"from the SIEM\"}" : "{}";
                request = parts[0].equals("GET") ? request.GET()
                        : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
                long before = audit.lastId();
                HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                List<String> recorded = audit.actionsSince(before);
                if (answer.statusCode() != expected.status()) {
                    failures.add(who + " " + row.getKey() + ": expected " + expected.status() + " but got " + answer.statusCode());
                } else if (expected.refused() && !recorded.contains("API_TOKEN_REFUSED") && !recorded.contains("ACCESS_DENIED")) {
                    failures.add(who + " " + row.getKey() + ": refused but not audited");
                } else if (expected.status() >= 400 && !answer.headers().firstValue("Content-Type").orElse("").contains("problem+json")) {
                    failures.add(who + " " + row.getKey() + ": refusal not problem details");
                }
            }
        }
        assertThat(failures).isEmpty();
    }
}
