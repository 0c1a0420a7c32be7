package org.townhall.mail.checks;

import java.util.List;
import java.util.Set;
import org.townhall.mail.checks.LanguageCheck.Feature;

/**
 * A message about council tax, parking fines, benefits or another public service that asks the
 * reader to pay, sign in or change bank details through a link somewhere that is neither the
 * council nor a protected domain (GOV.UK Pay, the bank itself). Genuine council and government
 * mail sends people to the council's or GOV.UK's own pages; a "new payment portal" elsewhere is
 * the scam.
 */
public final class CouncilServiceCheck implements Check {

    static final String NAME = "council services";

    private final Lookalikes lookalikes;

    public CouncilServiceCheck(Lookalikes lookalikes) {
        this.lookalikes = lookalikes;
    }

    @Override
    public List<Finding> check(Incoming incoming) {
        String bounded = org.townhall.mail.language.LanguageFeatures.textOf(incoming.mail());
        if (!LanguageCheck.aboutCouncilService(bounded)) {
            return List.of();
        }
        Set<Feature> asks = LanguageCheck.features(bounded);
        if (!asks.contains(Feature.PAYMENT_REQUEST) && !asks.contains(Feature.CREDENTIALS) && !asks.contains(Feature.BANK_DETAILS_CHANGE)) {
            return List.of();
        }
        return incoming.links().stream().filter(l -> !l.runsCode() && !lookalikes.genuine(l.asciiHost())).findFirst()
                .map(l -> List.of(Finding.of(NAME, 5, "asks to pay or sign in for a council or government service at "
                        + l.asciiHost() + ", which is neither the council nor GOV.UK")))
                .orElse(List.of());
    }
}
