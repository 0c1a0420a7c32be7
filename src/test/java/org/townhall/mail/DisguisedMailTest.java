package org.townhall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.townhall.mail.checks.Finding;
import org.townhall.mail.checks.Screening;
import org.townhall.mail.checks.ThreatFeeds;

/**
 * The ways a stranger hides a link, a name or a file from the checks while a reader's browser or
 * mail program still shows or follows it: character references, tabs and backslashes in an
 * address, image candidate lists, CSS and meta refresh, pages in data: addresses, characters
 * that reverse text on screen, look-alike and invisible letters in a colleague's name.
 */
class DisguisedMailTest {

    private static final String LOOKALIKE = "eastbrldge-pay.com";

    private Screening screen(String from, String type, String body) throws Exception {
        String message = "From: " + from + "\r\nTo: finance@eastbridge.example\r\nSubject: Your account\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: " + type + "\r\n\r\n" + body + "\r\n";
        return Screeners.screen(Screeners.screener(Screeners.dns(), new ThreatFeeds(null)),
                new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
    }

    private Screening html(String body) throws Exception {
        return screen("Billing <billing@payments-desk.example>", "text/html; charset=utf-8", "<html><body>" + body + "</body></html>");
    }

    private static boolean found(Screening s, String check, String reason) {
        return s.findings().stream().filter(f -> f.score() > 0).anyMatch(f -> f.check().equals(check) && f.reason().contains(reason));
    }

    @Test
    void aScriptAddressSpeltWithANamedColonOrATabStillRunsCode() throws Exception {
        assertThat(found(html("<a href=\"javascript&colon;go()\">Open</a>"), "links", "runs code")).isTrue();
        assertThat(found(html("<a href=\"java\tscript:go()\">Open</a>"), "links", "runs code")).isTrue();
        assertThat(found(html("<a href=\"&#106avascript:go()\">Open</a>"), "links", "runs code")).isTrue();
    }

    @Test
    void aWebPageInADataAddressRunsCodeButAnInlineImageDoesNot() throws Exception {
        assertThat(found(html("<a href=\"data:text/html;base64,PHNjcmlwdD4=\">Open invoice</a>"), "links", "runs code")).isTrue();
        assertThat(found(html("<img src=\"data:image/png;base64,iVBORw0KGgo=\">"), "links", "runs code")).isFalse();
    }

    @Test
    void linksInSrcsetCssAndMetaRefreshAreFound() throws Exception {
        assertThat(html("<img srcset=\"https://" + LOOKALIKE + "/a.png 1x, https://" + LOOKALIKE + "/b.png 2x\">").linkDomains())
                .contains(LOOKALIKE);
        assertThat(html("<div style=\"background:url('https://" + LOOKALIKE + "/bg.png')\">x</div>").linkDomains()).contains(LOOKALIKE);
        assertThat(html("<meta http-equiv=\"refresh\" content=\"0;url=https://" + LOOKALIKE + "/x\">").linkDomains()).contains(LOOKALIKE);
    }

    @Test
    void backslashesInAWebAddressLeadWhereABrowserGoes() throws Exception {
        assertThat(html("<a href=\"https:\\\\" + LOOKALIKE + "\\pay\">Pay</a>").linkDomains()).contains(LOOKALIKE);
    }

    @Test
    void textReversedOnScreenIsCaughtInDisplayNamesLinkTextAndFileNames() throws Exception {
        Screening name = screen("\"Payroll\u202E\" <pay@outside-mail.example>", "text/plain", "Please see below.");
        assertThat(found(name, "impersonation", "reverse")).isTrue();
        Screening text = html("<a href=\"https://evil-pay.example/x\">https://www.\u202Ekuvog.egdirbtsae</a>");
        assertThat(found(text, "links", "reverse")).isTrue();
        Screening file = screen("Billing <billing@payments-desk.example>", "multipart/mixed; boundary=b",
                "--b\r\nContent-Type: text/plain\r\n\r\nInvoice attached\r\n--b\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Disposition: attachment; filename*=utf-8''invoice%E2%80%AEfdp.zip\r\n\r\nxx\r\n--b--");
        assertThat(found(file, "attachments", "reverse")).as(file.findings().toString()).isTrue();
    }

    @Test
    void aColleaguesNameWithALookAlikeOrInvisibleLetterIsStillTheirName() throws Exception {
        for (String shown : new String[] {"Sar\u0430h Whitfield", "Sarah Whit\u200Bfield", "SARAH  WHITFIELD"}) {
            Screening s = screen("\"" + shown + "\" <sarah.w@outside-mail.example>", "text/plain", "Are you at your desk?");
            assertThat(found(s, "impersonation", "member of the council's staff")).as(shown).isTrue();
        }
    }

    @Test
    void anAddressHiddenInAnEncodedDisplayNameIsADisplayNameNotTheSender() throws Exception {
        Screening s = screen("=?utf-8?q?ct=40eastbridge=2Egov=2Euk?= <ct@random-mail.example>", "text/plain", "Please call us.");
        assertThat(s.mail().author()).hasValueSatisfying(a -> assertThat(a.domain()).isEqualTo("random-mail.example"));
        assertThat(found(s, "impersonation", "display name shows another address")).isTrue();
        assertThat(s.findings().stream().filter(f -> f.check().equals("DMARC")).map(Finding::reason).toList())
                .noneMatch(r -> r.contains("eastbridge"));
    }
}
