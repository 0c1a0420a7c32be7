package org.townhall.mail.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.townhall.mail.message.MailParser;
import org.townhall.mail.message.ParsedMail;
import org.townhall.mail.message.RawHeaders;

/** Screening scores the classifier from its weights read out as arrays: the same probability Tribuo gives, message for message. */
class LanguageWeightsTest {

    private final LanguageModel model = new LanguageModel();

    @Test
    void theArraysGiveTribuosOwnProbabilityOnEveryCouncilTestMessage() throws Exception {
        List<Path> files;
        try (Stream<Path> all = Files.walk(Path.of(getClass().getResource("/mail/council-set").toURI()))) {
            files = all.filter(f -> f.toString().endsWith(".eml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(20);
        for (Path file : files) {
            byte[] raw = Files.readAllBytes(file);
            ParsedMail mail = MailParser.parse(RawHeaders.parse(raw, 1 << 20), raw);
            assertThat(model.spamProbability(mail)).as(file.getFileName().toString())
                    .isCloseTo(model.byTribuo(LanguageFeatures.of(mail)), within(1e-9));
        }
    }

    @Test
    void aWordPairHashesAsItsStringWould() {
        String text = "Subject: pay now\n\nplease pay the outstanding balance today";
        ParsedMail mail = MailParser.parse(parse(text), text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(LanguageFeatures.of(mail)).containsKey("w" + Math.floorMod("outstanding balance".hashCode(), LanguageFeatures.BUCKETS))
                .containsKey("w" + Math.floorMod("balance".hashCode(), LanguageFeatures.BUCKETS));
    }

    private static RawHeaders parse(String text) {
        try {
            return RawHeaders.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1 << 20);
        } catch (RawHeaders.TooLarge e) {
            throw new IllegalStateException(e);
        }
    }
}
