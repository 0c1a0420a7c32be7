package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.support.RawRequest;
import org.townhall.support.TownhallTest;

/** Requests Tomcat refuses before any filter runs still get Townhall's security headers and no server details. */
@TownhallTest
class ContainerErrorPagesTest {

    @LocalServerPort int port;

    private static void assertSecurityHeaders(RawRequest.Answer answer) {
        assertThat(answer.all("Content-Security-Policy")).as("one CSP").hasSize(1);
        assertThat(answer.header("Content-Security-Policy")).contains("frame-ancestors 'none'").contains("script-src 'self'");
        assertThat(answer.all("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(answer.all("X-Frame-Options")).containsExactly("DENY");
        assertThat(answer.all("Referrer-Policy")).containsExactly("no-referrer");
    }

    private static void assertNoServerDetails(RawRequest.Answer answer) {
        assertThat(answer.header("Server")).isNull();
        assertThat(answer.body()).doesNotContainIgnoringCase("tomcat").doesNotContainIgnoringCase("apache")
                .doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void aCharacterTheRequestLineMayNotHoldGetsA400WithTheSecurityHeaders() {
        RawRequest.Answer answer = RawRequest.send(port, "GET /parking|pcn HTTP/1.1", "Host: localhost", "Accept: text/html");
        assertThat(answer.status()).isEqualTo(400);
        assertSecurityHeaders(answer);
        assertNoServerDetails(answer);
    }

    @Test
    void aHeaderLineWithoutAColonGetsA400WithTheSecurityHeaders() {
        RawRequest.Answer answer = RawRequest.send(port, "GET / HTTP/1.1", "Host: localhost", "This is not a header");
        assertThat(answer.status()).isEqualTo(400);
        assertSecurityHeaders(answer);
        assertNoServerDetails(answer);
    }

    @Test
    void anEncodedNullOrDotSegmentInThePathGetsA400WithTheSecurityHeaders() {
        for (String path : new String[] {"/a%00b", "/%2e%2e/etc/passwd", "/a\\b"}) {
            RawRequest.Answer answer = RawRequest.send(port, "GET " + path + " HTTP/1.1", "Host: localhost");
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertSecurityHeaders(answer);
            assertNoServerDetails(answer);
        }
    }

    @Test
    void anUnknownHttpVersionGetsTheSecurityHeaders() {
        RawRequest.Answer answer = RawRequest.send(port, "GET / HTTP/9.9", "Host: localhost");
        assertThat(answer.status()).isEqualTo(505);
        assertSecurityHeaders(answer);
        assertNoServerDetails(answer);
    }

    @Test
    void traceIsRefusedWithTheSecurityHeaders() {
        RawRequest.Answer answer = RawRequest.send(port, "TRACE /sign-in HTTP/1.1", "Host: localhost", "Cookie: TOWNHALL_SESSION=x");
        assertThat(answer.status()).isEqualTo(405);
        assertSecurityHeaders(answer);
        assertThat(answer.body()).doesNotContain("TOWNHALL_SESSION");
    }

    @Test
    void aNormalPageCarriesEachHeaderOnce() {
        RawRequest.Answer answer = RawRequest.send(port, "GET /sign-in HTTP/1.1", "Host: localhost", "Accept: text/html");
        assertThat(answer.status()).isEqualTo(200);
        assertSecurityHeaders(answer);
        assertThat(answer.all("Strict-Transport-Security")).as("not over plain HTTP in the default profile").isEmpty();
    }

    @Test
    void askingForTheErrorPageDirectlyIsPageNotFound() {
        for (String path : new String[] {"/error", "/error;jsessionid=x", "/%65rror", "/error/", "/error.html"}) {
            RawRequest.Answer answer = RawRequest.send(port, "GET " + path + " HTTP/1.1", "Host: localhost", "Accept: text/html");
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).contains("Page not found").contains("govuk-header");
            assertSecurityHeaders(answer);
        }
        assertThat(RawRequest.send(port, "POST /error HTTP/1.1", "Host: localhost", "Content-Length: 0").status()).isEqualTo(404);
        RawRequest.Answer json = RawRequest.send(port, "GET /error HTTP/1.1", "Host: localhost", "Accept: application/json");
        assertThat(json.status()).isEqualTo(404);
    }

    @Test
    void aSessionCookieTownhallDidNotMakeIsIgnoredNotAServerError() {
        for (String forged : new String[] {"A".repeat(200), "AAAA", "not base64!", "x", ""}) {
            RawRequest.Answer answer = RawRequest.send(port, "GET /sign-in HTTP/1.1", "Host: localhost", "Accept: text/html",
                    "Cookie: TOWNHALL_SESSION=" + forged);
            assertThat(answer.status()).as(forged).isEqualTo(200);
        }
    }

    @Test
    void aQueryThatIsNotValidUtf8IsABadRequestNotAServerError() {
        for (String query : new String[] {"x=%E0%A4", "signedOut=%FF", "x=%ZZ%G"}) {
            RawRequest.Answer answer = RawRequest.send(port, "GET /sign-in?" + query + " HTTP/1.1", "Host: localhost",
                    "Accept: text/html");
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.body()).contains("could not understand that request");
            assertSecurityHeaders(answer);
        }
    }
}
