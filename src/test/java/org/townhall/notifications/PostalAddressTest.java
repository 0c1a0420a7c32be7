package org.townhall.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Addresses in the shape GOV.UK Notify's letter API requires: three to seven lines, a UK postcode last. */
class PostalAddressTest {

    @Test
    void anAddresseeAndACommaSeparatedAddressBecomeLinesWithTheFormattedPostcodeLast() {
        PostalAddress address = PostalAddress.of("The tenant", "Flat 6, Canal House, Eastbridge", "eb32ch");
        assertThat(address.personalisation()).containsExactly(Map.entry("address_line_1", "The tenant"),
                Map.entry("address_line_2", "Flat 6"), Map.entry("address_line_3", "Canal House"),
                Map.entry("address_line_4", "Eastbridge"), Map.entry("address_line_5", "EB3 2CH"));
        assertThat(address.oneLine()).isEqualTo("The tenant, Flat 6, Canal House, Eastbridge, EB3 2CH");
    }

    @Test
    void aLongAddressIsFoldedIntoSevenLinesAtMost() {
        PostalAddress address = PostalAddress.of("The council tax payer", "A, B, C, D, E, F, G", "SW1A 1AA");
        assertThat(address.personalisation()).hasSize(7).containsEntry("address_line_6", "E, F, G")
                .containsEntry("address_line_7", "SW1A 1AA");
    }

    @Test
    void anAddressWithoutAUkPostcodeOrWithTooFewLinesIsRefused() {
        assertThatThrownBy(() -> PostalAddress.of("The tenant", "Flat 6", "not a postcode")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostalAddress.of("The tenant", "", "EB3 2CH")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PostalAddress(List.of("The tenant", " "), "EB3 2CH")).isInstanceOf(IllegalArgumentException.class);
    }
}
