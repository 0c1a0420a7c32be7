package org.townhall.mail.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.townhall.mail.MailSettings;

/**
 * Where the message's links lead: to a lookalike of the council or a protected domain, to a
 * raw IP address, through a URL shortener, to a domain listed by a threat feed or never seen
 * before, to a free site builder phishing kits are hosted on, or somewhere other than the
 * address the link's text shows. A QR code is scored as a link, and more: nobody hovers over it.
 */
public final class LinkCheck implements Check {

    static final String NAME = "links";
    private static final Pattern SHOWN_DOMAIN = Pattern.compile("(?i)(?:https?://)?((?:[a-z0-9\\p{L}-]+\\.)+[a-z\\p{L}]{2,})");
    private static final Pattern USERINFO = Pattern.compile("(?i)^[a-z]+://([^/?#]*)@");
    private static final Pattern SIGN_IN = Pattern.compile("(?i)(log-?in|log-?on|sign-?in|sign-?on|verify|verification|password|"
            + "credential|webmail|/owa/|office365|wp-admin|unlock|validate|re-?activate)");
    /** Free hosting and form services where phishing pages live for a day. */
    private static final Set<String> FREE_HOSTING = Set.of("web.app", "firebaseapp.com", "pages.dev", "workers.dev", "glitch.me",
            "ngrok.io", "ngrok-free.app", "weebly.com", "wixsite.com", "godaddysites.com", "000webhostapp.com", "netlify.app",
            "vercel.app", "github.io", "herokuapp.com", "repl.co", "square.site", "webflow.io", "blogspot.com", "sites.google.com",
            "forms.gle", "storage.googleapis.com", "blob.core.windows.net", "r2.dev", "ipfs.io", "dweb.link", "typeform.com",
            "jotform.com", "formstack.com", "surveymonkey.com", "canva.site", "mailchimpsites.com", "framer.website");

    private final MailSettings settings;
    private final Lookalikes lookalikes;
    private final ThreatFeeds feeds;
    private final Predicate<String> knownLinkDomain;
    private final PublicSuffixes suffixes;

    public LinkCheck(MailSettings settings, Lookalikes lookalikes, ThreatFeeds feeds, Predicate<String> knownLinkDomain,
                     PublicSuffixes suffixes) {
        this.settings = settings;
        this.lookalikes = lookalikes;
        this.feeds = feeds;
        this.knownLinkDomain = knownLinkDomain;
        this.suffixes = suffixes;
    }

