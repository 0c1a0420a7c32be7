package org.townhall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.mail.smtp.Delivery;
import org.townhall.mail.smtp.RelayServer;

/** Messages built to break a mail server: each gets a clear SMTP answer, the relay keeps working, nothing half-delivered. */
@MailRelayTest
class HostileMailTest {

    @Autowired RelayServer relay;
    @Autowired Delivery delivery;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void clean() throws Exception {
        delivery.deliverDue();
        MailPeers.clear();
    }

    private String send(String message) throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(relay.port())) {
            smtp.command("EHLO hostile.example");
            String reply = smtp.send("hostile@hostile.example", "it@eastbridge.example", message);
            assertThat(smtp.command("NOOP")).as("the connection still works").startsWith("250");
            return reply;
        }
    }

    private void stillWorks() throws Exception {
        assertThat(send(RelayTest.letter("a@example.net", "it@eastbridge.example", "after", "still here"))).startsWith("250");
    }

    @Test
    void aHeaderSectionOfOneMegabyteIsRefusedClearly() throws Exception {
        String reply = send("From: a@hostile.example\r\nX-Padding: " + "a".repeat(1024 * 1024) + "\r\nSubject: big\r\n\r\nbody");
        assertThat(reply).startsWith("552").contains("header section too large");
        stillWorks();
    }

    @Test
    void partsNestedTwoHundredDeepAreRefusedClearly() throws Exception {
        StringBuilder m = new StringBuilder("From: a@hostile.example\r\nSubject: nested\r\nMIME-Version: 1.0\r\n");
        for (int i = 0; i < 200; i++) {
            m.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i).append("\r\n");
        }
        m.append("Content-Type: text/plain\r\n\r\ndeep\r\n");
        for (int i = 199; i >= 0; i--) {
            m.append("--b").append(i).append("--\r\n");
        }
        assertThat(send(m.toString())).startsWith("550").contains("nested too deeply");
        stillWorks();
    }

    @Test
    void malformedMimeIsAcceptedAndHeldNotCrashed() throws Exception {
        String reply = send("From: a@hostile.example\r\nSubject: broken\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
                + "boundary=\r\nContent-Transfer-Encoding: base64\r\n\r\n--\r\n%%%% not base64 %%%%\r\n--x\r\nContent-Type: \r\n\r\n");
        assertThat(reply).matches("^(250|550).*");
        stillWorks();
    }

    @Test
    void aZipBombIsHeldInQuarantine() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("invoice.txt"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 200; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        String reply = send("From: a@hostile.example\r\nSubject: invoice\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"x\"\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
                + "--x\r\nContent-Type: application/zip; name=\"invoice.zip\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(zip.toByteArray()) + "\r\n--x--\r\n");
        assertThat(reply).startsWith("250");
        String ref = reply.substring(reply.lastIndexOf(' ') + 1);
        assertThat(jdbc.sql("select state from mail_message where public_ref = :r").param("r", ref).query(String.class).single())
                .isEqualTo("QUARANTINED");
        assertThat(jdbc.sql("select string_agg(reason, ' ') from mail_finding f join mail_message m on m.id = f.message_id "
                + "where m.public_ref = :r").param("r", ref).query(String.class).single()).contains("zip bomb");
    }

    @Test
    void eightBitHeadersAndMixedEncodingsAreReadAndPassedOnIntact() throws Exception {
        byte[] latin1Body = "Caf\u00e9 cr\u00e8me, \u00a310".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(("From: Zo\u00eb M\u00fcller <zoe@example.net>\r\nSubject: =?iso-8859-1?Q?R=E9sum=E9?= and "
                + "=?utf-8?B?8J+Ysg==?= \u2013 r\u00e9ponse\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"a\"\r\n\r\n"
                + "--a\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        m.writeBytes(latin1Body);
        m.writeBytes(("\r\n--a\r\nContent-Type: text/html; charset=x-unknown-charset\r\n\r\n<p>\u00fcber</p>\r\n--a--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        try (SmtpConversation smtp = new SmtpConversation(relay.port())) {
            smtp.command("EHLO client.example.net");
            smtp.command("MAIL FROM:<zoe@example.net>");
            smtp.command("RCPT TO:<it@eastbridge.example>");
            smtp.command("DATA");
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            data.writeBytes(m.toByteArray());
            data.writeBytes("\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(smtp.raw(data.toByteArray())).startsWith("250");
        }
        assertThat(delivery.deliverDue()).isEqualTo(1);
        jakarta.mail.internet.MimeMessage received = MailPeers.received()[0];
        assertThat(received.getSubject()).startsWith("R\u00e9sum\u00e9 and");
        Object text = ((jakarta.mail.Multipart) received.getContent()).getBodyPart(0).getContent();
        assertThat(text.toString()).contains("Caf\u00e9 cr\u00e8me, \u00a310");
    }

    @Test
    void malwareIsRefusedDuringTheConversation() throws Exception {
        String eicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
        String reply = send("From: a@hostile.example\r\nSubject: scan\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"x\"\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nAttached.\r\n"
                + "--x\r\nContent-Type: application/octet-stream; name=\"scan.com\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(eicar.getBytes(StandardCharsets.US_ASCII)) + "\r\n--x--\r\n");
        assertThat(reply).startsWith("550").contains("malware");
        delivery.deliverDue();
        assertThat(MailPeers.received()).isEmpty();
    }

    @Test
    void aDomainWhosePolicySaysRejectIsRefusedWhenSpoofed() throws Exception {
        String reply = send("From: Chief Executive <chief.executive@eastbridge.example>\r\nSubject: Urgent payment\r\n\r\n"
                + "Please pay the attached invoice today.");
        assertThat(reply).startsWith("550").contains("DMARC");
    }

    @Test
    void aConnectionFloodFromOneAddressIsLimited() throws Exception {
        java.util.List<SmtpConversation> open = new java.util.ArrayList<>();
        try {
            int refused = 0;
            for (int i = 0; i < 15; i++) {
                SmtpConversation c = new SmtpConversation(relay.port());
                open.add(c);
                if (c.greeting.startsWith("421")) {
                    refused++;
                }
            }
            assertThat(refused).isEqualTo(5);
        } finally {
            for (SmtpConversation c : open) {
                c.close();
            }
        }
    }
}
