package org.townhall.mail.checks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.townhall.mail.MailSettings;
import org.townhall.mail.Verdict;
import org.townhall.mail.message.MailParser;
import org.townhall.mail.message.ParsedMail;
import org.townhall.mail.message.RawHeaders;

/**
 * Runs every check over a message and adds their scores up to a verdict: refuse when a check
 * refuses (DMARC reject, malware), quarantine at or over the quarantine threshold, deliver with
 * a warning banner at or over the warning threshold, deliver otherwise. A check that fails on a
 * hostile message adds a finding instead of stopping the others.
 */
public final class Screener {

    private static final Logger log = LoggerFactory.getLogger(Screener.class);

    private final List<Check> checks;
    private final MailSettings settings;
    private final PublicSuffixes suffixes;
    private final StepTimes times;
    private final List<String> names;

    public Screener(List<Check> checks, MailSettings settings, PublicSuffixes suffixes) {
        this(checks, settings, suffixes, new StepTimes());
    }

    public Screener(List<Check> checks, MailSettings settings, PublicSuffixes suffixes, StepTimes times) {
        this.checks = List.copyOf(checks);
        this.settings = settings;
        this.suffixes = suffixes;
        this.times = times;
        this.names = this.checks.stream().map(c -> "check " + c.getClass().getSimpleName()).toList();
    }

    public StepTimes times() {
        return times;
    }

    public Screening screen(Incoming.Envelope envelope, RawHeaders headers, byte[] raw) {
        long start = System.nanoTime();
        ParsedMail mail = MailParser.parse(headers, raw);
        long parsed = System.nanoTime();
        times.add("parse MIME", parsed - start);
        Incoming incoming = new Incoming(envelope, raw, mail);
        List<Finding> findings = new ArrayList<>();
        if (mail.nestedTooDeep()) {
            findings.add(Finding.refusing("structure", 20, "parts nested more than " + MailParser.MAX_DEPTH + " deep"));
        } else if (!mail.problems().isEmpty()) {
            findings.add(Finding.of("structure", 8, "unreadable structure: " + String.join(", ", mail.problems())));
        }
        try {
            LinkFinder.find(incoming);
        } catch (RuntimeException | StackOverflowError e) {
            findings.add(Finding.of("links", 3, "links could not all be read"));
        }
        long found = System.nanoTime();
        times.add("find links", found - parsed);
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            long before = System.nanoTime();
            try {
                findings.addAll(check.check(incoming));
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                log.warn("Mail check {} failed: {}", check.getClass().getSimpleName(), e.toString());
                findings.add(Finding.of(check.getClass().getSimpleName(), 3, "this check could not be completed on this message"));
            }
            times.add(names.get(i), System.nanoTime() - before);
        }
        int score = findings.stream().mapToInt(Finding::score).sum();
        Verdict verdict = findings.stream().anyMatch(Finding::refuses) ? Verdict.REFUSE
                : score >= settings.verdicts().quarantineAt() ? Verdict.QUARANTINE
                : score >= settings.verdicts().warnAt() ? Verdict.WARN : Verdict.DELIVER;
        Set<String> linkDomains = new LinkedHashSet<>();
        incoming.links().stream().filter(l -> !l.runsCode()).forEach(l -> linkDomains.add(suffixes.organisationalDomain(l.asciiHost())));
        return new Screening(mail, List.copyOf(findings), score, verdict, linkDomains, Set.copyOf(incoming.attachmentHashes()),
                incoming.authenticationResults());
    }
}
