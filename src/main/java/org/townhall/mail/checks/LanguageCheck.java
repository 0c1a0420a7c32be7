package org.townhall.mail.checks;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.townhall.mail.message.ParsedMail;

/**
 * What the message asks the reader to do. Phishing that gets past authentication is written to
 * make someone act: change a supplier's bank details, pay now before a penalty, sign in to see a
 * document. Each family of wording is a feature; the trained classifier's probability adds
 * what wording alone cannot name.
 */
public final class LanguageCheck implements Check {

    static final String NAME = "language";
    static final int MAX_SCORE = 4;

    /** A family of wording: how strongly it signals phishing, and its expressions. */
    public enum Feature {
        BANK_DETAILS_CHANGE(4, "asks to change bank or payment details", "new|update|change|amend|sort code|account number|iban|swift|moved|switched|bank|remittance advice", "(new|updated?|change[ds]?( of| to)?|amend(ed)?) (our |the |my )?"
                + "(bank|banking|payment|remittance|account) (details|information|account|info)|(sort code|account number|iban|swift)"
                + ".{0,80}(changed|new|updated|below)|(changed|moved|switched) (our )?bank|bank (has )?changed|remittance advice"),
        URGENCY(1, "presses for urgent action", "urgent|immediate|within |today|final |last |be |legal action|bailiff|enforcement |avoid |expire|as soon as possible|time|act now", "\\burgent(ly)?\\b|immediate(ly)?\\b|within (24|48|72) hours|\\btoday\\b.{0,40}"
                + "(pay|avoid|or)|final (notice|reminder|warning|demand)|last (chance|reminder)|(will be|be) (suspended|closed|"
                + "deactivated|terminated|deleted|disabled)|legal action|bailiffs?|enforcement (agents?|action)|avoid (a |further )?"
                + "(penalt|charge|fee|court)|expires? (today|soon|in)|as soon as possible|time[- ]sensitive|act now"),
        CREDENTIALS(3, "asks for a password or a sign-in", "verify|confirm|validate|update|reactivate|re-activate|unlock|sign|log|password |mailbox |unusual |shared |view |open |access |review |enter your ", "(verify|confirm|validate|update|re-?activate|unlock) (your )?(account|"
                + "identity|email|mailbox|password|credentials|login|details)|(sign|log) ?in (to|with|using) (view|access|see|read|"
                + "review|open|download|your)|password (expires?|will expire)|mailbox (is )?(full|quota|storage)|unusual (sign-?in|"
                + "login|activity)|shared (a |an )?(document|file|folder)|(view|open|access|review) (the )?(shared )?(document|"
                + "file|invoice|statement)|enter your (password|pin|username|card)"),
        PAYMENT_REQUEST(2, "asks for a payment or card details", "pay |outstanding |overdue |card details|bank details|make |complete |settle |payment |wire transfer|gift card|refund |you are |tax ", "pay (now|online|immediately|the (outstanding|balance|fine|charge))"
                + "|outstanding (balance|amount|invoice|payment|charge)|overdue (invoice|payment|balance)|(card|bank) details|"
                + "(make|complete|settle) (a |the |your )?payment|payment (is )?(due|overdue|required|failed|declined)|"
                + "wire transfer|gift cards?|refund (of|is|due|pending|available)|you are (owed|due|entitled)|tax (rebate|refund)"),
        SECRECY(2, "asks to keep it quiet or step outside normal process", "keep |treat |do not |are |r |i'm|i am|quick |can you ", "(keep|treat) (this|it) (confidential|private|between us)|"
                + "do not (call|phone|discuss|tell)|(are|r) (you|u) available|i('m| am) (in a meeting|travelling|busy)|"
                + "quick (favour|favor|task)|can you (help|do) me");

        private final int score;
        private final String reason;
        private final Expression pattern;
        final String expression;

        /** {@code starts}: how every match of the expression begins (see {@link Expression}). */
        Feature(int score, String reason, String starts, String regex) {
            this.score = score;
            this.reason = reason;
            this.pattern = new Expression(starts, regex);
            this.expression = regex;
        }

        public boolean in(String text) {
            return pattern.in(asciiLower(text));
        }
    }

    static final String COUNCIL_SERVICE_EXPRESSION = "council tax|parking (fine|charge|ticket|penalty|permit)"
            + "|penalty charge( notice)?|\\bpcn\\b|business rates|housing benefit|\\brent account|blue badge|\\bdvla\\b|\\bhmrc\\b"
            + "|universal credit|tv licen[cs]e|congestion charge|ulez";
    private static final Expression COUNCIL_SERVICE = new Expression("council tax|parking |penalty charge|pcn|business rates|housing benefit|rent account|blue badge|dvla|hmrc|universal credit|tv licen|congestion charge|ulez", COUNCIL_SERVICE_EXPRESSION);

