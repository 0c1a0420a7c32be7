package org.townhall.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A resident's name reaches a message only as the greeting, and only when it is a name. */
class GreetingTest {

    private static final String PHISHING = "Resident. URGENT: your council tax is overdue - pay at https://pay.example/eastbridge";

    @Test
    void aNameBecomesTheGreetingAndIsNotKeptAsAFieldOfItsOwn() {
        Map<String, String> fields = Greeting.inPlaceOfName(Map.of("name", "Amara Okafor", "link", "http://localhost/x"));
        assertThat(fields).containsEntry("greeting", "Dear Amara Okafor").containsEntry("link", "http://localhost/x")
                .doesNotContainKey("name");
    }

    @Test
    void aStoredNameCarryingALinkOrASecondSentenceIsReplacedByHello() {
        Map<String, String> fields = Greeting.inPlaceOfName(Map.of("name", PHISHING, "link", "http://localhost/x"));
        assertThat(fields).containsEntry("greeting", "Hello").doesNotContainKey("name");
        String body = NotificationTemplate.RESET_PASSWORD.render(fields);
        assertThat(body).startsWith("Hello,").doesNotContain("URGENT").doesNotContain("pay.example");
        assertThat(Greeting.of("bob@example.com")).isEqualTo("Hello");
        assertThat(Greeting.of("Flat 2")).isEqualTo("Hello");
        assertThat(Greeting.of("Amara\nPay at www.pay.example")).isEqualTo("Hello");
    }

    @Test
    void withoutANameTheMessageSaysHello() {
        assertThat(Greeting.inPlaceOfName(Map.of("link", "http://localhost/x"))).containsEntry("greeting", "Hello");
    }

    @Test
    void everyTemplateOpensWithTheGreetingAndNoneHasANamePlaceholder() {
        assertThat(NotificationTemplate.values()).allSatisfy(template -> {
            String body = template.render(Map.of());
            assertThat(body).as(template.name()).startsWith("((greeting)),").doesNotContain("((name))");
            assertThat(template.subject()).as(template.name()).doesNotContain("((name))").doesNotContain("((greeting))");
        });
        assertThat(Arrays.stream(NotificationTemplate.values()).map(t -> t.render(Map.of("greeting", "Hello"))))
                .allSatisfy(body -> assertThat(body).startsWith("Hello,"));
    }
}
