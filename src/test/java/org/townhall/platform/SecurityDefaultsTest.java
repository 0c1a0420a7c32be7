package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

@TownhallTest
class SecurityDefaultsTest {

    @LocalServerPort int port;

    @Test
    void everyPageCarriesTheSecurityHeaders() {
        Visitor.Page page = new Visitor(port).get("/sign-in");
        String csp = page.header("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSite() {
        Visitor.Page page = new Visitor(port).get("/sign-in");
        String cookie = page.response().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("TOWNHALL_SESSION=")).findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
    }

    @Test
    void pagesHaveNoInlineScript() {
        String body = new Visitor(port).get("/register").body();
        assertThat(body).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        assertThat(body).doesNotContain(" style=\"");
    }

    @Test
    void aMalformedRequestGetsAPlainErrorWithNoStackTraceOrServerDetails() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /confirm-email?token=%ZZ%G HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/html\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(response).doesNotContain("Exception").doesNotContain("at org.").doesNotContain("Tomcat");
        }
    }

    @Test
    void anUnknownPageGetsTheNotFoundPage() throws Exception {
        Visitor visitor = new Visitor(port);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/assets/govuk/no-such-file.css"))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Page not found").contains("govuk-header");
        assertThat(visitor).isNotNull();
    }
}