    /**
     * A wording expression tried only where one of its alternatives can begin. Trying a dozen
     * alternatives at every character of a message was most of screening's time; finding the
     * literal words they start with is a fast scan, and the expression then runs at those places
     * alone (within {@link #REACH} characters: no alternative repeats without bound). The same
     * matches as the expression over the whole text, as long as every alternative starts with one
     * of the listed words; a test holds each list to its expression.
     */
    static final class Expression {
        static final int REACH = 400;
        private final String[] starts;
        private final Pattern pattern;

        Expression(String starts, String regex) {
            this.starts = starts.split("\\|");
            this.pattern = Pattern.compile(regex);
        }

        /** Whether the expression occurs in this text, already in lower case (A–Z). */
        boolean in(String lower) {
            Matcher m = null;
            for (String start : starts) {
                for (int at = lower.indexOf(start); at >= 0; at = lower.indexOf(start, at + 1)) {
                    if (m == null) {
                        m = pattern.matcher(lower).useTransparentBounds(true).useAnchoringBounds(false);
                    }
                    if (m.region(at, Math.min(lower.length(), at + REACH)).lookingAt()) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private final ToDoubleFunction<ParsedMail> classifier;

    /** {@code classifier} gives the probability that a message is spam or phishing. */
    public LanguageCheck(ToDoubleFunction<ParsedMail> classifier) {
        this.classifier = classifier;
    }

    /** The last text read on this thread and its features: three checks ask about the same message's text. */
    private static final ThreadLocal<Object[]> LAST = new ThreadLocal<>();

    public static Set<Feature> features(String text) {
        Object[] last = LAST.get();
        if (last != null && last[0] == text) {
            @SuppressWarnings("unchecked")
            Set<Feature> cached = (Set<Feature>) last[1];
            return cached;
        }
        Set<Feature> found = EnumSet.noneOf(Feature.class);
        String lower = asciiLower(text);
        for (Feature feature : Feature.values()) {
            if (feature.pattern.in(lower)) {
                found.add(feature);
            }
        }
        Set<Feature> result = java.util.Collections.unmodifiableSet(found);
        LAST.set(new Object[] {text, result});
        return result;
    }

    @Override
    public List<Finding> check(Incoming incoming) {
        String bounded = org.townhall.mail.language.LanguageFeatures.textOf(incoming.mail());
        List<Finding> findings = new ArrayList<>();
        Set<Feature> found = features(bounded);
        int total = 0;
        for (Feature feature : found) {
            total += feature.score;
        }
        double probability = classifier.applyAsDouble(incoming.mail());
        // On the held-out public corpus, p >= 0.85 flags 0.56% of ham and catches 96% of spam.
        int learnt = probability >= 0.97 ? 4 : probability >= 0.85 ? 3 : probability >= 0.6 ? 1 : 0;
        List<String> reasons = new ArrayList<>(found.stream().map(f -> f.reason).toList());
        if (learnt > 0) {
            reasons.add(String.format(Locale.ROOT, "reads like spam or phishing (classifier %.2f)", probability));
        }
        // Wording alone never quarantines (at most MAX_SCORE, with a first message from a domain
        // still under the quarantine threshold): legitimate reminders are urgent and suppliers do
        // change banks. What quarantines is wording together with a lookalike, a link or an attachment.
        if (!reasons.isEmpty()) {
            findings.add(Finding.of(NAME, Math.min(total + learnt, MAX_SCORE), String.join("; ", reasons)));
        }
        return findings;
    }

    public static boolean aboutCouncilService(String text) {
        return COUNCIL_SERVICE.in(asciiLower(text));
    }

    /**
     * A–Z lowered, nothing else changed: what {@code (?i)} matched case-insensitively, read once
     * per text (the same text's last lowering is kept) so the patterns run without folding case
     * at every character they try.
     */
    static String asciiLower(String text) {
        Object[] last = LOWERED.get();
        if (last != null && last[0] == text) {
            return (String) last[1];
        }
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = (char) (c + 32);
            }
        }
        String lower = chars == null ? text : new String(chars);
        LOWERED.set(new Object[] {text, lower});
        return lower;
    }

    private static final ThreadLocal<Object[]> LOWERED = new ThreadLocal<>();
}
