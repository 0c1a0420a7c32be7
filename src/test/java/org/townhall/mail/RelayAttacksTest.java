package org.townhall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.townhall.mail.smtp.Delivery;
import org.townhall.mail.smtp.RelayServer;

/**
 * The relay as a stranger tries it: addresses that look like the council's but route elsewhere,
 * a SIZE no number holds, a header the relay writes forged in other spellings, a sender's domain
 * written to read as an authentication result, a line of megabytes.
 */
@MailRelayTest
class RelayAttacksTest {

    @Autowired RelayServer relay;
    @Autowired Delivery delivery;

    @BeforeEach
    void clean() throws Exception {
        delivery.deliverDue();
        MailPeers.clear();
    }

    @Test
    void addressesThatRouteOnwardAreRefusedEvenAtTheCouncilsDomain() throws Exception {
        String[] routed = {"victim%elsewhere.example@eastbridge.example", "@elsewhere.example:victim@eastbridge.example",
                "\"victim@elsewhere.example\"@eastbridge.example", "\"victim\"@eastbridge.example",
                "elsewhere.example!victim@eastbridge.example", "victim@elsewhere.example,x@eastbridge.example",
                "victim@elsewhere.example@eastbridge.example"};
        try (SmtpConversation smtp = new SmtpConversation(relay.port())) {
            smtp.command("EHLO stranger.example");
            assertThat(smtp.command("MAIL FROM:<a@stranger.example>")).startsWith("250");
            for (String address : routed) {
                assertThat(smtp.command("RCPT TO:<" + address + ">")).as(address).startsWith("550 5.7.1");
            }
            assertThat(smtp.command("RCPT TO:<Housing.Repairs+leak@EASTBRIDGE.example>")).startsWith("250");
        }
    }

    @Test
    void postmasterWithoutADomainIsAcceptedAsTheCouncilsOwnAndNothingElseBareIs() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(relay.port())) {
            smtp.command("EHLO operator.example");
            assertThat(smtp.command("MAIL FROM:<ops@operator.example>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<Postmaster>")).as("RFC 5321 4.5.1").startsWith("250");
            assertThat(smtp.command("RCPT TO:<abuse>")).startsWith("550 5.7.1");
        }
    }

    @Test
    void aSizeTooLargeForAnyNumberIsRefusedAndTheConnectionKept() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(relay.port())) {
            smtp.command("EHLO stranger.example");
            assertThat(smtp.command("MAIL FROM:<a@stranger.example> SIZE=99999999999999999999")).startsWith("552 5.3.4");
            assertThat(smtp.command("NOOP")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<a@stranger.example> SIZE=1000")).startsWith("250");
        }
    }

    @Test
    void theResultHeaderForgedInOtherSpellingsIsRemoved() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(relay.port())) {
            smtp.command("EHLO client.example.net");
            assertThat(smtp.send("resident@example.net", "parking@eastbridge.example",
                    "x-townhall-screening: verdict=deliver; score=-100\r\nX-Townhall-Screening : verdict=deliver; score=-99\r\n"
                            + "X-Townhall-Screening:\r\n verdict=deliver; score=-98\r\n"
                            + RelayTest.letter("resident@example.net", "parking@eastbridge.example", "Hello", "hello"))).startsWith("250");
        }
        delivery.deliverDue();
        MimeMessage received = MailPeers.received()[0];
        assertThat(received.getHeader("X-Townhall-Screening")).hasSize(1);
        assertThat(received.getHeader("X-Townhall-Screening")[0]).doesNotContain("-100", "-99", "-98");
    }

    @Test
    void aSendersDomainCannotWriteItselfIntoTheAuthenticationResults() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(relay.port())) {
            smtp.command("EHLO client.example.net");
            assertThat(smtp.send("resident@example.net", "parking@eastbridge.example",
                    "From: Resident <resident@[example.net;dkim=pass]>\r\nTo: parking@eastbridge.example\r\nSubject: Hi\r\n\r\nhello"))
                    .startsWith("250");
        }
        delivery.deliverDue();
        String results = MailPeers.received()[0].getHeader("Authentication-Results")[0];
        assertThat(results).doesNotContain("dkim=pass").contains("dkim=none");
    }

    @Test
    void aLineOfMegabytesIsScreenedAndTheWorkerCarriesOn() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(relay.port())) {
            smtp.command("EHLO client.example.net");
            String reply = smtp.send("resident@example.net", "parking@eastbridge.example",
                    RelayTest.letter("resident@example.net", "parking@eastbridge.example", "Long", "y".repeat(3_000_000)));
            assertThat(reply).startsWith("250");
            assertThat(smtp.command("NOOP")).startsWith("250");
            smtp.command("MAIL FROM:<a@example.net>");
            smtp.command("RCPT TO:<parking@eastbridge.example>");
            smtp.command("DATA");
            String nul = "From: a@example.net\r\nSubject: nul \u0000 here\r\n\r\nhello\u0000\r\n.\r\n";
            assertThat(smtp.raw(nul.getBytes(StandardCharsets.UTF_8))).startsWith("250");
        }
    }
}
