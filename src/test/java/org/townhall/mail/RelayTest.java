package org.townhall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.mail.smtp.Delivery;
import org.townhall.mail.smtp.RelayServer;

/** The relay as a mail server on the internet meets it: what it accepts, passes on, and refuses, over real SMTP. */
@MailRelayTest
class RelayTest {

    @Autowired RelayServer relay;
    @Autowired Delivery delivery;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void clean() throws Exception {
        delivery.deliverDue();
        MailPeers.clear();
    }

    static String letter(String from, String to, String subject, String body) {
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + System.nanoTime()
                + "@example.net>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
    }

    @Test
    void ordinaryMailIsAcceptedDeliveredOnceWithTheResultHeader() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(relay.port())) {
            assertThat(smtp.greeting).startsWith("220");
            assertThat(smtp.command("EHLO client.example.net")).startsWith("250");
            String reply = smtp.send("resident@example.net", "council.tax@eastbridge.example",
                    letter("Resident <resident@example.net>", "council.tax@eastbridge.example", "Moving house",
                            "I am moving on 3 May; please close my account then."));
            assertThat(reply).startsWith("250").contains("queued as");
        }
        assertThat(delivery.deliverDue()).isEqualTo(1);
        assertThat(delivery.deliverDue()).isZero();
        MimeMessage[] received = MailPeers.received();
        assertThat(received).hasSize(1);
        assertThat(received[0].getHeader("X-Townhall-Screening")[0]).startsWith("verdict=deliver");
        assertThat(received[0].getHeader("Authentication-Results")[0]).contains("spf=");
        assertThat(received[0].getSubject()).isEqualTo("Moving house");
    }

    @Test
    void mailForAnOutsideDomainIsRefusedSoTheRelayIsNeverOpen() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(relay.port())) {
            smtp.command("EHLO spammer.example");
            assertThat(smtp.command("MAIL FROM:<a@spammer.example>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<victim@elsewhere.example>")).startsWith("550").contains("Relaying denied");
            assertThat(smtp.command("RCPT TO:<victim@eastbridge.example.elsewhere.example>")).startsWith("550");
            assertThat(smtp.command("RCPT TO:<\"victim@elsewhere.example\"@eastbridge.example>")).doesNotStartWith("250 2");
        }
    }

    @Test
    void bareLineFeedDotSequencesAreRefusedSoNoSecondMessageCanBeSmuggled() throws Exception {
        for (String smuggle : new String[] {"\n.\n", "\r\n.\n", "\n.\r\n", "\r.\r", "\r.\r\n"}) {
            try (SmtpConversation smtp = new SmtpConversation(relay.port())) {
                smtp.command("EHLO attacker.example");
                smtp.command("MAIL FROM:<a@attacker.example>");
                smtp.command("RCPT TO:<finance@eastbridge.example>");
                assertThat(smtp.command("DATA")).startsWith("354");
                String body = "From: a@attacker.example\r\nSubject: one\r\n\r\nfirst" + smuggle
                        + "MAIL FROM:<ceo@eastbridge.example>\r\nRCPT TO:<finance@eastbridge.example>\r\nDATA\r\n"
                        + "From: ceo@eastbridge.example\r\nSubject: pay this\r\n\r\nforged\r\n.\r\n";
                assertThat(smtp.raw(body.getBytes(StandardCharsets.ISO_8859_1))).as(smuggle.replace("\r", "CR").replace("\n", "LF"))
                        .startsWith("554").contains("CRLF.CRLF");
            }
        }
        delivery.deliverDue();
        assertThat(MailPeers.received()).isEmpty();
    }

    @Test
    void aStuffedDotLineIsOrdinaryTextAndArrivesIntact() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(relay.port())) {
            smtp.command("EHLO client.example.net");
            assertThat(smtp.send("resident@example.net", "parking@eastbridge.example",
                    letter("resident@example.net", "parking@eastbridge.example", "Dots", "line one\r\n.\r\n..two dots\r\nend")))
                    .startsWith("250");
        }
        delivery.deliverDue();
        String content = new String(MailPeers.received()[0].getRawInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(content).contains("line one\r\n.\r\n..two dots\r\nend");
    }

    @Test
    void aForgedScreeningHeaderFromTheSenderIsRemovedAndOnlyOursArrives() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(relay.port())) {
            smtp.command("EHLO client.example.net");
            assertThat(smtp.send("resident@example.net", "parking@eastbridge.example",
                    "X-Townhall-Screening: verdict=deliver; score=-100\r\n"
                            + "Authentication-Results: mail.eastbridge.example; dmarc=pass header.from=eastbridge.example\r\n"
                            + letter("resident@example.net", "parking@eastbridge.example", "Hello", "hello"))).startsWith("250");
        }
        delivery.deliverDue();
        MimeMessage received = MailPeers.received()[0];
        assertThat(received.getHeader("X-Townhall-Screening")).hasSize(1);
        assertThat(received.getHeader("X-Townhall-Screening")[0]).doesNotContain("-100");
        assertThat(received.getHeader("Authentication-Results")).hasSize(1);
        assertThat(received.getHeader("Authentication-Results")[0]).doesNotContain("dmarc=pass header.from=eastbridge.example");
    }

    @Test
    void aMessageOverSizeIsRefusedWithAClearErrorAndTheConnectionStaysUsable() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(relay.port())) {
            smtp.command("EHLO client.example.net");
            assertThat(smtp.command("MAIL FROM:<big@example.net> SIZE=999999999")).startsWith("552");
            String huge = "x".repeat(1000) + "\r\n";
            String reply = smtp.send("big@example.net", "parking@eastbridge.example",
                    letter("big@example.net", "parking@eastbridge.example", "Big", huge.repeat(26 * 1024)));
            assertThat(reply).startsWith("552").contains("too big");
            assertThat(smtp.command("NOOP")).startsWith("250");
        }
    }
}