    @Override
    public List<Finding> check(Incoming incoming) {
        Map<String, Finding> worst = new LinkedHashMap<>();
        int fresh = 0;
        List<String> freshDomains = new ArrayList<>();
        // Where a link leads (a bare address, a free site) is phishing's mark when the words ask
        // for a payment, bank details or a sign-in; in a hobbyist's note or an old newsletter it
        // is how the web was, and scores less.
        Set<LanguageCheck.Feature> asked = LanguageCheck.features(org.townhall.mail.language.LanguageFeatures.textOf(incoming.mail()));
        boolean asks = asked.contains(LanguageCheck.Feature.CREDENTIALS) || asked.contains(LanguageCheck.Feature.PAYMENT_REQUEST)
                || asked.contains(LanguageCheck.Feature.BANK_DETAILS_CHANGE);
        for (Link link : incoming.links()) {
            String host = link.asciiHost();
            String organisation = suffixes.organisationalDomain(host);
            String url = link.url().toLowerCase(Locale.ROOT);
            if (link.runsCode()) {
                String scheme = url.substring(0, Math.max(0, url.indexOf(':')));
                keep(worst, "script:" + scheme, Finding.of(NAME, 5, "a link runs code (" + scheme + ":)"));
                continue;
            }
            if (ImpersonationCheck.BIDI.matcher(link.shownText()).find()) {
                keep(worst, "bidi", Finding.of(NAME, 5, "a link's text holds characters that reverse how it reads, disguising where it leads"));
            }
            boolean qr = link.foundIn().startsWith("QR code");
            if (qr) {
                keep(worst, "qr:" + host, Finding.of(NAME, lookalikes.genuine(host) ? 1 : 3, "a QR code " + link.foundIn().substring(8)
                        + " leads to " + host));
            }
            feeds.listing(link).ifPresent(feed -> keep(worst, "feed:" + host, Finding.of(NAME, 12, "a link leads to " + host
                    + ", listed by the threat feed " + feed)));
            if (lookalikes.genuine(host)) {
                continue;
            }
            if (!suffixes.sameOrganisation(organisation, incoming.fromDomain())) {
                shownElsewhere(link, organisation, list(incoming)).ifPresent(f -> keep(worst, "shown:" + host, f));
            }
            if (link.isIpAddress()) {
                keep(worst, "ip:" + host, Finding.of(NAME, asks ? 4 : 2, "a link leads to a bare IP address (" + host + ")"));
                continue;
            }
            Matcher userinfo = USERINFO.matcher(link.url());
            if (userinfo.find()) {
                // "https://www.eastbridge.gov.uk@evil.example/" shows a trusted name where the reader
                // looks; "https://user:password@host/" in a technical note disguises nothing.
                boolean disguise = userinfo.group(1).contains(".");
                keep(worst, "userinfo:" + host, Finding.of(NAME, disguise ? 5 : 1, "a link hides its real destination (" + host
                        + ") after an @"));
            }
            lookalikes.imitation(host).ifPresent(why -> keep(worst, "lookalike:" + organisation, Finding.of(NAME, 9, "a link leads to " + why)));
            if (settings.links().shorteners().contains(host) || settings.links().shorteners().contains(organisation)) {
                keep(worst, "short:" + host, Finding.of(NAME, 2, "a link goes through the URL shortener " + host));
            }
            FREE_HOSTING.stream().filter(h -> host.equals(h) || host.endsWith("." + h)).findFirst().ifPresent(h ->
                    keep(worst, "free:" + host, Finding.of(NAME, asks ? 3 : 2, "a link leads to a page on a free site builder (" + host + ")")));
            if (!host.equals(link.unicodeHost()) && lookalikes.imitation(host).isEmpty()) {
                keep(worst, "idn:" + host, Finding.of(NAME, 2, "a link uses an internationalised name (" + link.unicodeHost() + ")"));
            }
            if (SIGN_IN.matcher(pathOf(link.url())).find() && !incoming.fromDomain().isEmpty()
                    && !suffixes.sameOrganisation(organisation, incoming.fromDomain())) {
                // Newsletters link to their readers' account pages every day; a sign-in page is
                // phishing's when the words ask for the sign-in too.
                keep(worst, "signin", Finding.of(NAME, asksToSignIn(incoming) ? 2 : 1, "a link to a sign-in or account "
                        + "page on " + organisation + ", not the sender's own domain"));
            }
            // A new link domain means little from a known sender; from a new one it is how a campaign starts.
            if (incoming.isFirstFromDomain() && fresh < 3 && !freshDomains.contains(organisation) && !knownLinkDomain.test(organisation)) {
                freshDomains.add(organisation);
                fresh++;
            }
        }
        if (!freshDomains.isEmpty()) {
            // Noted for analysts, not scored: nearly every link in a first message from a domain is
            // new too, so scoring them counted one fact (a new sender, already scored by the
            // impersonation check) two or three times and made every first newsletter a warning.
            keep(worst, "fresh", Finding.of(NAME, 0, "links to " + String.join(", ", freshDomains) + ", never seen in mail before"));
        }
        return new ArrayList<>(worst.values());
    }

    private static boolean asksToSignIn(Incoming incoming) {
        return LanguageCheck.features(org.townhall.mail.language.LanguageFeatures.textOf(incoming.mail()))
                .contains(LanguageCheck.Feature.CREDENTIALS);
    }

    /** The link's text shows a domain, and the link goes to a different organisation. */
    private java.util.Optional<Finding> shownElsewhere(Link link, String organisation, boolean mailingList) {
        Matcher shown = SHOWN_DOMAIN.matcher(link.shownText().strip());
        if (link.shownText().isBlank() || !shown.find() || shown.start() > 2) {
            return java.util.Optional.empty();
        }
        String shownHost = PublicSuffixes.ascii(shown.group(1));
        String shownOrganisation = suffixes.organisationalDomain(shownHost);
        if (!shownOrganisation.contains(".") || shownOrganisation.equals(organisation)) {
            return java.util.Optional.empty();
        }
        // Showing the council's or a protected organisation's address over a link elsewhere is
        // the disguise itself. Showing some other site's address over a click tracker is how
        // newsletters link (a message that says it is a list scores less still).
        int score = lookalikes.genuine(shownHost) || lookalikes.imitation(shownHost).isPresent() ? 6 : mailingList ? 2 : 3;
        return java.util.Optional.of(Finding.of(NAME, score, "a link shows " + shownHost + " but leads to " + link.asciiHost()));
    }

    private static boolean list(Incoming incoming) {
        return incoming.mail().headers().count("List-Id") + incoming.mail().headers().count("List-Unsubscribe") > 0;
    }

    private static String pathOf(String url) {
        int start = url.indexOf("//");
        int slash = url.indexOf('/', start < 0 ? 0 : start + 2);
        return slash < 0 ? "" : url.substring(slash);
    }

    private static void keep(Map<String, Finding> worst, String key, Finding finding) {
        if (worst.size() < 30) {
            worst.merge(key, finding, (a, b) -> a.score() >= b.score() ? a : b);
        }
    }
}
