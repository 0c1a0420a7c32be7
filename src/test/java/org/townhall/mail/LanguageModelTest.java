package org.townhall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.townhall.mail.language.LanguageModel;
import org.townhall.mail.message.MailParser;
import org.townhall.mail.message.ParsedMail;
import org.townhall.mail.message.RawHeaders;

/** The classifier shipped as a resource loads, and tells spam's wording from a resident's letter. */
class LanguageModelTest {

    private final LanguageModel model = new LanguageModel();

    private static ParsedMail mail(String message) throws Exception {
        byte[] raw = message.getBytes(StandardCharsets.UTF_8);
        return MailParser.parse(RawHeaders.parse(raw, 65536), raw);
    }

    @Test
    void spamWordingScoresHighAndAResidentsLetterLow() throws Exception {
        double spam = model.spamProbability(mail("From: deals@offers.example\r\nSubject: FREE money!!! Act now\r\n"
                + "Content-Type: text/html\r\n\r\n<html><body>Click here to claim your FREE cash prize! Limited time offer, "
                + "100% guaranteed, no credit check. Order now and remove yourself from our list.</body></html>"));
        double ham = model.spamProbability(mail("From: Margaret <mags@example.net>\r\nSubject: Missed bin collection\r\n\r\n"
                + "Hello, our green bin on Elm Road was missed again on Tuesday. Could someone collect it this week? Thanks, Margaret"));
        assertThat(spam).isGreaterThan(0.85);
        assertThat(ham).isLessThan(0.5);
    }
}
