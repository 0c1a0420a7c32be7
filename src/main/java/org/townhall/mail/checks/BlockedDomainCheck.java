package org.townhall.mail.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Sender domains security analysts declared phishing: the From domain, the envelope's, or a link's. */
public final class BlockedDomainCheck implements Check {

    private final Function<String, Optional<String>> blockReason;
    private final PublicSuffixes suffixes;

    public BlockedDomainCheck(Function<String, Optional<String>> blockReason, PublicSuffixes suffixes) {
        this.blockReason = blockReason;
        this.suffixes = suffixes;
    }

    @Override
    public List<Finding> check(Incoming incoming) {
        List<Finding> findings = new ArrayList<>();
        String from = incoming.fromDomain();
        if (!from.isEmpty()) {
            String organisation = suffixes.organisationalDomain(from);
            blockReason.apply(organisation).ifPresent(reason -> findings.add(Finding.refusing("blocked domain", 20,
                    organisation + " is blocked by the council's security analysts: " + reason)));
        }
        incoming.links().stream().filter(l -> !l.runsCode()).map(l -> suffixes.organisationalDomain(l.asciiHost())).distinct().limit(50)
                .forEach(domain -> blockReason.apply(domain).ifPresent(reason -> findings.add(Finding.of("blocked domain", 10,
                        "a link leads to " + domain + ", blocked by the council's security analysts: " + reason))));
        return findings;
    }
}
