package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.payments.PaymentFixtures;
import org.townhall.support.RawRequest;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * A request names whatever Host it likes. Were redirects built from it, a link through a shared
 * cache or a misrouted proxy could send a resident from a real council page to the sender's site.
 * Every redirect names only a path on this site, whatever Host and X-Forwarded-Host say.
 */
@TownhallTest
class HostHeaderRedirectsTest {

    private static final String EVIL = "evil.example";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired PaymentFixtures payments;

    private RawRequest.Answer get(String path, String cookie) {
        return RawRequest.send(port, "GET " + path + " HTTP/1.1", "Host: " + EVIL, "X-Forwarded-Host: " + EVIL,
                "Accept: text/html", "Cookie: " + (cookie == null ? "none=1" : cookie));
    }

    /** Posts a form from the page the visitor last read, with its session and CSRF token, under a hostile Host. */
    private RawRequest.Answer post(Visitor visitor, Visitor.Page form, String path, String... fields) {
        Matcher token = CSRF.matcher(form.body());
        assertThat(token.find()).as("a CSRF token on the form").isTrue();
        StringBuilder body = new StringBuilder("_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8));
        for (int i = 0; i < fields.length; i += 2) {
            body.append('&').append(fields[i]).append('=').append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return RawRequest.post(port, path, EVIL, "TOWNHALL_SESSION=" + visitor.cookie("TOWNHALL_SESSION"), body.toString());
    }

    private static void assertRedirectsWithinTheSite(RawRequest.Answer answer, String expectedPath) {
        assertThat(answer.status()).as("a redirect").isBetween(301, 303);
        assertThat(answer.header("Location")).as("Location").startsWith("/").doesNotStartWith("//")
                .doesNotContain(EVIL).startsWith(expectedPath);
    }

    @Test
    void anAnonymousVisitorIsSentToSignInOnThisSite() {
        assertRedirectsWithinTheSite(get("/account", null), "/sign-in");
        assertRedirectsWithinTheSite(get("/staff/parking", null), "/staff/sign-in");
    }

    @Test
    void signingInAndOutRedirectWithinTheSite() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        Visitor visitor = new Visitor(port);
        RawRequest.Answer signedIn = post(visitor, visitor.get("/sign-in"), "/sign-in",
                "email", resident.email(), "password", resident.password());
        assertRedirectsWithinTheSite(signedIn, "/account");
        String session = signedIn.all("Set-Cookie").stream().filter(c -> c.startsWith("TOWNHALL_SESSION="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();

        RawRequest.Answer page = get("/account", session);
        assertThat(page.status()).isEqualTo(200);
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).isTrue();
        RawRequest.Answer signedOut = RawRequest.post(port, "/sign-out", EVIL, session,
                "_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8));
        assertRedirectsWithinTheSite(signedOut, "/sign-in?signedOut");
    }

    @Test
    void staffSignInRedirectsWithinTheSite() {
        AccountFixtures.Staff officer = accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).enrolled().build();
        Visitor visitor = new Visitor(port);
        assertRedirectsWithinTheSite(post(visitor, visitor.get("/staff/sign-in"), "/staff/sign-in",
                "email", officer.email(), "password", officer.password()), "/staff/authenticator");
    }

    @Test
    void formsThatMoveTheVisitorOnRedirectWithinTheSite() {
        Visitor visitor = new Visitor(port);
        assertRedirectsWithinTheSite(post(visitor, visitor.get("/forgot-password"), "/forgot-password",
                "email", AccountFixtures.uniqueEmail("host")), "/check-your-email");
        Visitor registering = new Visitor(port);
        assertRedirectsWithinTheSite(post(registering, registering.get("/register"), "/register",
                "fullName", "Dara Host", "email", AccountFixtures.uniqueEmail("host"), "password", "a long and unusual passphrase"),
                "/check-your-email");
    }

    @Test
    void comingBackFromThePaymentProviderRedirectsWithinTheSite() {
        AccountFixtures.Resident resident = accounts.aResident().build();
        PaymentFixtures.Taken payment = payments.aTakenCouncilTaxPayment(resident, "40.00");
        Visitor visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
        assertRedirectsWithinTheSite(get("/payments/" + payment.paymentRef() + "/return",
                "TOWNHALL_SESSION=" + visitor.cookie("TOWNHALL_SESSION")), "/payments/" + payment.paymentRef());
    }

    @Test
    void theExplanationPageOfNoServiceRedirectsWithinTheSite() {
        assertRedirectsWithinTheSite(get("/service-unavailable", null), "/status");
    }
}
