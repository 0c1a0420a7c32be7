package org.townhall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.StaffRole;
import org.townhall.mail.smtp.RelayServer;
import org.townhall.support.Browser;

/**
 * A security analyst works the quarantine in a real browser: the pages meet WCAG 2.2 AA, and a
 * held message's scripts never run and its links are never links.
 */
@MailRelayTest
class MailQuarantineBrowserTest {

    @LocalServerPort int port;
    @Autowired RelayServer relay;
    @Autowired AccountFixtures accounts;
    Browser browser;

    @BeforeEach
    void open() {
        accounts.clearSignInThrottles();
        browser = new Browser(port);
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void anAnalystReadsAHeldPhishSafelyAndReportsItsCampaign() throws Exception {
        String domain = "eastbridge-council-tax-" + System.nanoTime() + ".com";
        try (SmtpConversation smtp = new SmtpConversation(relay.port())) {
            smtp.command("EHLO mail." + domain);
            assertThat(smtp.send("billing@" + domain, "finance@eastbridge.example", "From: Council Tax <billing@" + domain + ">\r\n"
                    + "Subject: Council tax refund\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                    + "<p>Claim your council tax refund today:</p><a href=\"https://" + domain + "/claim\">www.eastbridge.gov.uk</a>"
                    + "<script>document.title='owned'</script><img src=x onerror=\"document.title='owned'\">")).startsWith("250");
        }
        AccountFixtures.Staff analyst = accounts.aStaffMember().withRole(StaffRole.SECURITY_ANALYST).enrolled().build();
        browser.open("/staff/sign-in").type("email", analyst.email()).type("password", analyst.password()).submit("email");
        browser.type("code", analyst.codeAt(System.currentTimeMillis() / 1000)).submit("code");
        browser.click("Mail quarantine").assertAccessible();
        assertThat(browser.heading()).isEqualTo("Mail quarantine");
        browser.click("Council tax refund").assertAccessible();
        assertThat(browser.title()).doesNotContain("owned");
        assertThat(browser.text()).contains("hxxps://" + domain.replace(".", "[.]"));
        assertThat(browser.text()).doesNotContain("Claim your council tax refund today:\nwww.eastbridge.gov.uk");
        browser.click("This is phishing").assertAccessible();
        assertThat(browser.heading()).isEqualTo("Reported as phishing");
        browser.open("/staff/mail/figures").assertAccessible();
    }
}
