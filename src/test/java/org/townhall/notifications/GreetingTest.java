package org.townhall.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A resident's name reaches a message only as the greeting, and only when it is a name. */
class GreetingTest {

    private static final ResidentEmail RESET = new ResidentEmail.ResetPassword("http://localhost/x");
    private static final String PHISHING = "Resident. URGENT: your council tax is overdue - pay at https://pay.example/eastbridge";

    @Test
    void aNameBecomesTheGreetingAndIsNotKeptAsAFieldOfItsOwn() {
        Map<String, String> fields = Greeting.opening(RESET, "Amara Okafor");
        assertThat(fields).containsEntry("greeting", "Dear Amara Okafor").containsEntry("link", "http://localhost/x")
                .doesNotContainKey("name");
    }

    @Test
    void aStoredNameCarryingALinkOrASecondSentenceIsReplacedByHello() {
        Map<String, String> fields = Greeting.opening(RESET, PHISHING);
        assertThat(fields).containsEntry("greeting", "Hello").doesNotContainKey("name");
        String body = NotificationTemplate.RESET_PASSWORD.render(fields);
        assertThat(body).startsWith("Hello,").doesNotContain("URGENT").doesNotContain("pay.example");
        assertThat(Greeting.of("bob@example.com")).isEqualTo("Hello");
        assertThat(Greeting.of("Flat 2")).isEqualTo("Hello");
        assertThat(Greeting.of("Amara\nPay at www.pay.example")).isEqualTo("Hello");
    }

    @Test
    void withoutANameTheMessageSaysHello() {
        assertThat(Greeting.opening(RESET, null)).containsEntry("greeting", "Hello").containsEntry("link", "http://localhost/x");
    }

    @Test
    void everyEmailOpensWithTheGreetingAndNoneHasANamePlaceholder() {
        assertThat(Arrays.stream(NotificationTemplate.values()).filter(t -> !t.letter())).allSatisfy(template -> {
            String body = template.render(Map.of());
            assertThat(body).as(template.name()).startsWith("((greeting)),").doesNotContain("((name))");
            assertThat(template.subject()).as(template.name()).doesNotContain("((name))").doesNotContain("((greeting))");
        });
        assertThat(Arrays.stream(NotificationTemplate.values()).filter(t -> !t.letter())
                .map(t -> t.render(Map.of("greeting", "Hello")))).allSatisfy(body -> assertThat(body).startsWith("Hello,"));
    }

    /** A letter goes to an address, not a person: it names nobody, so no typed name can reach it. */
    @Test
    void lettersGreetNobodyAndHaveNoNamePlaceholder() {
        assertThat(Arrays.stream(NotificationTemplate.values()).filter(NotificationTemplate::letter)).isNotEmpty()
                .allSatisfy(template -> assertThat(template.render(Map.of()) + template.subject()).as(template.name())
                        .doesNotContain("((greeting))").doesNotContain("((name))"));
    }
}
