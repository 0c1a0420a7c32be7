package org.townhall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.mail.smtp.Delivery;
import org.townhall.mail.smtp.RelayServer;
import org.townhall.support.AuditRows;
import org.townhall.support.Visitor;

/**
 * A delivery interrupted after the final dot, or given up, waits in the analysts' own queue at the
 * top of the quarantine page until one of them releases or deletes it, each decision audited;
 * nobody else can decide it.
 */
@MailRelayTest
class UncertainDeliveryTest {

    @LocalServerPort int port;
    @Autowired RelayServer relay;
    @Autowired Delivery delivery;
    @Autowired JdbcClient jdbc;
    @Autowired AccountFixtures accounts;
    @Autowired AuditRows audit;

    Visitor analyst;

    @BeforeEach
    void signIn() throws Exception {
        delivery.deliverDue();
        MailPeers.clear();
        accounts.clearSignInThrottles();
        analyst = new Visitor(port);
        SignIns.asStaff(analyst, accounts.aStaffMember().withRole(StaffRole.SECURITY_ANALYST).enrolled().build());
    }

    /** A message whose delivery was interrupted after the final dot, as a crash leaves it. */
    private String uncertain(String subject) throws Exception {
        String ref;
        try (SmtpConversation smtp = new SmtpConversation(relay.port())) {
            smtp.command("EHLO client.example.net");
            String reply = smtp.send("resident@example.net", "housing@eastbridge.example",
                    RelayTest.letter("resident@example.net", "housing@eastbridge.example", subject, "The stairwell light is out."));
            assertThat(reply).startsWith("250");
            ref = reply.substring(reply.lastIndexOf(' ') + 1);
        }
        jdbc.sql("update mail_delivery set state = 'ENDING', lease_until = now() - interval '1 minute' where message_id = "
                + "(select id from mail_message where public_ref = :ref)").param("ref", ref).update();
        delivery.deliverDue();
        assertThat(deliveryState(ref)).isEqualTo("UNCERTAIN");
        return ref;
    }

    private void failed(String ref) {
        jdbc.sql("update mail_delivery set state = 'FAILED', last_error = '550 mailbox unavailable' where message_id = "
                + "(select id from mail_message where public_ref = :ref)").param("ref", ref).update();
        jdbc.sql("update mail_message set state = 'FAILED' where public_ref = :ref").param("ref", ref).update();
    }

    private String deliveryState(String ref) {
        return jdbc.sql("select d.state from mail_delivery d join mail_message m on m.id = d.message_id where m.public_ref = :ref")
                .param("ref", ref).query(String.class).single();
    }

    private static String decisions(Visitor.Page page) {
        int start = page.body().indexOf("Deliveries waiting for an analyst");
        return start < 0 ? "" : page.body().substring(start, page.body().indexOf("</table>", start));
    }

    @Test
    void anUncertainDeliveryWaitsInTheAnalystsQueueWithItsWarning() throws Exception {
        String ref = uncertain("Uncertain stairwell");
        String queue = decisions(analyst.get("/staff/mail"));
        assertThat(queue).contains("/staff/mail/messages/" + ref).contains("Uncertain").contains("may already have it")
                .contains("/staff/mail/messages/" + ref + "/release").contains("/staff/mail/messages/" + ref + "/delete");
        assertThat(MailPeers.received()).isEmpty();
    }

    @Test
    void aFailedDeliveryIsInTheQueueToo() throws Exception {
        String ref = uncertain("Failed stairwell");
        failed(ref);
        assertThat(decisions(analyst.get("/staff/mail"))).contains("/staff/mail/messages/" + ref).contains("Failed")
                .contains("550 mailbox unavailable");
    }

    @Test
    void releasingFromTheQueueSendsItOnceAndIsAuditedAsASecondSending() throws Exception {
        String ref = uncertain("Release uncertain");
        long before = audit.lastId();
        analyst.get("/staff/mail");
        assertThat(analyst.post("/staff/mail/messages/" + ref + "/release").location()).endsWith("?released");
        delivery.deliverDue();
        assertThat(MailPeers.received()).hasSize(1);
        assertThat(audit.detailsSince(before, "MAIL_RELEASED")).anyMatch(d -> d.contains("uncertain"));
        assertThat(decisions(analyst.get("/staff/mail"))).doesNotContain(ref);
    }

    @Test
    void deletingFromTheQueueCancelsTheDeliveryForGoodAndIsAudited() throws Exception {
        String ref = uncertain("Delete uncertain");
        long before = audit.lastId();
        analyst.get("/staff/mail");
        assertThat(analyst.post("/staff/mail/messages/" + ref + "/delete").location()).endsWith("?deleted");
        delivery.deliverDue();
        assertThat(MailPeers.received()).isEmpty();
        assertThat(deliveryState(ref)).isEqualTo("CANCELLED");
        assertThat(audit.detailsSince(before, "MAIL_DELETED")).anyMatch(d -> d.contains("uncertain"));
        assertThat(decisions(analyst.get("/staff/mail"))).doesNotContain(ref);
    }

    @Test
    void anonymousVisitorsResidentsAndOtherStaffCannotDecideAnUncertainDeliveryAndAreAudited() throws Exception {
        String ref = uncertain("Not yours to decide");
        Visitor anonymous = new Visitor(port);
        anonymous.get("/");
        for (String action : new String[] {"/release", "/delete"}) {
            assertThat(anonymous.post("/staff/mail/messages/" + ref + action).status()).as(action).isIn(302, 401, 403);
        }
        long before = audit.lastId();
        Visitor resident = new Visitor(port);
        SignIns.asResident(resident, accounts.aResident().build());
        for (String action : new String[] {"/release", "/delete"}) {
            assertThat(resident.post("/staff/mail/messages/" + ref + action).status()).as(action).isIn(302, 403);
        }
        for (StaffRole role : new StaffRole[] {StaffRole.AUDITOR, StaffRole.ADMIN, StaffRole.SERVICE_MANAGER}) {
            Visitor officer = new Visitor(port);
            SignIns.asStaff(officer, accounts.aStaffMember().withRole(role).enrolled().build());
            officer.get("/staff");
            assertThat(officer.get("/staff/mail").status()).as(role.name()).isEqualTo(403);
            for (String action : new String[] {"/release", "/delete"}) {
                assertThat(officer.post("/staff/mail/messages/" + ref + action).status()).as(role + " " + action).isEqualTo(403);
            }
        }
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED").doesNotContain("MAIL_RELEASED", "MAIL_DELETED");
        delivery.deliverDue();
        assertThat(MailPeers.received()).isEmpty();
        assertThat(deliveryState(ref)).isEqualTo("UNCERTAIN");
    }
}
