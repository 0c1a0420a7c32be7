package org.townhall.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.security.ReturnPath;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/** After signing in, a resident is back on the page they asked for, and only ever on this site. */
@TownhallTest
class SignInReturnTest {

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;

    @BeforeEach
    void clearThrottles() {
        accounts.clearSignInThrottles();
    }

    @Test
    void aResidentSentToSignInIsBroughtBackToThePageTheyAskedFor() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        Visitor visitor = new Visitor(port);
        String signIn = visitor.get("/council-tax/link?from=bill").location();
        assertThat(URLDecoder.decode(signIn, StandardCharsets.UTF_8)).endsWith("/sign-in?next=/council-tax/link?from=bill");
        Visitor.Page form = visitor.get(signIn.substring(signIn.indexOf("/sign-in")));
        assertThat(form.body()).contains("name=\"next\" value=\"/council-tax/link?from=bill\"");
        Visitor.Page signedIn = visitor.post("/sign-in", "email", resident.email(), "password", resident.password(),
                "next", "/council-tax/link?from=bill");
        assertThat(signedIn.location()).endsWith("/council-tax/link?from=bill");
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example/pay", "/\\evil.example", "https://evil.example/", "/\r\nLocation: https://evil.example", "/\\/evil.example",
        "javascript:alert(1)", "/sign-out", "/staff/payments", " /account", "/pay/{x}"})
    void anOffSiteOrLoopingReturnAddressIsRefusedAndTheResidentGoesToTheirAccount(String next) {
        AccountFixtures.Resident resident = accounts.aResident().build();
        Visitor visitor = new Visitor(port);
        visitor.get("/sign-in");
        Visitor.Page signedIn = visitor.post("/sign-in", "email", resident.email(), "password", resident.password(), "next", next);
        assertThat(signedIn.location()).endsWith("/account").doesNotContain("evil");
    }

    @Test
    void returnPathsTakeOnlyPathsOnThisSite() {
        assertThat(ReturnPath.safe("/parking/pcn/abc?x=1")).contains("/parking/pcn/abc?x=1");
        assertThat(ReturnPath.safe("//evil.example")).isEmpty();
        assertThat(ReturnPath.safe("/\\evil.example")).isEmpty();
        assertThat(ReturnPath.safe("/%2F%2Fevil.example")).contains("/%2F%2Fevil.example");
        assertThat(ReturnPath.safe("http:/evil.example")).isEmpty();
        assertThat(ReturnPath.safe(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/./staff/audit", "/%73taff/audit", "/account/../staff/audit", "/.//staff/audit", "/%2e/staff/audit",
        "/parking/%2e%2e/staff/payments", "/%73ign-out", "/./sign-in?timeLimit"})
    void aReturnAddressABrowserResolvesToTheStaffSideOrToSigningInOrOutIsRefused(String next) {
        // The browser removes dot segments and the server decodes %73 to s, so each of these lands on
        // the page its plain spelling names: a resident sent there by a link is shown a refusal
        // recorded against them as an attempt on a staff page.
        assertThat(ReturnPath.safe(next)).isEmpty();
        AccountFixtures.Resident resident = accounts.aResident().build();
        Visitor visitor = new Visitor(port);
        visitor.get("/sign-in");
        Visitor.Page signedIn = visitor.post("/sign-in", "email", resident.email(), "password", resident.password(), "next", next);
        assertThat(signedIn.location()).endsWith("/account");
    }

    @Test
    void aReturnAddressWithDotsOrEscapesThatStaysOnResidentPagesIsKept() {
        assertThat(ReturnPath.safe("/parking/pcn/abc/../abc")).contains("/parking/pcn/abc/../abc");
        assertThat(ReturnPath.safe("/pay%20ments")).contains("/pay%20ments");
        assertThat(ReturnPath.safe("/account?next=/staff")).contains("/account?next=/staff");
    }

    @Test
    void signedInPagesHaveTheAccountAndSignOutInTheHeader() {
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, accounts.aResident().build());
        String page = visitor.get("/pay").body();
        String header = page.substring(page.indexOf("<header"), page.indexOf("</header>"));
        assertThat(header).contains("href=\"/account\"", "Your account", "action=\"/sign-out\"", "Sign out");
        String signedOut = new Visitor(port).get("/pay").body();
        assertThat(signedOut.substring(signedOut.indexOf("<header"), signedOut.indexOf("</header>"))).doesNotContain("Sign out");
    }
}
