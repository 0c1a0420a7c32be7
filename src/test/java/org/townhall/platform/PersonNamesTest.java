package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A name holds what names hold, in any script, and nothing a message could be made of. */
class PersonNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"Amara Okafor", "Zoë O’Brien-Smith", "Siân Llewellyn", "Nguyễn Văn An", "李小龍", "D'Arcy Ng",
            "J. R. Hartley", "J.R. Hartley", "Amara O. Okafor", "Mary-Jane Watson", "Ó Súilleabháin", "Łukasz Żółć",
            "Zoe\u0308 Adeyemi", "X"})
    void realNamesAreAccepted(String name) {
        assertThat(PersonNames.isValid(name)).as(name).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Resident. URGENT: your council tax is overdue - pay at https://pay.example/eastbridge",
            "Resident. Pay now", "https://pay.example", "pay.example", "t.co", "www.pay.example", "bob@example.com",
            "Flat 2", "Call 0800 123 456", "Amara\nPay now", "Amara\u202Eexe", "Amara\u200BOkafor", "-Amara", "Amara-",
            "Amara  'Okafor", "Mr. Okafor", "Amara!", "<b>Amara</b>", "Amara (Okafor)", "", "   "})
    void anythingThatIsNotANameIsRefused(String value) {
        assertThat(PersonNames.isValid(value)).as(value).isFalse();
    }

    @Test
    void seventyCharactersAreTheMost() {
        assertThat(PersonNames.isValid("A".repeat(PersonNames.LONGEST))).isTrue();
        assertThat(PersonNames.isValid("A".repeat(PersonNames.LONGEST + 1))).isFalse();
        assertThat(PersonNames.isValid(null)).isFalse();
    }

    @Test
    void spacesAreTidiedAndAccentsComposedRatherThanRefused() {
        assertThat(PersonNames.tidy("  Amara \t  Okafor ")).isEqualTo("Amara Okafor");
        assertThat(PersonNames.tidy("Zoe\u0308")).isEqualTo("Zoë");
        assertThat(PersonNames.isValid("Amara\u00A0Okafor")).isTrue();
        assertThat(PersonNames.tidy(null)).isNull();
    }
}
