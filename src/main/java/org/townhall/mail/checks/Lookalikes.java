package org.townhall.mail.checks;

import com.ibm.icu.text.SpoofChecker;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Does a domain imitate one of the council's own or one of the protected list (government
 * services, banks, suppliers)? Caught: Unicode confusables and IDN homoglyphs (ICU's UTS #39
 * skeletons: "еastbridge" with a Cyrillic е, "eastbrldge", "rn" for "m"), a letter or two
 * different, the council's name or a protected brand inside a longer name
 * (eastbridge-council-payments.com, hmrc-refunds.co), and a genuine domain used as a disguise
 * inside another (eastbridge.gov.uk.secure-login.com). The genuine domains themselves, and any
 * domain under a protected public suffix such as gov.uk that only the government can register,
 * never match.
 */
public final class Lookalikes {

    /** Brand words too common to mean anything inside another name. */
    private static final Set<String> GENERIC = Set.of("service", "services", "payments", "notifications", "office", "google", "outlook");

    private record Protected(String domain, String organisation, String label, String skeleton, boolean council) {
    }

    private final List<Protected> targets = new ArrayList<>();
    private final Set<String> councilNames;
    private final Set<String> brands = new LinkedHashSet<>();
    private final PublicSuffixes suffixes;
    private final SpoofChecker spoof = new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE).build();

    private final Set<String> trusted;

    /** {@code trusted}: partners' domains that carry the council's name by right (a housing trust, a leisure company). */
    public Lookalikes(List<String> councilDomains, List<String> protectedDomains, List<String> councilNames, List<String> trusted,
                      PublicSuffixes suffixes) {
        this.suffixes = suffixes;
        this.trusted = trusted.stream().map(d -> suffixes.organisationalDomain(d)).collect(java.util.stream.Collectors.toSet());
        this.councilNames = Set.copyOf(councilNames);
        for (String domain : councilDomains) {
            add(domain, true);
        }
        for (String domain : protectedDomains) {
            add(domain, false);
        }
        brands.add("govuk");
    }

    private void add(String domain, boolean council) {
        String ascii = PublicSuffixes.ascii(domain);
        String organisation = suffixes.organisationalDomain(ascii);
        String label = label(organisation);
        targets.add(new Protected(ascii, organisation, label, skeleton(label), council));
        String left = label(suffixes.organisationalDomain(ascii));
        if (left.length() >= 4 && !GENERIC.contains(left) && !council) {
            brands.add(left);
        }
    }

    /**
     * Answers by domain, kept: the same few thousand domains (senders, newsletters' link
     * trackers) come back in message after message, and each answer costs skeletons and edit
     * distances. Cleared when full; the answer for a domain never changes while Townhall runs.
     */
    private static final int KEPT = 20_000;
    private final Map<String, Optional<String>> imitations = new ConcurrentHashMap<>();
    private final Map<String, Boolean> genuineDomains = new ConcurrentHashMap<>();

    /** Why the domain imitates a protected one, or empty when it does not (or is genuine). */
    public Optional<String> imitation(String domain) {
        if (domain == null || domain.length() > 253) {
            return judge(domain);
        }
        Optional<String> known = imitations.get(domain);
        if (known == null) {
            known = judge(domain);
            if (imitations.size() >= KEPT) {
                imitations.clear();
            }
            imitations.put(domain, known);
        }
        return known;
    }

    private Optional<String> judge(String domain) {
        String ascii = PublicSuffixes.ascii(domain);
        if (ascii.isEmpty() || genuine(ascii)) {
            return Optional.empty();
        }
        String unicode = unicode(ascii);
        String organisation = suffixes.organisationalDomain(ascii);
        String label = label(organisation);
        String shown = unicode.equals(ascii) ? ascii : unicode + " (" + ascii + ")";
        String labelSkeleton = skeleton(unicode(label));
        String flattened = unicode(label).replace("-", "").replace("_", "");
        String digitsAsLetters = flattened.replace('0', 'o').replace('1', 'i').replace('3', 'e').replace('4', 'a')
                .replace('5', 's').replace('7', 't');
        for (Protected target : targets) {
            if (ascii.startsWith(target.domain() + ".") || ascii.contains("." + target.domain() + ".")) {
                return Optional.of(shown + " hides " + target.domain() + " inside another domain");
            }
            if (!label.equals(target.label()) && labelSkeleton.equals(target.skeleton())) {
                return Optional.of(shown + " is written with characters that look like " + target.organisation());
            }
            if (!label.equals(target.label()) && closeSpelling(label, target.label())) {
                return Optional.of(shown + " is spelt nearly like " + target.organisation());
            }
            if (target.council() && label.equals(target.label()) && !organisation.equals(target.organisation())) {
                return Optional.of(shown + " uses the council's name under another ending than " + target.organisation());
            }
        }
        for (String name : councilNames) {
            if (containsNearly(digitsAsLetters, name) || skeleton(flattened).contains(skeleton(name))) {
                return Optional.of(shown + " puts the council's name inside a domain the council does not own");
            }
        }
        for (String brand : brands) {
            if (flattened.contains(brand) && !flattened.equals(brand)) {
                return Optional.of(shown + " puts the name " + brand + " inside a domain " + brand + " does not own");
            }
        }
        if (!unicode.equals(ascii) && spoof.failsChecks(unicode)) {
            return Optional.of(shown + " mixes alphabets, a common disguise");
        }
        return Optional.empty();
    }

    /** The council's and the protected organisations' own domains, and anything under gov.uk-like suffixes. */
    public boolean genuine(String domain) {
        if (domain == null || domain.length() > 253) {
            return isGenuine(domain);
        }
        Boolean known = genuineDomains.get(domain);
        if (known == null) {
            known = isGenuine(domain);
            if (genuineDomains.size() >= KEPT) {
                genuineDomains.clear();
            }
            genuineDomains.put(domain, known);
        }
        return known;
    }

    private boolean isGenuine(String domain) {
        String ascii = PublicSuffixes.ascii(domain);
        String organisation = suffixes.organisationalDomain(ascii);
        if (trusted.contains(organisation)) {
            return true;
        }
        for (Protected target : targets) {
            if (organisation.equals(target.organisation())) {
                return true;
            }
            if (isSuffixItself(target.domain()) && (ascii.equals(target.domain()) || ascii.endsWith("." + target.domain()))) {
                return true;
            }
        }
        return false;
    }

    private boolean isSuffixItself(String domain) {
        return suffixes.suffix("x." + domain).equals(domain);
    }

    /** The name inside the text, exactly or (for names of seven letters or more) with one letter different. */
    static boolean containsNearly(String text, String name) {
        if (text.contains(name)) {
            return true;
        }
        if (name.length() < 7) {
            return false;
        }
        for (int length = name.length() - 1; length <= name.length() + 1; length++) {
            for (int start = 0; start + length <= text.length(); start++) {
                if (distance(text.substring(start, start + length), name) <= 1) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One letter different (added, dropped, changed or swapped) in a name of five or more; two in ten or more. */
    static boolean closeSpelling(String a, String b) {
        int shortest = Math.min(a.length(), b.length());
        if (shortest < 5 || Math.abs(a.length() - b.length()) > 2) {
            return false;
        }
        int distance = distance(a, b);
        return distance == 1 || (distance == 2 && shortest >= 10);
    }

    /** Optimal string alignment distance (Levenshtein with adjacent swaps). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private String skeleton(String text) {
        return spoof.getSkeleton(text.toLowerCase(Locale.ROOT)).toLowerCase(Locale.ROOT);
    }

    private static String label(String organisation) {
        int dot = organisation.indexOf('.');
        return dot < 0 ? organisation : organisation.substring(0, dot);
    }

    private static String unicode(String ascii) {
        try {
            return java.net.IDN.toUnicode(ascii, java.net.IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notIdn) {
            return ascii;
        }
    }
}
