package org.townhall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.mail.smtp.Delivery;
import org.townhall.mail.smtp.RelayServer;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * The default profile's embedded mailbox: administrators read it as text, nobody else can, and
 * "this is phishing" takes a campaign's delivered messages back out of it and tells the incident
 * register.
 */
@TownhallTest
@RecordApplicationEvents
class EmbeddedMailboxTest {

    @LocalServerPort int port;
    @Autowired RelayServer relay;
    @Autowired Delivery delivery;
    @Autowired Quarantine quarantine;
    @Autowired AccountFixtures accounts;
    @Autowired AuditRows audit;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationEvents events;

    private String send(String from, String subject, String body) throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(relay.port())) {
            smtp.command("EHLO client.example.net");
            String reply = smtp.send(from, "finance@eastbridge.example", RelayTest.letter(from, "finance@eastbridge.example", subject, body));
            assertThat(reply).startsWith("250");
            return reply.substring(reply.lastIndexOf(' ') + 1);
        }
    }

    @Test
    void reportingPhishingTakesTheCampaignsDeliveredMessagesBackOutOfTheMailbox() throws Exception {
        String link = "https://invoices-" + System.nanoTime() + ".example/view";
        String delivered = send("accounts@quiet-supplier.example", "Statement for March", "Your statement is ready: " + link);
        assertThat(delivery.deliverDue()).isEqualTo(1);
        String reported = send("accounts@quiet-supplier.example", "Statement for April", "And April's: " + link);
        delivery.deliverDue();

        ScreenedMail.Campaign campaign = quarantine.reportPhishing(reported, "analyst").orElseThrow();

        assertThat(campaign.quarantined()).extracting(ScreenedMail.Summary::ref).contains(delivered);
        assertThat(jdbc.sql("select count(*) from mail_mailbox where pulled_back_at is not null and raw is not null and "
                + "convert_from(raw, 'UTF8') like '%Statement for March%'").query(Long.class).single()).isEqualTo(1);
        assertThat(events.stream(PhishingCampaignReported.class))
                .anySatisfy(e -> assertThat(e.campaignMessageRefs()).contains(reported, delivered));
    }

    @Test
    void administratorsReadTheMailboxAsTextAndOtherStaffCannot() throws Exception {
        send("resident@example.net", "Streetlight out", "The light outside 9 Park Road is out. See http://example.net/photo");
        delivery.deliverDue();
        Visitor admin = new Visitor(port);
        SignIns.asStaff(admin, accounts.aStaffMember().withRole(StaffRole.ADMIN).enrolled().build());
        long before = audit.lastId();
        Visitor.Page page = admin.get("/staff/mailbox");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Streetlight out").contains("hxxp://example[.]net/photo").doesNotContain("href=\"http://example.net");
        assertThat(audit.actionsSince(before)).contains("MAILBOX_VIEWED");

        Visitor analyst = new Visitor(port);
        SignIns.asStaff(analyst, accounts.aStaffMember().withRole(StaffRole.SECURITY_ANALYST).enrolled().build());
        analyst.get("/staff");
        long denied = audit.lastId();
        assertThat(analyst.get("/staff/mailbox").status()).isEqualTo(403);
        assertThat(new Visitor(port).get("/staff/mailbox").status()).isIn(302, 401, 403);
        assertThat(audit.actionsSince(denied)).contains("ACCESS_DENIED");
    }
}
