package org.townhall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.mail.smtp.Delivery;
import org.townhall.mail.smtp.RelayServer;
import org.townhall.support.AuditRows;
import org.townhall.support.Visitor;

/** Security analysts' pages: the quarantine, the safe view and what they do there; nobody else gets in. */
@MailRelayTest
class QuarantinePagesTest {

    @LocalServerPort int port;
    @Autowired RelayServer relay;
    @Autowired Delivery delivery;
    @Autowired AccountFixtures accounts;
    @Autowired AuditRows audit;
    @Autowired Quarantine quarantine;

    Visitor analyst;

    @BeforeEach
    void signIn() throws Exception {
        delivery.deliverDue();
        MailPeers.clear();
        analyst = new Visitor(port);
        SignIns.asStaff(analyst, accounts.aStaffMember().withRole(StaffRole.SECURITY_ANALYST).enrolled().build());
    }

    String lookalikePhish(String subject) throws Exception {
        return lookalikePhish(subject, "eastbridge-council-payments-" + System.nanoTime() + ".com");
    }

    String lookalikePhish(String subject, String domain) throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(relay.port())) {
            smtp.command("EHLO mail." + domain);
            String reply = smtp.send("payments@" + domain, "finance@eastbridge.example",
                    "From: Eastbridge Council <payments@" + domain + ">\r\nTo: finance@eastbridge.example\r\nSubject: " + subject
                            + "\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                            + "<html><body><p>Urgent: your council tax payment failed. Pay now to avoid a penalty:</p>"
                            + "<a href=\"https://" + domain + "/pay\">https://www.eastbridge.gov.uk/pay</a>"
                            + "<script>alert('owned')</script><img src=x onerror=alert(1)></body></html>");
            assertThat(reply).startsWith("250");
            return reply.substring(reply.lastIndexOf(' ') + 1);
        }
    }

    @Test
    void aLookalikePhishIsHeldAndShownSafelyWithEachChecksScoreAndReason() throws Exception {
        String ref = lookalikePhish("Council tax payment failed <b>now</b>", "eastbrldge.com");
        delivery.deliverDue();
        assertThat(MailPeers.received()).isEmpty();
        Visitor.Page list = analyst.get("/staff/mail");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Council tax payment failed &lt;b&gt;now&lt;/b&gt;");
        Visitor.Page view = analyst.get("/staff/mail/messages/" + ref);
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.body()).contains("eastbrldge[.]com").contains("hxxps://")
                .doesNotContain("href=\"https://eastbrldge").doesNotContain("<script>alert").doesNotContain("onerror=alert")
                .contains("is spelt nearly like eastbridge.example");
        assertThat(view.header("Content-Security-Policy")).contains("script-src 'self'");
    }

    @Test
    void releasingDeliversTheMessageOnceAndRecordsWhoReleasedIt() throws Exception {
        String ref = lookalikePhish("Release me");
        long before = audit.lastId();
        analyst.get("/staff/mail/messages/" + ref);
        assertThat(analyst.post("/staff/mail/messages/" + ref + "/release").location()).endsWith("?released");
        delivery.deliverDue();
        delivery.deliverDue();
        assertThat(MailPeers.received()).hasSize(1);
        assertThat(MailPeers.received()[0].getHeader("X-Townhall-Screening")[0]).contains("verdict=released");
        assertThat(audit.actionsSince(before)).contains("MAIL_VIEWED", "MAIL_RELEASED");
        analyst.get("/staff/mail/messages/" + ref);
        assertThat(analyst.post("/staff/mail/messages/" + ref + "/release").location()).endsWith("?notReleased");
    }

    @Test
    void thisIsPhishingBlocksTheDomainAndHoldsTheWholeCampaign() throws Exception {
        String domain = "eastbridge-council-refunds-" + System.nanoTime() + ".com";
        String first = lookalikePhish("Campaign one", domain);
        long before = audit.lastId();
        analyst.get("/staff/mail/messages/" + first);
        Visitor.Page result = analyst.post("/staff/mail/messages/" + first + "/phishing");
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).contains(domain + " is now refused");
        assertThat(audit.actionsSince(before)).contains("MAIL_DOMAIN_BLOCKED", "MAIL_PHISHING_REPORTED");
        try (SmtpConversation smtp = new SmtpConversation(relay.port())) {
            smtp.command("EHLO mail." + domain);
            assertThat(smtp.command("MAIL FROM:<other@" + domain + ">")).startsWith("550");
        }
    }

    @Test
    void mailForwardedToTheReportAddressLandsInTheAnalystsQueueAndIsNeverDelivered() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(relay.port())) {
            smtp.command("EHLO mail.eastbridge.example");
            assertThat(smtp.send("jo.bloggs@example.net", "report-phishing@eastbridge.example",
                    RelayTest.letter("jo.bloggs@example.net", "report-phishing@eastbridge.example", "Fwd: suspicious invoice",
                            "Is this real? https://invoices-portal.example/view"))).startsWith("250");
        }
        delivery.deliverDue();
        assertThat(MailPeers.received()).isEmpty();
        assertThat(analyst.get("/staff/mail").body()).contains("Fwd: suspicious invoice").contains("Reported by staff");
    }

    @Test
    void dailyFiguresCountVerdictsAndReasons() throws Exception {
        lookalikePhish("Figures");
        Visitor.Page figures = analyst.get("/staff/mail/figures");
        assertThat(figures.status()).isEqualTo(200);
        assertThat(figures.body()).contains("Quarantined").contains("impersonation");
    }

    @Test
    void residentsAnonymousVisitorsAndOtherStaffGetNothingAndAreAudited() throws Exception {
        String ref = lookalikePhish("Not for you");
        String[] pages = {"/staff/mail", "/staff/mail/messages/" + ref, "/staff/mail/figures"};
        String[] actions = {"/release", "/delete", "/phishing"};

        Visitor anonymous = new Visitor(port);
        for (String page : pages) {
            assertThat(anonymous.get(page).status()).as(page).isIn(302, 401, 403);
        }
        Visitor resident = new Visitor(port);
        SignIns.asResident(resident, accounts.aResident().build());
        long before = audit.lastId();
        for (String page : pages) {
            assertThat(resident.get(page).status()).as(page).isIn(302, 403);
        }
        for (StaffRole role : new StaffRole[] {StaffRole.PARKING_OFFICER, StaffRole.FINANCE_OFFICER, StaffRole.AUDITOR, StaffRole.ADMIN,
                StaffRole.SERVICE_MANAGER}) {
            Visitor officer = new Visitor(port);
            SignIns.asStaff(officer, accounts.aStaffMember().withRole(role).enrolled().build());
            officer.get("/staff");
            for (String page : pages) {
                assertThat(officer.get(page).status()).as(role + " " + page).isEqualTo(403);
            }
            for (String action : actions) {
                assertThat(officer.post("/staff/mail/messages/" + ref + action).status()).as(role + " " + action).isEqualTo(403);
            }
        }
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED").doesNotContain("MAIL_VIEWED", "MAIL_RELEASED", "MAIL_DELETED");
        assertThat(quarantine.search(new ScreenedMail.Search(null, null, null, null, null, null), "test").stream()
                .anyMatch(m -> m.ref().equals(ref))).isTrue();
    }

    @Test
    void anUnknownMessageIsNotFoundAndBadSearchInputIsAClearError() {
        assertThat(analyst.get("/staff/mail/messages/no-such-message").status()).isEqualTo(404);
        assertThat(analyst.get("/staff/mail?from=yesterday").body()).contains("There is a problem");
        assertThat(analyst.get("/staff/mail?domain=%3Cscript%3E").body()).contains("Domain must be a domain name");
    }
}
