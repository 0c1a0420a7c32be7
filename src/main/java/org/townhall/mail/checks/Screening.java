package org.townhall.mail.checks;

import java.util.List;
import java.util.Set;
import org.townhall.mail.Verdict;
import org.townhall.mail.message.ParsedMail;

/** Every check's findings for one message, their total and the verdict they add up to. */
public record Screening(ParsedMail mail, List<Finding> findings, int score, Verdict verdict, Set<String> linkDomains,
                        Set<String> attachmentHashes, String authenticationResults) {

    /** The finding that refuses the message, for the SMTP reply; the highest-scoring one otherwise. */
    public Finding leading() {
        return findings.stream().filter(Finding::refuses).findFirst()
                .orElseGet(() -> findings.stream().max(java.util.Comparator.comparingInt(Finding::score))
                        .orElse(Finding.of("screening", 0, "nothing found")));
    }
}
