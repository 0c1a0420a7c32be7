package org.townhall.mail.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The wording rules run on text lowered once and only where a match can start; they must find
 * exactly what the plain case-insensitive expressions find. Each phrase below starts one
 * alternative of a rule, so a new alternative starting with a letter missing from the rule's
 * set fails here.
 */
class LanguageRulesTest {

    private static final List<String> PHRASES = List.of(
            "We have NEW bank details", "updated payment information", "change of our bank account", "amended remittance info",
            "Sort code: 12-34-56 has changed", "account number below", "IBAN new", "SWIFT updated", "we changed our bank",
            "moved bank", "switched our bank", "bank has changed", "remittance advice attached",
            "URGENT", "urgently", "Immediately", "within 24 hours", "today, pay or else", "final notice", "last chance",
            "will be suspended", "be deactivated", "legal action", "bailiffs", "enforcement agents", "avoid a penalty",
            "expires today", "as soon as possible", "time-sensitive", "act now",
            "verify your account", "confirm identity", "validate email", "update your password", "reactivate login",
            "re-activate details", "unlock account", "sign in to view", "log in with your", "login using access",
            "password expires", "mailbox is full", "unusual sign-in", "shared a document", "view the shared file",
            "open invoice", "access the statement", "review document", "enter your PIN",
            "pay now", "outstanding balance", "overdue invoice", "card details", "make a payment", "complete the payment",
            "settle your payment", "payment is due", "wire transfer", "gift cards", "refund pending", "you are owed",
            "tax rebate",
            "keep this confidential", "treat it private", "do not call", "are you available", "r u available",
            "I'm in a meeting", "i am travelling", "quick favour", "can you help me",
            "Council Tax", "parking fine", "penalty charge notice", "PCN", "business rates", "housing benefit",
            "rent account", "blue badge", "DVLA", "HMRC", "universal credit", "TV licence", "congestion charge", "ULEZ");

    @Test
    void everyRuleFindsWhatItsPlainExpressionFinds() throws Exception {
        List<String> texts = new ArrayList<>(PHRASES);
        PHRASES.forEach(p -> texts.add("xx " + p + " yy"));
        try (Stream<Path> all = Files.walk(Path.of(getClass().getResource("/mail/council-set").toURI()))) {
            for (Path file : all.filter(f -> f.toString().endsWith(".eml")).toList()) {
                texts.add(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        List<String> differences = new ArrayList<>();
        int matched = 0;
        for (String text : texts) {
            for (LanguageCheck.Feature feature : LanguageCheck.Feature.values()) {
                boolean plain = Pattern.compile("(?i)" + feature.expression).matcher(text).find();
                matched += plain ? 1 : 0;
                if (plain != feature.in(text)) {
                    differences.add(feature + ": " + text.substring(0, Math.min(60, text.length())));
                }
            }
            boolean plain = Pattern.compile("(?i)" + LanguageCheck.COUNCIL_SERVICE_EXPRESSION).matcher(text).find();
            if (plain != LanguageCheck.aboutCouncilService(text)) {
                differences.add("council service: " + text.substring(0, Math.min(60, text.length())));
            }
        }
        assertThat(matched).isGreaterThan(PHRASES.size());
        assertThat(differences).isEmpty();
    }

    @Test
    void eachPhraseIsFoundByARule() {
        for (String phrase : PHRASES) {
            boolean found = LanguageCheck.aboutCouncilService(phrase)
                    || java.util.Arrays.stream(LanguageCheck.Feature.values()).anyMatch(f -> f.in(phrase));
            assertThat(found).as(phrase).isTrue();
        }
    }
}
