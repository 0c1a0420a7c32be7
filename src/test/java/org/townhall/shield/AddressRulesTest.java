package org.townhall.shield;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.support.AuditRows;
import org.townhall.support.Visitor;

/**
 * Security analysts block and allow addresses; a block is refused before anything else, an allow
 * skips the limits. And when the concurrency limit is reached, bulk requests are shed with 503.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "townhall.shield.enabled=true", "townhall.shield.bulk-per-minute=3", "townhall.shield.normal-per-minute=500",
        "townhall.shield.essential-per-minute=500", "townhall.shield.fixed-concurrency=20",
        "townhall.shield.account-per-minute=40",
        // Spring Boot tests switch metric exporters off unless asked.
        "management.prometheus.metrics.export.enabled=true",
        // Behind a trusted proxy on this machine, so a test can arrive from any address.
        "server.forward-headers-strategy=native", "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1"})
@ActiveProfiles("test")
class AddressRulesTest {

    @LocalServerPort int port;
    @Autowired AddressRules rules;
    @Autowired AccountFixtures accounts;
    @Autowired AuditRows audit;
    @Autowired LoadShedding shedding;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @AfterEach
    void clear() {
        rules.active().forEach(r -> rules.remove(r.ref(), "test"));
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", "text/html");
        request = "POST".equals(method) ? request.POST(HttpRequest.BodyPublishers.ofString("email=a%40b.c"))
                .header("Content-Type", "application/x-www-form-urlencoded") : request.GET();
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBlockedAddressGetsNothingButTheBlockedPageUntilTheRuleIsRemoved() throws Exception {
        assertThat(send("GET", "/").statusCode()).isEqualTo(200);
        String ref = rules.add(AddressRules.Kind.BLOCK, "127.0.0.0/8", "Attack from this range", Duration.ofHours(1), "analyst").orElseThrow();
        HttpResponse<String> blocked = send("GET", "/");
        assertThat(blocked.statusCode()).isEqualTo(403);
        assertThat(blocked.body()).contains("Access from your network has been blocked");
        assertThat(send("GET", "/status").statusCode()).isEqualTo(403);
        rules.remove(ref, "analyst");
        assertThat(send("GET", "/").statusCode()).isEqualTo(200);
    }

    @Test
    void anAllowedAddressIsNeverRateLimitedButABlockStillWinsOverIt() throws Exception {
        int refused = 0;
        for (int i = 0; i < 5; i++) {
            refused += send("POST", "/register").statusCode() == 429 ? 1 : 0;
        }
        assertThat(refused).isPositive();
        rules.add(AddressRules.Kind.ALLOW, "127.0.0.1", "Council offices gateway", Duration.ofHours(1), "analyst");
        for (int i = 0; i < 10; i++) {
            assertThat(send("POST", "/register").statusCode()).isNotEqualTo(429);
        }
        rules.add(AddressRules.Kind.BLOCK, "127.0.0.1/32", "Compromised", Duration.ofHours(1), "analyst");
        assertThat(send("POST", "/register").statusCode()).isEqualTo(403);
    }

    @Test
    void analystsManageRulesOnTheirPageOthersCannotAndEveryChangeIsAudited() {
        Visitor analyst = new Visitor(port);
        SignIns.asStaff(analyst, accounts.aStaffMember().withRole(StaffRole.SECURITY_ANALYST).enrolled().build());
        analyst.get("/staff/shield");
        long before = audit.lastId();
        assertThat(analyst.post("/staff/shield", "kind", "BLOCK", "range", "203.0.113.0/24", "reason", "Credential stuffing",
                "hours", "48").location()).endsWith("/staff/shield?added");
        assertThat(analyst.get("/staff/shield").body()).contains("203.0.113.0/24").contains("Credential stuffing");
        for (String[] bad : new String[][] {{"example.com", "24"}, {"203.0.113.0/33", "24"}, {"::1/129", "1"},
                {"203.0.113.9", "0"}, {"203.0.113.9", "2161"}, {"203.0.113.9", "many"}}) {
            analyst.get("/staff/shield");
            assertThat(analyst.post("/staff/shield", "kind", "BLOCK", "range", bad[0], "reason", "x", "hours", bad[1]).body())
                    .as(bad[0] + " for " + bad[1]).contains("There is a problem");
        }
        String ref = rules.active().get(0).ref();
        analyst.get("/staff/shield");
        assertThat(analyst.post("/staff/shield/" + ref + "/remove").location()).endsWith("?removed");
        assertThat(audit.actionsSince(before)).contains("ADDRESS_RULE_ADDED", "ADDRESS_RULE_REMOVED");

        Visitor officer = new Visitor(port);
        SignIns.asStaff(officer, accounts.aStaffMember().withRole(StaffRole.FINANCE_OFFICER).enrolled().build());
        officer.get("/staff");
        long denied = audit.lastId();
        assertThat(officer.get("/staff/shield").status()).isEqualTo(403);
        assertThat(officer.post("/staff/shield", "kind", "ALLOW", "range", "0.0.0.0/0", "reason", "x", "hours", "1").status()).isEqualTo(403);
        assertThat(audit.actionsSince(denied)).contains("ACCESS_DENIED");
        assertThat(rules.active()).isEmpty();
    }

    @Test
    void anAnalystCannotBlockEveryoneLoopbackOrTheirOwnAddressAndTheAttemptIsAudited() {
        Visitor analyst = new Visitor(port);
        SignIns.asStaff(analyst, accounts.aStaffMember().withRole(StaffRole.SECURITY_ANALYST).enrolled().build());
        long before = audit.lastId();
        // The analyst arrives from 127.0.0.1 here, so the loopback cases are also "your own address".
        for (String range : new String[] {"0.0.0.0/0", "::/0", "10.0.0.0/8", "2001:db8::/16", "127.0.0.5", "::1",
                "::ffff:127.0.0.1"}) {
            analyst.get("/staff/shield");
            assertThat(analyst.post("/staff/shield", "kind", "BLOCK", "range", range, "reason", "Flood", "hours", "1").body())
                    .as(range).contains("There is a problem");
        }
        assertThat(rules.active()).isEmpty();
        assertThat(audit.actionsSince(before)).filteredOn("ADDRESS_RULE_REFUSED"::equals).hasSize(7);
        analyst.get("/staff/shield");
        assertThat(analyst.post("/staff/shield", "kind", "BLOCK", "range", "198.51.100.0/24", "reason", "Flood", "hours", "1")
                .location()).as("a range the size of an attack is still blocked").endsWith("?added");
    }

    @Test
    void whenEverySlotIsTakenBulkRequestsAreShedFastWith503AndEssentialOnesStillRun() throws Exception {
        Visitor resident = new Visitor(port);
        SignIns.asResident(resident, accounts.aResident().build());
        java.util.List<com.netflix.concurrency.limits.Limiter.Listener> held = new java.util.ArrayList<>();
        java.util.Optional<com.netflix.concurrency.limits.Limiter.Listener> slot;
        while ((slot = shedding.acquire(RequestClass.BULK)).isPresent()) {
            held.add(slot.get());
        }
        try {
            HttpResponse<String> shed = send("POST", "/register");
            assertThat(shed.statusCode()).isEqualTo(503);
            assertThat(shed.headers().firstValue("Retry-After")).contains("5");
            assertThat(shed.body()).contains("Sorry, the service is very busy");
            assertThat(shed.body()).as("a way home and other ways to get help").contains("<header", "<footer", "Go to the start page",
                    "Other ways to get help", "020 7946 0100");
            assertThat(send("POST", "/staff/sign-in").statusCode()).as("staff sign-in is essential").isNotEqualTo(503);
            // A page asked for without any session is shed with bulk work under a botnet (ADR 0011);
            // a signed-in resident's pages keep the normal share.
            assertThat(resident.get("/account").status()).as("signed-in pages keep their share").isEqualTo(200);
        } finally {
            held.forEach(com.netflix.concurrency.limits.Limiter.Listener::onSuccess);
        }
        HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("townhall_shield_refusals_total{class=\"BULK\",reason=\"shed\"}")
                .contains("townhall_shield_concurrency_limit").contains("townhall_shield_requests_total");
        // Through the load balancer from anywhere else: no metrics.
        HttpResponse<String> outsider = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Accept", "text/plain").header("X-Forwarded-For", "198.51.100.7").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(outsider.statusCode()).isNotEqualTo(200);
        assertThat(outsider.body()).doesNotContain("townhall_shield");
    }

    @Test
    void aSignedInAccountIsHeldToItsOwnLimitFromWhateverAddressesItsRequestsCome() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        Visitor stolen = new Visitor(port, "198.51.100.1");
        SignIns.asResident(stolen, resident);
        int refused = 0;
        // A hundred requests, more than twice the minute's forty, so the few tokens that refill while
        // a busy machine serves them cannot hide the limit.
        for (int i = 0; i < 100; i++) {
            Visitor.Page page = stolen.arriveFrom("198.51.100." + (i + 2)).get("/account");
            if (page.status() == 429) {
                refused++;
                assertThat(page.header("Retry-After")).isNotNull();
            }
        }
        assertThat(refused).as("forty a minute for the account, across a hundred addresses").isGreaterThanOrEqualTo(8);
        assertThat(new Visitor(port, "198.51.100.99").get("/").status()).as("anyone else is untouched").isEqualTo(200);
    }

    @Test
    void rangesAreParsedFromLiteralsOnlyAndMatchByPrefix() {
        assertThat(Cidr.parse("203.0.113.77/24").orElseThrow().toString()).isEqualTo("203.0.113.0/24");
        assertThat(Cidr.parse("203.0.113.0/24").orElseThrow().contains("203.0.113.200")).isTrue();
        assertThat(Cidr.parse("203.0.113.0/24").orElseThrow().contains("203.0.114.1")).isFalse();
        assertThat(Cidr.parse("2001:db8:1::/48").orElseThrow().contains("2001:db8:1:ffff::1")).isTrue();
        assertThat(Cidr.parse("2001:db8:1::/48").orElseThrow().contains("203.0.113.1")).isFalse();
        assertThat(Cidr.parse("localhost")).isEmpty();
        assertThat(Cidr.parse("10.0.0.0/-1")).isEmpty();
        assertThat(Cidr.parse("")).isEmpty();
    }
}
