package org.townhall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.townhall.mail.checks.Finding;
import org.townhall.mail.checks.Screener;
import org.townhall.mail.checks.Screening;
import org.townhall.mail.checks.ThreatFeeds;

/**
 * The council's own set of phishing and legitimate mail (test resources mail/council-set): every
 * phish is quarantined or refused, and no legitimate message is quarantined. Written for the
 * kinds of attack (lookalike domains, bank-detail changes, payment lures, credential pages, QR
 * codes, dangerous attachments), not for these particular messages.
 */
class CouncilMailSetTest {

    private final Screener screener = Screeners.screener(Screeners.dns(), new ThreatFeeds(null));

    private List<Path> files(String kind) throws Exception {
        Path dir = Path.of(getClass().getResource("/mail/council-set/" + kind).toURI());
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        }
    }

    private Screening screen(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return Screeners.screen(screener, in);
        }
    }

    private static String explain(Path file, Screening s) {
        StringBuilder b = new StringBuilder(file.getFileName() + " " + s.verdict() + " " + s.score() + ":");
        for (Finding f : s.findings()) {
            if (f.score() != 0) {
                b.append("\n   ").append(f.score()).append(' ').append(f.check()).append(": ").append(f.reason());
            }
        }
        return b.toString();
    }

    @Test
    void everyPhishIsQuarantinedOrRefused() throws Exception {
        List<String> missed = new ArrayList<>();
        for (Path file : files("phish")) {
            Screening s = screen(file);
            if (s.verdict() != Verdict.QUARANTINE && s.verdict() != Verdict.REFUSE) {
                missed.add(explain(file, s));
            }
        }
        assertThat(missed).isEmpty();
    }

    @Test
    void noLegitimateMessageIsQuarantined() throws Exception {
        List<String> held = new ArrayList<>();
        for (Path file : files("legit")) {
            Screening s = screen(file);
            if (s.verdict() == Verdict.QUARANTINE || s.verdict() == Verdict.REFUSE) {
                held.add(explain(file, s));
            }
        }
        assertThat(held).isEmpty();
    }
}
