package org.townhall.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Activation codes: 60 random bits in characters nobody misreads, typed back however people type them. */
class ActivationCodesTest {

    @Test
    void aCodeIsTwelveCharactersOfCrockfordBase32InGroupsOfFour() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String code = ActivationCodes.next();
            assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
            seen.add(code);
        }
        assertThat(seen).hasSize(1_000);
    }

    @Test
    void aCodeTypedWithSpacesInLowerCaseOrWithLettersForDigitsIsReadAsPrinted() {
        assertThat(ActivationCodes.normalise(" 7kq2 m9xd-4htp ")).contains("7KQ2M9XD4HTP");
        assertThat(ActivationCodes.normalise("1O23-I456-L789")).contains("102314561789");
    }

    @Test
    void anythingThatCannotBeACodeIsNotOne() {
        assertThat(ActivationCodes.normalise(null)).isEmpty();
        assertThat(ActivationCodes.normalise("7KQ2-M9XD-4HT")).isEmpty();
        assertThat(ActivationCodes.normalise("7KQ2-M9XD-4HTU")).as("U is not in the alphabet").isEmpty();
        assertThat(ActivationCodes.normalise("x".repeat(41))).isEmpty();
    }
}
