package org.townhall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.townhall.mail.checks.Finding;
import org.townhall.mail.checks.Screening;
import org.townhall.mail.checks.ThreatFeeds;

/**
 * Where a link leads scores by what it disguises and what the words around it ask: a newsletter
 * from a new sender with links to new sites is delivered plainly, the same links asking for a
 * payment or a sign-in are not.
 */
class LinkScoringTest {

    private Screening screen(String from, String body) throws Exception {
        return screen(from, "text/html", "<html><body>" + body + "</body></html>");
    }

    private Screening screen(String from, String type, String body) throws Exception {
        String message = "From: " + from + "\r\nTo: someone@eastbridge.example\r\nSubject: This week\r\n"
                + "Content-Type: " + type + "\r\n\r\n" + body + "\r\n";
        return Screeners.screen(Screeners.screener(Screeners.dns(), new ThreatFeeds(null)),
                new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
    }

    private static int linkScore(Screening s) {
        return s.findings().stream().filter(f -> f.check().equals("links")).mapToInt(Finding::score).sum();
    }

    @Test
    void aFirstNewsletterWithLinksToNewSitesIsDeliveredWithoutAWarning() throws Exception {
        Screening s = screen("News <news@gardening-club.example>", "text/plain", "Hello all, thanks to everyone who helped at the autumn show. The committee meets again on Tuesday "
                + "in the church hall; minutes from the last meeting and the photos are linked below. Regards, Jean. "
                + "Photos: https://photos.example.org/show\r\nTickets: https://tickets.example.net/\r\nMap: https://map.example.com/hall");
        assertThat(s.verdict()).as(s.findings().toString()).isEqualTo(Verdict.DELIVER);
        assertThat(s.findings()).anyMatch(f -> f.reason().contains("never seen") && f.score() == 0);
    }

    @Test
    void aPasswordInALinkIsNoDisguiseButATrustedNameBeforeTheAtIs() throws Exception {
        int note = linkScore(screen("Dev <dev@tools.example>", "Use https://user:secret@repo.example.org/x for the mirror."));
        int disguise = linkScore(screen("Dev <dev@tools.example>", "See https://www.eastbridge.gov.uk@repo.example.org/x now."));
        assertThat(note).isLessThanOrEqualTo(1);
        assertThat(disguise).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aClickTrackerUnderAnotherSitesAddressScoresLessThanOneUnderTheCouncils() throws Exception {
        int tracker = linkScore(screen("Deals <deals@shop.example>",
                "<a href=\"https://click.tracker.example/abc\">www.shop-partner.example</a>"));
        int council = linkScore(screen("Deals <deals@shop.example>",
                "<a href=\"https://click.tracker.example/abc\">www.eastbridge.gov.uk</a>"));
        assertThat(tracker).isLessThan(6);
        assertThat(council).isGreaterThanOrEqualTo(6);
    }

    @Test
    void aBareAddressLinkScoresMoreWhenTheWordsAskForAPayment() throws Exception {
        int plain = linkScore(screen("Ops <ops@hosting.example>", "The mirror is at http://192.0.2.10/files/ today."));
        int asking = linkScore(screen("Ops <ops@hosting.example>", "Pay now at http://192.0.2.10/pay/ to avoid a penalty."));
        assertThat(plain).isLessThan(asking);
        assertThat(asking).isGreaterThanOrEqualTo(4);
    }
}
