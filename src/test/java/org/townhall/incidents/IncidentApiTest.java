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

/** The incident API as an analyst's tool uses it, with a token issued on the page and shown once. */
@TownhallTest
class IncidentApiTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired JdbcClient jdbc;
    @Autowired AuditRows audit;
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTokenIssuedOnThePageIsShownOnceStoredHashedAndWorksUntilRevoked() throws Exception {
        accounts.clearSignInThrottles();
        Visitor analyst = new Visitor(port);
        SignIns.asStaff(analyst, accounts.aStaffMember().withRole(StaffRole.SECURITY_ANALYST).enrolled().build());
        analyst.get("/staff/api-tokens");
        long before = audit.lastId();
        String page = analyst.post("/staff/api-tokens", "label", "SIEM").body();
        String token = page.replaceAll("(?s).*id=\"issued-token\"[^>]*>(thk_[A-Za-z0-9_-]+)<.*", "$1");
        assertThat(token).startsWith("thk_").hasSizeGreaterThan(40);
        assertThat(audit.actionsSince(before)).contains("API_TOKEN_ISSUED");
        assertThat(analyst.get("/staff/api-tokens").body()).doesNotContain(token);
        assertThat(jdbc.sql("select count(*) from staff_api_token where encode(token_hash, 'escape') like :t")
                .param("t", "%" + token.substring(4, 20) + "%").query(Long.class).single()).isZero();

        HttpResponse<String> created = call("POST", "/api/incidents", token,
                "{\"title\":\"SIEM: <b>beacon</b>\",\"description\":\"Beaconing to a known C2\",\"kind\":\"MALWARE\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String ref = created.headers().firstValue("Location").orElseThrow().replace("/api/incidents/", "");
        assertThat(call("POST", "/api/incidents/" + ref + "/observables", token, "{\"kind\":\"ADDRESS\",\"value\":\"203.0.113.9\"}")
                .body()).contains("203.0.113.9/32");
        HttpResponse<String> tooLong = call("POST", "/api/incidents/" + ref + "/timeline", token,
                "{\"note\":\"" + "A".repeat(20_000) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(tooLong.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(tooLong.body()).contains("10,000 characters or fewer");
        HttpResponse<String> huge = call("POST", "/api/incidents/" + ref + "/timeline", token,
                "{\"note\":\"" + "A".repeat(1024 * 1024) + "\"}");
        assertThat(huge.statusCode()).as("a body over a megabyte is refused unread").isEqualTo(400);
        assertThat(huge.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(call("POST", "/api/incidents", token, "{not json").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/incidents", token, "{\"title\":\"t\",\"description\":\"d\",\"kind\":\"NOT_A_KIND\"}").statusCode())
                .isEqualTo(400);
        long incidents = jdbc.sql("select count(*) from incident").query(Long.class).single();
        HttpResponse<String> misspelt = call("POST", "/api/incidents", token, "{\"title\":\"t\",\"description\":\"d\",\"knid\":\"PHISHING\"}");
        assertThat(misspelt.statusCode()).as("a field the API does not know is refused, not ignored").isEqualTo(400);
        assertThat(misspelt.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(jdbc.sql("select count(*) from incident").query(Long.class).single()).isEqualTo(incidents);
        assertThat(call("POST", "/api/incidents/" + ref + "/timeline", token, "{\"note\":\"n\",\"author\":\"someone else\"}").statusCode())
                .isEqualTo(400);
        assertThat(call("GET", "/api/incidents", token, null).body()).contains(ref).contains("SIEM: <b>beacon</b>");
        assertThat(call("GET", "/api/openapi", token, null).body()).contains("/api/incidents/{ref}/observables").contains("bearer");

        String tokenRef = jdbc.sql("select public_ref from staff_api_token where label = 'SIEM' order by id desc limit 1").query(String.class).single();
        analyst.get("/staff/api-tokens");
        analyst.post("/staff/api-tokens/" + tokenRef + "/revoke", java.util.Map.of());
        assertThat(call("GET", "/api/incidents", token, null).statusCode()).isEqualTo(401);
    }
}
