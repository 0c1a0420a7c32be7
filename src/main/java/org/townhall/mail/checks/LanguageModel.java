package org.townhall.mail.checks;

import org.springframework.stereotype.Component;

/** The trained language classifier; without a model every text scores 0. */
@Component
public class LanguageModel {

    /** The probability (0 to 1) that a text is spam or phishing. */
    public double spamProbability(String text) {
        return 0;
    }
}
