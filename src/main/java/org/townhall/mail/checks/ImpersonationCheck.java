package org.townhall.mail.checks;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.townhall.mail.MailSettings;
import org.townhall.mail.message.ParsedMail;

/**
 * Is an outsider pretending to be someone the reader trusts? A sender domain that imitates the
 * council's or a protected one; a real member of staff's name, or the council's, as the display
 * name on mail from outside; an address of another domain written into the display name; replies
 * steered to another domain; and a domain the council has never had mail from before.
 */
public final class ImpersonationCheck implements Check {

    static final String NAME = "impersonation";
    /** Free mail services: a supplier or the council writing from one is how invoice fraud starts. */
    static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk",
            "live.com", "live.co.uk", "yahoo.com", "yahoo.co.uk", "aol.com", "icloud.com", "me.com", "gmx.com", "gmx.co.uk",
            "mail.com", "protonmail.com", "proton.me", "zoho.com", "yandex.com", "btinternet.com", "sky.com", "virginmedia.com",
            "talktalk.net", "msn.com", "mail.ru", "tutanota.com");

    private final MailSettings settings;
    private final Lookalikes lookalikes;
    private final Supplier<Set<String>> staffNames;
    private final Predicate<String> knownSenderDomain;
    private final PublicSuffixes suffixes;

    public ImpersonationCheck(MailSettings settings, Lookalikes lookalikes, Supplier<Set<String>> staffNames,
                              Predicate<String> knownSenderDomain, PublicSuffixes suffixes) {
        this.settings = settings;
        this.lookalikes = lookalikes;
        this.staffNames = staffNames;
        this.knownSenderDomain = knownSenderDomain;
        this.suffixes = suffixes;
    }

    @Override
    public List<Finding> check(Incoming incoming) {
        List<Finding> findings = new ArrayList<>();
        ParsedMail mail = incoming.mail();
        if (mail.author().isEmpty()) {
            findings.add(Finding.of(NAME, mail.from().isEmpty() ? 3 : 2, mail.from().isEmpty()
                    ? "no readable From address" : "more than one From address"));
            return findings;
        }
        ParsedMail.Sender author = mail.author().get();
        String domain = author.domain();
        boolean outside = !settings.isCouncilDomain(domain);
        lookalikes.imitation(domain).ifPresent(why -> findings.add(Finding.of(NAME, 9, "sender domain " + why)));
        String envelopeDomain = incoming.envelope().mailFromDomain();
        if (!envelopeDomain.isEmpty() && !envelopeDomain.equals(domain)) {
            lookalikes.imitation(envelopeDomain).ifPresent(why -> findings.add(Finding.of(NAME, 6, "envelope sender domain " + why)));
        }
        String name = normalise(author.displayName());
        if (BIDI.matcher(author.displayName()).find()) {
            findings.add(Finding.of(NAME, 4, "the display name holds characters that reverse or reorder how it reads"));
        }
        if (outside && !name.isEmpty()) {
            if (staffNames.get().contains(staffKey(author.displayName()))) {
                findings.add(Finding.of(NAME, 5, "display name \"" + author.displayName() + "\" is a member of the council's staff, "
                        + "but the mail comes from " + domain));
            } else if (settings.impersonation().councilNames().stream().anyMatch(name::contains)
                    || name.contains("council tax") || name.contains("parking services") || name.contains("town hall")) {
                findings.add(Finding.of(NAME, incoming.authenticated() && !FREE_MAIL.contains(domain) ? 2 : 4,
                        "display name \"" + author.displayName() + "\" speaks for the council, but the mail comes from " + domain));
            }
            String shownName = author.displayName().toLowerCase(Locale.ROOT);
            if (shownName.matches(".*[a-z0-9._-]+@[a-z0-9.-]+\\.[a-z]{2,}.*") && !shownName.contains("@" + domain)) {
                findings.add(Finding.of(NAME, 4, "display name shows another address than the sender's (" + author.address() + ")"));
            }
        }
        // A mailing list sets Reply-To to itself and says so in its List-* fields (RFC 2369): that is no steering.
        boolean mailingList = mail.headers().count("List-Id") + mail.headers().count("List-Post") + mail.headers().count("List-Unsubscribe") > 0;
        for (ParsedMail.Sender reply : mail.replyTo()) {
            if (!reply.domain().isEmpty() && !suffixes.sameOrganisation(reply.domain(), domain) && !mailingList) {
                boolean free = FREE_MAIL.contains(reply.domain());
                findings.add(Finding.of(NAME, free ? 4 : 2, "replies go to " + reply.domain() + ", not to the sender's " + domain
                        + (free ? " (a free mail service)" : "")));
                lookalikes.imitation(reply.domain()).ifPresent(why -> findings.add(Finding.of(NAME, 6, "reply address " + why)));
                break;
            }
        }
        if (outside && !domain.isEmpty() && !knownSenderDomain.test(suffixes.organisationalDomain(domain))) {
            incoming.firstFromDomain();
            findings.add(Finding.of(NAME, 1, "first message from " + suffixes.organisationalDomain(domain)));
        }
        if (outside && FREE_MAIL.contains(domain)) {
            findings.add(Finding.of(NAME, 0, "sent from a free mail service (" + domain + ")"));
        }
        return findings;
    }

    /** Characters that reorder text on screen (RFC 9839 calls them problematic in names): "Invoice\u202Efdp.exe". */
    static final java.util.regex.Pattern BIDI = java.util.regex.Pattern.compile("[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]");
    private static final com.ibm.icu.text.SpoofChecker CONFUSABLES = new com.ibm.icu.text.SpoofChecker.Builder()
            .setChecks(com.ibm.icu.text.SpoofChecker.CONFUSABLE).build();

    /**
     * Names compared as people read them: case, accents, punctuation and spacing ignored, and
     * invisible characters (zero-width spaces, direction marks) dropped.
     */
    public static String normalise(String displayName) {
        if (displayName == null) {
            return "";
        }
        String visible = displayName.replaceAll("\\p{Cf}", "");
        String plain = Normalizer.normalize(visible, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[\"'’.,()\\[\\]|:_-]+", " ").replaceAll("\\s+", " ").strip();
    }

    /**
     * A member of staff's name as a display name is compared with it: normalised, then letters
     * that look alike taken as one (UTS #39 skeletons), so "Sarаh Whitfield" with a Cyrillic "а"
     * is Sarah Whitfield to the reader and to this check.
     */
    public static String staffKey(String name) {
        String words = normalise(name);
        return words.isEmpty() ? words : CONFUSABLES.getSkeleton(words);
    }
}
