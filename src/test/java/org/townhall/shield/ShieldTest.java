package org.townhall.shield;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "townhall.shield.enabled=true", "townhall.shield.bulk-per-minute=5", "townhall.shield.normal-per-minute=40",
        "townhall.shield.essential-per-minute=40", "townhall.shield.flood-refusals-per-minute=3"})
@ActiveProfiles("test")
class ShieldTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> send(String method, String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", accept);
        request = "POST".equals(method)
                ? request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("email=a%40b.c&password=x"))
                : request.GET();
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long sessions() {
        return jdbc.sql("select count(*) from spring_session").query(Long.class).single();
    }

    @Test
    void aFloodOfBulkRequestsIsRefusedFastWithRetryAfterWhileOtherClassesStillWork() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(send("POST", "/sign-in", "text/html").statusCode()).as("attempt " + i).isNotEqualTo(429);
        }
        long sessionsBefore = sessions();
        HttpResponse<String> refused = send("POST", "/sign-in", "text/html");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("Sorry, there have been too many requests");
        assertThat(refused.body()).as("the council's header and footer, a way home and other ways to get help")
                .contains("<header", "London Borough of Eastbridge", "<footer", "href=\"/help/accessibility-statement\"",
                        "Go to the start page", "Other ways to get help", "020 7946 0100", "Eastbridge Town Hall");
        HttpResponse<String> api = send("POST", "/register", "application/json");
        assertThat(api.statusCode()).isEqualTo(429);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(api.body()).contains("\"status\":429");
        assertThat(sessions()).as("a refusal creates no session and touches no table").isEqualTo(sessionsBefore);
        for (int i = 0; i < 5; i++) {
            send("POST", "/sign-in", "text/html");
        }
        // Seven refusals, threshold three a minute: one flood event (two if a minute turned meanwhile), never one each.
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'FLOOD_DETECTED' and occurred_at > now() - interval '2 minutes'")
                .query(Long.class).single()).as("flood events").isBetween(1L, 2L);

        assertThat(send("GET", "/", "text/html").statusCode()).as("normal pages still open").isEqualTo(200);
        assertThat(send("POST", "/staff/sign-in", "text/html").statusCode()).as("essential still allowed").isNotEqualTo(429);
        for (int i = 0; i < 50; i++) {
            assertThat(send("GET", "/assets/townhall/townhall.css", "text/css").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void ipv6ClientsAreCountedByTheirSlash64() {
        assertThat(ClientKeys.of("2001:db8:1:2:aaaa::1")).isEqualTo(ClientKeys.of("2001:db8:1:2:bbbb::9"));
        assertThat(ClientKeys.of("2001:db8:1:2::1")).isNotEqualTo(ClientKeys.of("2001:db8:1:3::1"));
        assertThat(ClientKeys.of("203.0.113.7")).isEqualTo("203.0.113.7");
    }
}
