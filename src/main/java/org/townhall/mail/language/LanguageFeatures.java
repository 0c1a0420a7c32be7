package org.townhall.mail.language;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.townhall.mail.checks.LanguageCheck;
import org.townhall.mail.message.ParsedMail;

/**
 * What the language classifier reads: the words of the subject and text, and how the message was
 * written, hashed into a fixed number of buckets (so the model stays small and never grows with
 * the vocabulary), each counted as log(1 + n), and the rule features of {@link LanguageCheck}. Training and
 * screening use this one class, so they can never disagree on what a feature is.
 */
public final class LanguageFeatures {

    /** 8,192 buckets for words and for header tokens: enough for spam's vocabulary, a model of a few hundred kilobytes. */
    static final int BUCKETS = 8192;
    static final int MAX_CHARS = 100_000;

    private LanguageFeatures() {
    }

    /** The text the classifier and the wording rules read: subject and text, whitespace collapsed. */
    public static String textOf(ParsedMail mail) {
        Object[] last = LAST.get();
        if (last != null && last[0] == mail) {
            return (String) last[1];
        }
        String text = (mail.subject() + "\n" + mail.allText()).replaceAll("\\s+", " ");
        String bounded = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        LAST.set(new Object[] {mail, bounded});
        return bounded;
    }

    /** The last message read on this thread and its text: the same instance each time, so later caches can compare identity. */
    private static final ThreadLocal<Object[]> LAST = new ThreadLocal<>();

    /**
     * Words and pairs of words of the text, the header field names the sender's software wrote
     * and the words of its From, X-Mailer and Content-Type fields (how the message was made
     * says as much as what it says), whether it is HTML, and the wording rules.
     */
    public static Map<String, Double> of(ParsedMail mail) {
        String text = textOf(mail);
        Map<String, Integer> counts = new TreeMap<>();
        String previous = null;
        for (String word : words(text)) {
            counts.merge(bucket("w", word), 1, Integer::sum);
            if (previous != null) {
                counts.merge(bucket("w", previous + " " + word), 1, Integer::sum);
            }
            previous = word;
        }
        for (var field : mail.headers().fields()) {
            String name = field.name().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || name.equals("received")) {
                continue;
            }
            counts.merge(bucket("h", name), 1, Integer::sum);
            if (name.equals("from") || name.equals("x-mailer") || name.equals("content-type") || name.equals("user-agent")) {
                for (String word : words(field.value())) {
                    counts.merge(bucket("h", name + ":" + word), 1, Integer::sum);
                }
            }
        }
        Map<String, Double> features = new TreeMap<>();
        counts.forEach((name, n) -> features.put(name, Math.log1p(n)));
        if (!mail.html().isBlank()) {
            features.put("html", 1.0);
            features.put("html-only", mail.text().isBlank() ? 1.0 : 0.0);
        }
        for (LanguageCheck.Feature rule : LanguageCheck.features(text)) {
            features.put("rule:" + rule.name(), 1.0);
        }
        return features;
    }

    private static java.util.List<String> words(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        java.util.List<String> words = new java.util.ArrayList<>();
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            char c = i < lower.length() ? lower.charAt(i) : ' ';
            boolean letter = Character.isLetterOrDigit(c) || c == '£' || c == '$' || c == '€' || c == '!';
            if (letter && start < 0) {
                start = i;
            } else if (!letter && start >= 0) {
                if (i - start >= 2 && i - start <= 24) {
                    words.add(lower.substring(start, i));
                }
                start = -1;
            }
        }
        return words;
    }

    private static String bucket(String kind, String token) {
        return kind + Math.floorMod(token.hashCode(), BUCKETS);
    }
}
