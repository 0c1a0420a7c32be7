package org.townhall.mail.checks;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * DMARC (RFC 7489), which no maintained Java library implements: the From domain's policy record
 * (or its organisational domain's, 6.6.3), and whether SPF or DKIM passed for a domain aligned
 * with the From domain (3.1: relaxed means the same organisational domain, strict the same name).
 */
public final class Dmarc {

    public enum Policy { NONE, QUARANTINE, REJECT }

    /** The From domain's published record, as far as this screening needs it. */
    public record Record(Policy policy, Policy subdomainPolicy, boolean strictSpf, boolean strictDkim, int percent, String foundAt) {
    }

    /** Outcome: pass, fail (with the policy to apply), none (no record), temperror (DNS did not answer). */
    public record Outcome(String result, Policy policy, String reason) {
        public boolean passed() {
            return "pass".equals(result);
        }
    }

    private final Dns dns;
    private final PublicSuffixes suffixes;

    public Dmarc(Dns dns, PublicSuffixes suffixes) {
        this.dns = dns;
        this.suffixes = suffixes;
    }

    public Outcome evaluate(String fromDomain, Spf.Result spf, Dkim.Signatures dkim) {
        if (fromDomain == null || fromDomain.isBlank()) {
            return new Outcome("fail", Policy.NONE, "no single From address to check");
        }
        String from = PublicSuffixes.ascii(fromDomain);
        Optional<Record> found;
        try {
            found = record(from);
        } catch (Dns.TemporaryFailure e) {
            return new Outcome("temperror", Policy.NONE, "DNS did not answer for _dmarc." + from);
        }
        if (found.isEmpty()) {
            return new Outcome("none", Policy.NONE, from + " publishes no DMARC policy");
        }
        Record record = found.get();
        boolean spfAligned = spf.passed() && aligned(spf.domain(), from, record.strictSpf());
        String dkimDomain = dkim.passed().stream().filter(d -> aligned(d, from, record.strictDkim())).findFirst().orElse(null);
        if (spfAligned || dkimDomain != null) {
            return new Outcome("pass", record.policy(), from + " passes DMARC ("
                    + (dkimDomain != null ? "DKIM signed by " + dkimDomain : "SPF for " + spf.domain()) + ")");
        }
        // 6.6.3: a subdomain with no record of its own takes sp= from the organisational domain's record.
        Policy policy = record.foundAt().equals(from) ? record.policy() : record.subdomainPolicy();
        // 6.6.4: outside the sampled percentage the next policy down applies.
        if (record.percent() < 100 && java.util.concurrent.ThreadLocalRandom.current().nextInt(100) >= record.percent()) {
            policy = policy == Policy.REJECT ? Policy.QUARANTINE : Policy.NONE;
        }
        return new Outcome("fail", policy, from + " fails DMARC (SPF " + spf.result() + " for " + spf.domain()
                + ", DKIM " + (dkim.signed() ? "not aligned or invalid" : "absent") + "), policy "
                + policy.name().toLowerCase(Locale.ROOT));
    }

    private boolean aligned(String authenticated, String from, boolean strict) {
        String a = PublicSuffixes.ascii(authenticated);
        return strict ? a.equals(from) : suffixes.sameOrganisation(a, from);
    }

    /** 6.6.3: the From domain's record, else the organisational domain's. */
    Optional<Record> record(String domain) throws Dns.TemporaryFailure {
        Optional<Record> own = parse(dns.lookup("_dmarc." + domain, Dns.Type.TXT), domain);
        if (own.isPresent()) {
            return own;
        }
        String organisational = suffixes.organisationalDomain(domain);
        if (organisational.equals(domain)) {
            return Optional.empty();
        }
        return parse(dns.lookup("_dmarc." + organisational, Dns.Type.TXT), organisational);
    }

    /** 6.3: exactly one record starting "v=DMARC1"; an unknown p= in it makes the record invalid. */
    static Optional<Record> parse(List<String> txt, String at) {
        List<String> records = txt.stream().filter(t -> t.strip().regionMatches(true, 0, "v=DMARC1", 0, 8)).toList();
        if (records.size() != 1) {
            return Optional.empty();
        }
        Map<String, String> tags = new HashMap<>();
        for (String tag : records.get(0).split(";")) {
            int eq = tag.indexOf('=');
            if (eq > 0) {
                tags.put(tag.substring(0, eq).strip().toLowerCase(Locale.ROOT), tag.substring(eq + 1).strip().toLowerCase(Locale.ROOT));
            }
        }
        Optional<Policy> policy = policy(tags.get("p"));
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        int percent = 100;
        try {
            percent = Math.max(0, Math.min(100, Integer.parseInt(tags.getOrDefault("pct", "100"))));
        } catch (NumberFormatException ignored) {
            percent = 100;
        }
        return Optional.of(new Record(policy.get(), policy(tags.get("sp")).orElse(policy.get()), "s".equals(tags.get("aspf")),
                "s".equals(tags.get("adkim")), percent, at));
    }

    private static Optional<Policy> policy(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value) {
            case "none" -> Optional.of(Policy.NONE);
            case "quarantine" -> Optional.of(Policy.QUARANTINE);
            case "reject" -> Optional.of(Policy.REJECT);
            default -> Optional.empty();
        };
    }
}
