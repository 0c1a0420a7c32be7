package org.townhall.mail.language;

import java.util.LinkedHashMap;
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
 *
 * <p>A token's bucket is its {@code String.hashCode()} modulo the buckets; the hash of a word, a
 * pair of words or a header token is worked out from the characters as they are read (the hash
 * of "a b" follows from the hashes of "a" and "b"), so screening builds no string per word.
 */
public final class LanguageFeatures {

    /** 8,192 buckets for words and for header tokens: enough for spam's vocabulary, a model of a few hundred kilobytes. */
    static final int BUCKETS = 8192;
    static final int MAX_CHARS = 100_000;

    private LanguageFeatures() {
    }

    /** The hashed counts of a message: bucket → count for words and for header tokens, and the named features. */
    public static final class Counts {
        final int[] words = new int[BUCKETS];
        final int[] headers = new int[BUCKETS];
        final int[] wordsUsed = new int[BUCKETS];
        final int[] headersUsed = new int[BUCKETS];
        int wordsN;
        int headersN;
        final Map<String, Double> named = new LinkedHashMap<>();

        void word(int hash) {
            int b = Math.floorMod(hash, BUCKETS);
            if (words[b]++ == 0) {
                wordsUsed[wordsN++] = b;
            }
        }

        void header(int hash) {
            int b = Math.floorMod(hash, BUCKETS);
            if (headers[b]++ == 0) {
                headersUsed[headersN++] = b;
            }
        }

        boolean isEmpty() {
            return wordsN == 0 && headersN == 0 && named.isEmpty();
        }
    }

    /** The text the classifier and the wording rules read: subject and text, whitespace collapsed. */
    public static String textOf(ParsedMail mail) {
        Object[] last = LAST.get();
        if (last != null && last[0] == mail) {
            return (String) last[1];
        }
        String bounded = collapsed(mail.subject(), mail.text(), mail.htmlText());
        LAST.set(new Object[] {mail, bounded});
        return bounded;
    }

    /** Subject, text and HTML text on lines of their own, every run of whitespace one space, at most MAX_CHARS. */
    static String collapsed(String subject, String text, String htmlText) {
        StringBuilder out = new StringBuilder(Math.min(MAX_CHARS, subject.length() + text.length() + htmlText.length() + 2));
        boolean space = false;
        for (String part : new String[] {subject, "\n", text, "\n", htmlText}) {
            for (int i = 0; i < part.length() && out.length() < MAX_CHARS; i++) {
                char c = part.charAt(i);
                // \s of java.util.regex: space, tab, newline, vertical tab, form feed, carriage return.
                if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
                    if (!space) {
                        out.append(' ');
                        space = true;
                    }
                } else {
                    out.append(c);
                    space = false;
                }
            }
        }
        return out.toString();
    }

    /** The last message read on this thread and its text: the same instance each time, so later caches can compare identity. */
    private static final ThreadLocal<Object[]> LAST = new ThreadLocal<>();

    /**
     * Words and pairs of words of the text, the header field names the sender's software wrote
     * and the words of its From, X-Mailer and Content-Type fields (how the message was made
     * says as much as what it says), whether it is HTML, and the wording rules.
     */
    public static Counts count(ParsedMail mail) {
        String text = textOf(mail);
        Counts counts = new Counts();
        words(text.toLowerCase(Locale.ROOT), 0, true, counts);
        for (var field : mail.headers().fields()) {
            String name = field.name().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || name.equals("received")) {
                continue;
            }
            counts.header(name.hashCode());
            if (name.equals("from") || name.equals("x-mailer") || name.equals("content-type") || name.equals("user-agent")) {
                words(field.value().toLowerCase(Locale.ROOT), (name + ":").hashCode(), false, counts);
            }
        }
        if (!mail.html().isBlank()) {
            counts.named.put("html", 1.0);
            counts.named.put("html-only", mail.text().isBlank() ? 1.0 : 0.0);
        }
        for (LanguageCheck.Feature rule : LanguageCheck.features(text)) {
            counts.named.put("rule:" + rule.name(), 1.0);
        }
        return counts;
    }

    /** The features by name, as the model was trained on them: "w" or "h" and the bucket, log(1 + count); the named ones. */
    public static Map<String, Double> of(ParsedMail mail) {
        Counts counts = count(mail);
        Map<String, Double> features = new TreeMap<>();
        for (int i = 0; i < counts.wordsN; i++) {
            features.put("w" + counts.wordsUsed[i], Math.log1p(counts.words[counts.wordsUsed[i]]));
        }
        for (int i = 0; i < counts.headersN; i++) {
            features.put("h" + counts.headersUsed[i], Math.log1p(counts.headers[counts.headersUsed[i]]));
        }
        features.putAll(counts.named);
        return features;
    }

    /**
     * The words of lower-cased text (letters, digits and £ $ € !, two to 24 long). In the text, each
     * word and each pair ("previous word") counts as a word token; in a header field each word
     * counts as a header token after the prefix whose hash is given.
     */
    private static void words(String lower, int prefixHash, boolean text, Counts counts) {
        int start = -1;
        int hash = 0;
        int power = 1;
        boolean hasPrevious = false;
        int previous = 0;
        for (int i = 0; i <= lower.length(); i++) {
            char c = i < lower.length() ? lower.charAt(i) : ' ';
            boolean letter = Character.isLetterOrDigit(c) || c == '£' || c == '$' || c == '€' || c == '!';
            if (letter) {
                if (start < 0) {
                    start = i;
                    hash = 0;
                    power = 1;
                }
                hash = 31 * hash + c;
                power *= 31;
            } else if (start >= 0) {
                if (i - start >= 2 && i - start <= 24) {
                    if (text) {
                        counts.word(hash);
                        if (hasPrevious) {
                            // hash(previous + " " + word) = hash(previous)·31^(n+1) + ' '·31^n + hash(word), n = word length
                            counts.word(previous * power * 31 + ' ' * power + hash);
                        }
                        previous = hash;
                        hasPrevious = true;
                    } else {
                        counts.header(prefixHash * power + hash);
                    }
                }
                start = -1;
            }
        }
    }
}
