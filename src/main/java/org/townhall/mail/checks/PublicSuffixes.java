package org.townhall.mail.checks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Organisational domains (RFC 7489 3.2): the public suffix plus one label, found with Mozilla's
 * Public Suffix List bundled as a resource (rules, wildcards and exceptions, section 3.2's
 * algorithm). mail.eastbridge.gov.uk and eastbridge.gov.uk share eastbridge.gov.uk.
 */
public final class PublicSuffixes {

    private static final PublicSuffixes BUNDLED = load();

    private final Set<String> rules;
    private final Set<String> wildcards;
    private final Set<String> exceptions;

    private PublicSuffixes(Set<String> rules, Set<String> wildcards, Set<String> exceptions) {
        this.rules = rules;
        this.wildcards = wildcards;
        this.exceptions = exceptions;
    }

    public static PublicSuffixes bundled() {
        return BUNDLED;
    }

    private final java.util.Map<String, String> known = new java.util.concurrent.ConcurrentHashMap<>();

    /** The organisational domain in ASCII (punycode) lower case; the name itself when it is a suffix or malformed. */
    public String organisationalDomain(String domain) {
        String key = domain == null ? "" : domain;
        String found = known.get(key);
        if (found != null) {
            return found;
        }
        if (known.size() > 100_000) {
            known.clear();
        }
        String organisational = lookUp(key);
        known.put(key, organisational);
        return organisational;
    }

    private String lookUp(String domain) {
        String name = ascii(domain);
        String[] labels = name.split("\\.");
        if (labels.length < 2) {
            return name;
        }
        // The longest matching rule wins; an exception rule takes one label off; no rule means "*".
        int suffixLabels = 1;
        for (int i = 0; i < labels.length; i++) {
            String candidate = String.join(".", java.util.Arrays.copyOfRange(labels, i, labels.length));
            if (exceptions.contains(candidate)) {
                suffixLabels = labels.length - i - 1;
                break;
            }
            if (rules.contains(candidate)) {
                suffixLabels = labels.length - i;
                break;
            }
            if (i + 1 < labels.length && wildcards.contains(String.join(".", java.util.Arrays.copyOfRange(labels, i + 1, labels.length)))) {
                suffixLabels = labels.length - i;
                break;
            }
        }
        if (suffixLabels >= labels.length) {
            return name;
        }
        return String.join(".", java.util.Arrays.copyOfRange(labels, labels.length - suffixLabels - 1, labels.length));
    }

    public boolean sameOrganisation(String a, String b) {
        return organisationalDomain(a).equals(organisationalDomain(b));
    }

    /** The public suffix itself (co.uk for a.co.uk). */
    public String suffix(String domain) {
        String org = organisationalDomain(domain);
        int dot = org.indexOf('.');
        return dot < 0 ? org : org.substring(dot + 1);
    }

    public static String ascii(String domain) {
        String d = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-')) {
            return d;
        }
        try {
            return IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notIdn) {
            return d;
        }
    }

    private static PublicSuffixes load() {
        Set<String> rules = new HashSet<>();
        Set<String> wildcards = new HashSet<>();
        Set<String> exceptions = new HashSet<>();
        try (InputStream in = PublicSuffixes.class.getResourceAsStream("/mail/public_suffix_list.dat");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                String rule = line.strip();
                if (rule.isEmpty() || rule.startsWith("//")) {
                    continue;
                }
                if (rule.startsWith("!")) {
                    exceptions.add(ascii(rule.substring(1)));
                } else if (rule.startsWith("*.")) {
                    wildcards.add(ascii(rule.substring(2)));
                } else {
                    rules.add(ascii(rule));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PublicSuffixes(Set.copyOf(rules), Set.copyOf(wildcards), Set.copyOf(exceptions));
    }
}
