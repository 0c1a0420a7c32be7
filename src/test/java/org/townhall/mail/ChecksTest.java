package org.townhall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;
import org.townhall.mail.checks.Dns;
import org.townhall.mail.checks.LocalDns;
import org.townhall.mail.checks.Lookalikes;
import org.townhall.mail.checks.PublicSuffixes;
import org.townhall.mail.checks.Screening;
import org.townhall.mail.checks.ThreatFeeds;

/** Each check on messages built for it: sender authentication with real signatures, lookalikes, QR codes, feeds. */
class ChecksTest {

    private final Lookalikes lookalikes = new Lookalikes(List.of("eastbridge.example", "eastbridge.gov.uk"),
            Screeners.settings().impersonation().protectedDomains(), List.of("eastbridge"), List.of("eastbridgeleisure.org.uk"),
            PublicSuffixes.bundled());

    private Screening screen(LocalDns dns, String message) throws Exception {
        return Screeners.screen(Screeners.screener(dns, new ThreatFeeds(null)),
                new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
    }

    private static String reasons(Screening s) {
        return String.join(" | ", s.findings().stream().map(f -> f.check() + " " + f.score() + " " + f.reason()).toList());
    }

    @Test
    void organisationalDomainsFollowThePublicSuffixList() {
        PublicSuffixes psl = PublicSuffixes.bundled();
        assertThat(psl.organisationalDomain("mail.eastbridge.gov.uk")).isEqualTo("eastbridge.gov.uk");
        assertThat(psl.organisationalDomain("a.b.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(psl.organisationalDomain("phish.github.io")).isEqualTo("phish.github.io");
        assertThat(psl.sameOrganisation("bounce.northgate-supplies.example", "northgate-supplies.example")).isTrue();
    }

    @Test
    void lookalikesOfTheCouncilAndProtectedDomainsAreCaughtAndTheGenuineOnesAreNot() {
        for (String fake : new String[] {"eastbrldge.example", "eastbridqe.gov.uk.com", "eastbridge-council-payments.com",
                "east-bridge-council.co.uk", "eastbr1dge-pay.com", "\u0435astbridge.example", "eastbridge.co", "hmrc-refunds.com",
                "barc1ays.co.uk", "eastbridge.gov.uk.secure-login.com", "paypa1.com", "rnicrosoft.com"}) {
            assertThat(lookalikes.imitation(fake)).as(fake).isPresent();
        }
        for (String genuine : new String[] {"eastbridge.example", "mail.eastbridge.gov.uk", "www.gov.uk", "hmrc.gov.uk",
                "notifications.service.gov.uk", "barclays.co.uk", "bbc.co.uk", "gmail.com", "northbridge.org", "eastbridgeleisure.org.uk",
                "justgiving.com", "teams.microsoft.com"}) {
            assertThat(lookalikes.imitation(genuine)).as(genuine).isEmpty();
        }
    }

    @Test
    void aDkimSignatureFromTheFromDomainPassesDmarcAndATamperedOneDoesNot() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        LocalDns dns = Screeners.dns().put("s1._domainkey.partner.example", Dns.Type.TXT,
                "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()))
                .put("_dmarc.partner.example", Dns.Type.TXT, "v=DMARC1; p=reject");
        String message = "From: Partner <news@partner.example>\r\nTo: it@eastbridge.example\r\nSubject: Minutes\r\n\r\nMinutes attached.\r\n";
        DKIMSigner signer = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=partner.example; s=s1; h=from:to:subject; bh=; b=;",
                keys.getPrivate());
        String signature = signer.sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)));
        Screening signed = screen(dns, signature + "\r\n" + message);
        assertThat(reasons(signed)).contains("partner.example passes DMARC (DKIM signed by partner.example)");
        Screening tampered = screen(dns, signature + "\r\n" + message.replace("Minutes attached.", "Pay this invoice."));
        assertThat(tampered.verdict()).as(reasons(tampered)).isEqualTo(Verdict.REFUSE);
    }

    @Test
    void spfPassAlignedWithFromPassesDmarcAndAQuarantinePolicyFailureScoresHigh() throws Exception {
        LocalDns dns = Screeners.dns().put("supplier.example", Dns.Type.TXT, "v=spf1 ip4:198.51.100.0/24 -all")
                .put("_dmarc.supplier.example", Dns.Type.TXT, "v=DMARC1; p=quarantine");
        String from = "X-Test-Envelope-From: billing@supplier.example\r\nX-Test-Client: %s\r\n"
                + "From: billing@supplier.example\r\nSubject: Statement\r\n\r\nYour statement.\r\n";
        assertThat(reasons(screen(dns, String.format(from, "198.51.100.7")))).contains("SPF pass").contains("passes DMARC");
        Screening forged = screen(dns, String.format(from, "203.0.113.9"));
        assertThat(reasons(forged)).contains("SPF fail").contains("policy quarantine");
        assertThat(forged.verdict()).isEqualTo(Verdict.QUARANTINE);
    }

    @Test
    void aQrCodeInAPdfIsReadAsALinkAndAFakeStaffSignInIsQuarantined() throws Exception {
        BitMatrix matrix = new QRCodeWriter().encode("https://eastbridge-staff-login.com/sso", BarcodeFormat.QR_CODE, 300, 300);
        BufferedImage image = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 300; x++) {
            for (int y = 0; y < 300; y++) {
                image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
            }
        }
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            PDImageXObject qr = LosslessFactory.createFromImage(document, image);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(qr, 150, 400, 250, 250);
            }
            document.save(pdf);
        }
        String message = "From: IT Security <security@staff-access-update.com>\r\nTo: all-staff@eastbridge.example\r\n"
                + "Subject: Multi-factor authentication update\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nScan the QR code in the attached notice with your phone to keep access to your account.\r\n"
                + "--b\r\nContent-Type: application/pdf; name=\"MFA-notice.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(pdf.toByteArray()) + "\r\n--b--\r\n";
        Screening s = screen(Screeners.dns(), message);
        assertThat(reasons(s)).contains("QR code in attachment MFA-notice.pdf leads to eastbridge-staff-login.com");
        assertThat(s.verdict()).as(reasons(s)).isEqualTo(Verdict.QUARANTINE);
    }

    @Test
    void aLinkListedByAThreatFeedIsHeld() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("feeds");
        java.nio.file.Files.writeString(dir.resolve("openphish.txt"), "# feed\nhttps://bad-invoices.example/pay\n");
        java.nio.file.Files.writeString(dir.resolve("hosts.txt"), "0.0.0.0 malware-cdn.example\n||tracker.example^\n");
        ThreatFeeds feeds = new ThreatFeeds(dir);
        assertThat(feeds.reload()).isEqualTo(3);
        Screening s = Screeners.screen(Screeners.screener(Screeners.dns(), feeds), new ByteArrayInputStream(
                "From: a@example.org\r\nSubject: hi\r\n\r\nSee http://cdn1.malware-cdn.example/x and https://bad-invoices.example/pay/\r\n"
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(reasons(s)).contains("listed by the threat feed hosts.txt").contains("listed by the threat feed openphish.txt");
        assertThat(s.verdict()).isEqualTo(Verdict.QUARANTINE);
    }
}
